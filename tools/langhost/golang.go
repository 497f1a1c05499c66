package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// goOptions are the go runtime options: `binary` runs a prebuilt program
// (relative to the project root) instead of building one; `buildTarget` is
// where to build it (relative to the project root; kept after the run).
type goOptions struct {
	binary      string
	buildTarget string
}

func goOptionsOf(info *pulumirpc.ProgramInfo) (goOptions, error) {
	opts := optionsOf(info)
	binary, err := opts.str("binary")
	if err != nil {
		return goOptions{}, err
	}
	target, err := opts.str("buildTarget")
	if err != nil {
		return goOptions{}, err
	}
	if binary != "" && target != "" {
		return goOptions{}, errors.New("runtime options binary and buildTarget cannot both be set")
	}
	root := info.GetRootDirectory()
	if binary != "" {
		binary = underRoot(root, binary)
	}
	if target != "" {
		target = underRoot(root, target)
	}
	return goOptions{binary: binary, buildTarget: target}, nil
}

// goBuild returns the command that compiles the program directory into out:
// a plain `go build` (no -trimpath or -ldflags), so that it reuses the build
// cache that the user's own `go build` or `go vet` filled; other flags would
// recompile the whole Pulumi SDK on first use (about 40 s on 2 cores).
// -buildvcs=false: the program need not be in a clean VCS checkout.
func goBuild(programDir, out string, environ []string) launch {
	return launch{
		path: "go",
		args: []string{"build", "-buildvcs=false", "-o", out, "."},
		env:  environ,
		dir:  programDir,
	}
}

// goProgram returns the executable to run: the `binary` option's, or one
// built now with `go build` (its output goes to stderr) into buildTarget or a
// temporary directory; cleanup removes what is temporary.
func goProgram(ctx context.Context, req *pulumirpc.RunRequest, environ []string, stderr io.Writer) (string, func(), error) {
	noCleanup := func() {}
	opts, err := goOptionsOf(req.GetInfo())
	if err != nil {
		return "", noCleanup, err
	}
	if opts.binary != "" {
		if _, err := os.Stat(opts.binary); err != nil {
			return "", noCleanup, fmt.Errorf("runtime option binary: %w", err)
		}
		return opts.binary, noCleanup, nil
	}
	programDir := req.GetInfo().GetProgramDirectory()
	if matches, _ := filepath.Glob(filepath.Join(programDir, "*.go")); len(matches) == 0 {
		return "", noCleanup, fmt.Errorf("no *.go files in %s to build", programDir)
	}
	out, cleanup := opts.buildTarget, noCleanup
	if out == "" {
		tmp, err := os.MkdirTemp("", "pulumi-go-program-")
		if err != nil {
			return "", noCleanup, err
		}
		out, cleanup = filepath.Join(tmp, "program"), func() { _ = os.RemoveAll(tmp) }
	}
	build := goBuild(programDir, out, environ)
	cmd := exec.CommandContext(ctx, build.path, build.args...)
	cmd.Dir, cmd.Env = build.dir, build.env
	cmd.Stdout, cmd.Stderr = stderr, stderr
	if err := cmd.Run(); err != nil {
		cleanup()
		return "", noCleanup, fmt.Errorf("go build of %s failed (%w); its messages are above", programDir, err)
	}
	return out, cleanup, nil
}

// goLaunch runs the built program in the request's working directory, passing
// everything through the environment variables that pulumi.Run reads.
func goLaunch(req *pulumirpc.RunRequest, engine, program string, environ []string) launch {
	set := []string{
		pulumi.EnvConfig + "=" + configJSON(req.GetConfig()),
		pulumi.EnvConfigSecretKeys + "=" + secretKeysJSON(req.GetConfigSecretKeys()),
		pulumi.EnvDryRun + "=" + strconv.FormatBool(req.GetDryRun()),
		pulumi.EnvParallel + "=" + itoa(req.GetParallel()),
	}
	for _, kv := range [][2]string{
		{pulumi.EnvOrganization, req.GetOrganization()},
		{pulumi.EnvProject, req.GetProject()},
		{pulumi.EnvPulumiRootDirectory, req.GetInfo().GetRootDirectory()},
		{pulumi.EnvStack, req.GetStack()},
		{pulumi.EnvMonitor, req.GetMonitorAddress()},
		{pulumi.EnvEngine, engine},
	} {
		if kv[1] != "" {
			set = append(set, kv[0]+"="+kv[1])
		}
	}
	return launch{path: program, args: req.GetArgs(), env: withEnv(environ, set...), dir: req.GetPwd()}
}
