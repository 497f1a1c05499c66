package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// pythonExec is the launcher script of the pulumi Python SDK (sdk/python/cmd in
// pulumi/pulumi): it configures pulumi.runtime from its flags and runs the
// program with runpy. tools/toolchain.sh installs it beside this host.
const pythonExec = "pulumi-language-python-exec"

// pythonLaunch runs the program as
//
//	PYTHON pulumi-language-python-exec --monitor ... --engine ... ENTRY ARGS...
//
// where PYTHON is bin/python of the `virtualenv` runtime option (relative to the
// project root, and activated: first on PATH, VIRTUAL_ENV set, PYTHONHOME unset)
// or, without that option, python3 from PATH. Configuration goes in
// PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS, as the script expects.
func pythonLaunch(req *pulumirpc.RunRequest, engine, execScript string, environ []string) (launch, error) {
	opts := optionsOf(req.GetInfo())
	if err := opts.refuse("python", "typechecker"); err != nil {
		return launch{}, err
	}
	if tc, err := opts.str("toolchain"); err != nil {
		return launch{}, err
	} else if tc != "" && tc != "pip" {
		return launch{}, fmt.Errorf("runtime option toolchain %q is not supported by this python host (tools/langhost): use pip with a virtualenv", tc)
	}
	virtualenv, err := opts.str("virtualenv")
	if err != nil {
		return launch{}, err
	}

	python := "python3"
	env := withEnv(environ,
		"PULUMI_CONFIG="+configJSON(req.GetConfig()),
		"PULUMI_CONFIG_SECRET_KEYS="+secretKeysJSON(req.GetConfigSecretKeys()))
	if virtualenv != "" {
		venv := underRoot(req.GetInfo().GetRootDirectory(), virtualenv)
		python = filepath.Join(venv, "bin", "python")
		if _, err := os.Stat(python); err != nil {
			return launch{}, fmt.Errorf("the virtualenv %s (runtime option virtualenv: %s) has no bin/python: "+
				"create it with `python3 -m venv %s` and install the program's requirements into it", venv, virtualenv, venv)
		}
		env = activateVirtualenv(env, venv)
	}

	args := []string{execScript}
	args = append(args, flagArgs(
		"monitor", req.GetMonitorAddress(),
		"engine", engine,
		"project", req.GetProject(),
		"root_directory", req.GetInfo().GetRootDirectory(),
		"stack", req.GetStack(),
		"pwd", req.GetPwd(),
		"dry_run", strconv.FormatBool(req.GetDryRun()),
		"parallel", itoa(req.GetParallel()),
		"organization", req.GetOrganization(),
	)...)
	args = append(args, entryPoint(req))
	args = append(args, req.GetArgs()...)
	return launch{path: python, args: args, env: env, dir: req.GetPwd()}, nil
}

// activateVirtualenv does what the venv's activate script does to the environment.
func activateVirtualenv(environ []string, venv string) []string {
	path := filepath.Join(venv, "bin")
	if old := envValue(environ, "PATH"); old != "" {
		path += string(os.PathListSeparator) + old
	}
	kept := make([]string, 0, len(environ))
	for _, kv := range environ {
		if !strings.HasPrefix(kv, "PYTHONHOME=") {
			kept = append(kept, kv)
		}
	}
	return withEnv(kept, "PATH="+path, "VIRTUAL_ENV="+venv)
}

// entryPoint is the program to run relative to the program directory; the
// engine always sends one ("." for the directory itself).
func entryPoint(req *pulumirpc.RunRequest) string {
	if e := req.GetInfo().GetEntryPoint(); e != "" {
		return e
	}
	return "."
}

// besideHost finds name in the directory of this host's executable.
func besideHost(name string) (string, error) {
	self, err := os.Executable()
	if err != nil {
		return "", err
	}
	self, err = filepath.EvalSymlinks(self)
	if err != nil {
		return "", err
	}
	path := filepath.Join(filepath.Dir(self), name)
	if _, err := os.Stat(path); err != nil {
		return "", fmt.Errorf("%s is not beside this host (%s); run tools/toolchain.sh", name, filepath.Dir(self))
	}
	return path, nil
}
