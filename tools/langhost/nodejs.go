package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// nodeRunEntry is the program launcher inside the @pulumi/pulumi package: it
// reads its flags into PULUMI_NODEJS_* variables, registers ts-node for
// TypeScript (the user's typescript and ts-node if installed, else the copies
// vendored in @pulumi/pulumi) and requires the program.
var nodeRunEntry = filepath.Join("node_modules", "@pulumi", "pulumi", "cmd", "run", "index.js")

// nodejsLaunch runs the program as
//
//	node NODEARGS... .../@pulumi/pulumi/cmd/run/index.js --monitor ... --pwd DIR [--dry-run] ENTRY ARGS...
//
// with run/index.js found in node_modules of the program directory or of a
// directory above it (as Node.js resolves modules). Runtime options:
// typescript (default true: PULUMI_NODEJS_TYPESCRIPT=true, ts-node), tsconfig
// (PULUMI_NODEJS_TSCONFIG_PATH) and nodeargs (split at white space; no quoting).
func nodejsLaunch(req *pulumirpc.RunRequest, engine string, environ []string) (launch, error) {
	opts := optionsOf(req.GetInfo())
	typescript, err := opts.boolean("typescript", true)
	if err != nil {
		return launch{}, err
	}
	tsconfig, err := opts.str("tsconfig")
	if err != nil {
		return launch{}, err
	}
	nodeargs, err := opts.str("nodeargs")
	if err != nil {
		return launch{}, err
	}
	programDir := req.GetInfo().GetProgramDirectory()
	run, err := findUpward(programDir, nodeRunEntry)
	if err != nil {
		return launch{}, err
	}

	set := []string{
		"PULUMI_CONFIG=" + configJSON(req.GetConfig()),
		"PULUMI_CONFIG_SECRET_KEYS=" + secretKeysJSON(req.GetConfigSecretKeys()),
	}
	// Set either way, so that a value in the host's own environment cannot win.
	set = append(set, "PULUMI_NODEJS_TYPESCRIPT="+strconv.FormatBool(typescript))
	if tsconfig != "" {
		set = append(set, "PULUMI_NODEJS_TSCONFIG_PATH="+tsconfig)
	}

	args := strings.Fields(nodeargs)
	args = append(args, run)
	args = append(args, flagArgs(
		"monitor", req.GetMonitorAddress(),
		"engine", engine,
		"organization", req.GetOrganization(),
		"project", req.GetProject(),
		"root-directory", req.GetInfo().GetRootDirectory(),
		"stack", req.GetStack(),
		"pwd", programDir,
	)...)
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	args = append(args, flagArgs("parallel", itoa(req.GetParallel()))...)
	args = append(args, entryPoint(req))
	args = append(args, req.GetArgs()...)
	return launch{path: "node", args: args, env: withEnv(environ, set...), dir: programDir}, nil
}

// findUpward returns dir/rel for the nearest dir at or above start that has it.
func findUpward(start, rel string) (string, error) {
	for dir := filepath.Clean(start); ; dir = filepath.Dir(dir) {
		path := filepath.Join(dir, rel)
		if _, err := os.Stat(path); err == nil {
			return path, nil
		}
		if parent := filepath.Dir(dir); parent == dir {
			return "", fmt.Errorf("it looks like the Pulumi SDK has not been installed: no %s in %s or above it; "+
				"run `npm install` in the program directory", rel, start)
		}
	}
}
