package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/constant"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// launch is one process to start for a program: what the language-specific
// code decides, kept apart from starting it so that tests can inspect it.
type launch struct {
	path string   // executable: a path, or a name looked up on PATH
	args []string // arguments after the executable
	env  []string // the complete environment
	dir  string   // working directory; empty keeps the host's
}

// exitLoggedError is the exit status every Pulumi SDK (python, nodejs, go) uses
// for "the program failed and already told the engine why": the host then
// answers Bail, so the engine prints nothing more.
const exitLoggedError = constant.ExitStatusLoggedError

// interruptGrace is how long a cancelled program has between SIGINT and SIGKILL.
const interruptGrace = 5 * time.Second

// runLaunch starts l, forwards its output to stdout/stderr (the engine shows
// what a language host prints) and turns its exit into the engine's answer.
// Cancelling ctx interrupts the program.
func runLaunch(ctx context.Context, l launch, stdout, stderr io.Writer) *pulumirpc.RunResponse {
	cmd := exec.CommandContext(ctx, l.path, l.args...)
	cmd.Env = l.env
	cmd.Dir = l.dir
	// Wrapped so that exec copies through pipes instead of handing the child our
	// file descriptors: Node.js switches its stdio to non-blocking mode, which
	// would leak into this process and the engine's reading of it.
	cmd.Stdout = struct{ io.Writer }{stdout}
	cmd.Stderr = struct{ io.Writer }{stderr}
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = interruptGrace
	return runResponse(cmd.Run())
}

// runResponse maps how the program ended to the engine's RunResponse.
func runResponse(err error) *pulumirpc.RunResponse {
	if err == nil {
		return &pulumirpc.RunResponse{}
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("could not start the program: %v", err)}
	}
	switch code := exit.ExitCode(); code {
	case exitLoggedError:
		return &pulumirpc.RunResponse{Bail: true}
	case -1: // killed by a signal
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("program ended unexpectedly: %v", exit)}
	default:
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("program exited with non-zero exit code: %d", code)}
	}
}

// configJSON is the PULUMI_CONFIG value every SDK reads: the stack's
// configuration as one JSON object of "namespace:key" to string values.
func configJSON(config map[string]string) string {
	if config == nil {
		config = map[string]string{}
	}
	data, err := json.Marshal(config)
	if err != nil {
		panic(err) // a map of strings always marshals
	}
	return string(data)
}

// secretKeysJSON is the PULUMI_CONFIG_SECRET_KEYS value: a JSON array of the
// configuration keys that are secrets.
func secretKeysJSON(keys []string) string {
	if keys == nil {
		keys = []string{}
	}
	data, err := json.Marshal(keys)
	if err != nil {
		panic(err) // a slice of strings always marshals
	}
	return string(data)
}

// flagArgs renders name/value pairs as "--name value", leaving out empty values
// (an absent flag is how the SDKs' launchers learn "not given").
func flagArgs(pairs ...string) []string {
	var args []string
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i+1] != "" {
			args = append(args, "--"+pairs[i], pairs[i+1])
		}
	}
	return args
}

// withEnv returns environ with each "KEY=value" of set replacing any earlier
// setting of KEY, so that the child sees exactly one value per variable.
func withEnv(environ []string, set ...string) []string {
	keys := make(map[string]bool, len(set))
	for _, kv := range set {
		key, _, _ := strings.Cut(kv, "=")
		keys[key] = true
	}
	out := make([]string, 0, len(environ)+len(set))
	for _, kv := range environ {
		key, _, _ := strings.Cut(kv, "=")
		if !keys[key] {
			out = append(out, kv)
		}
	}
	return append(out, set...)
}

// envValue returns KEY's value in environ, or "".
func envValue(environ []string, key string) string {
	value := ""
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			value = v
		}
	}
	return value
}

// runtimeOptions are the `runtime.options` of Pulumi.yaml, as the engine sends them.
type runtimeOptions map[string]any

func optionsOf(info *pulumirpc.ProgramInfo) runtimeOptions {
	if info == nil || info.Options == nil {
		return runtimeOptions{}
	}
	return info.Options.AsMap()
}

// str returns the string option name, or "" when it is not set.
func (o runtimeOptions) str(name string) (string, error) {
	value, ok := o[name]
	if !ok {
		return "", nil
	}
	s, ok := value.(string)
	if !ok {
		return "", fmt.Errorf("runtime option %q must be a string, not %v", name, value)
	}
	return s, nil
}

// boolean returns the boolean option name, or fallback when it is not set.
func (o runtimeOptions) boolean(name string, fallback bool) (bool, error) {
	value, ok := o[name]
	if !ok {
		return fallback, nil
	}
	b, ok := value.(bool)
	if !ok {
		return false, fmt.Errorf("runtime option %q must be true or false, not %v", name, value)
	}
	return b, nil
}

// refuse fails for options this host does not implement, rather than running
// the program in a way its author did not ask for.
func (o runtimeOptions) refuse(language string, names ...string) error {
	for _, name := range names {
		if _, ok := o[name]; ok {
			return fmt.Errorf("runtime option %q is not supported by this %s host (tools/langhost)", name, language)
		}
	}
	return nil
}

// underRoot resolves a path option relative to the project root (where Pulumi.yaml is).
func underRoot(root, path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(root, path)
}

func itoa(n int32) string { return strconv.Itoa(int(n)) }

// Run runs the program for one preview, update or destroy: it builds the
// language's command line (see pythonLaunch, nodejsLaunch, goLaunch), runs it
// with this host's stdout and stderr, and reports how it ended. A program that
// cannot be started is a RunResponse error, so the engine shows the reason.
func (h *languageHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	engine := h.engineAddress()
	if engine == "" {
		return nil, errors.New("no engine address: the engine passes it on the command line or in Handshake")
	}
	// Stop the program when the engine calls Cancel or gives up on this call.
	runCtx, stop := context.WithCancel(h.runContext())
	defer stop()
	context.AfterFunc(ctx, stop)

	l, cleanup, err := h.launchFor(runCtx, req, engine, os.Environ())
	defer cleanup()
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	return runLaunch(runCtx, l, os.Stdout, os.Stderr), nil
}

// launchFor prepares the program's process for h's language; cleanup removes
// what the preparation left (a built Go binary).
func (h *languageHost) launchFor(
	ctx context.Context, req *pulumirpc.RunRequest, engine string, environ []string,
) (launch, func(), error) {
	noCleanup := func() {}
	switch h.language {
	case "python":
		script, err := besideHost(pythonExec)
		if err != nil {
			return launch{}, noCleanup, err
		}
		l, err := pythonLaunch(req, engine, script, environ)
		return l, noCleanup, err
	case "nodejs":
		l, err := nodejsLaunch(req, engine, environ)
		return l, noCleanup, err
	case "go":
		program, cleanup, err := goProgram(ctx, req, environ, os.Stderr)
		if err != nil {
			return launch{}, cleanup, err
		}
		return goLaunch(req, engine, program, environ), cleanup, nil
	default:
		return launch{}, noCleanup, fmt.Errorf("this host cannot run %s programs", h.language)
	}
}
