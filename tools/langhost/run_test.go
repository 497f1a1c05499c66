package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/structpb"
)

const (
	engineAddr = "127.0.0.1:4000"
	goMod      = "module seed\n\ngo 1.21\n"
)

// request is a RunRequest as the engine sends it for `pulumi preview` of a
// project in root whose program is in root/app.
func request(t *testing.T, root string, options map[string]any) *pulumirpc.RunRequest {
	t.Helper()
	opts, err := structpb.NewStruct(options)
	if err != nil {
		t.Fatal(err)
	}
	return &pulumirpc.RunRequest{
		Project:          "seed",
		Stack:            "dev",
		Organization:     "organization",
		Pwd:              filepath.Join(root, "app"),
		Config:           map[string]string{"aws:region": "us-east-1"},
		ConfigSecretKeys: []string{"seed:password"},
		DryRun:           true,
		Parallel:         16,
		MonitorAddress:   "127.0.0.1:5000",
		Args:             []string{"extra"},
		Info: &pulumirpc.ProgramInfo{
			RootDirectory:    root,
			ProgramDirectory: filepath.Join(root, "app"),
			EntryPoint:       ".",
			Options:          opts,
		},
	}
}

// files writes name -> text under root (host.go's writeFiles, with a test's failure).
func files(t *testing.T, root string, texts map[string]string) {
	t.Helper()
	data := make(map[string][]byte, len(texts))
	for name, text := range texts {
		data[name] = []byte(text)
	}
	if err := writeFiles(root, data); err != nil {
		t.Fatal(err)
	}
}

func wantEnv(t *testing.T, env []string, want map[string]string) {
	t.Helper()
	for key, value := range want {
		if got := envValue(env, key); got != value {
			t.Errorf("%s = %q, want %q", key, got, value)
		}
		n := 0
		for _, kv := range env {
			if strings.HasPrefix(kv, key+"=") {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%s is set %d times, want once", key, n)
		}
	}
}

func TestPythonRunsTheExecScriptWithPython3AndTheFlagsItParses(t *testing.T) {
	root := t.TempDir()
	l, err := pythonLaunch(request(t, root, nil), engineAddr, "/bin/pulumi-language-python-exec",
		[]string{"PATH=/usr/bin", "PULUMI_CONFIG=stale"})
	if err != nil {
		t.Fatal(err)
	}
	if l.path != "python3" {
		t.Errorf("path = %q, want python3", l.path)
	}
	want := []string{"/bin/pulumi-language-python-exec",
		"--monitor", "127.0.0.1:5000", "--engine", engineAddr, "--project", "seed",
		"--root_directory", root, "--stack", "dev", "--pwd", filepath.Join(root, "app"),
		"--dry_run", "true", "--parallel", "16", "--organization", "organization", ".", "extra"}
	if !reflect.DeepEqual(l.args, want) {
		t.Errorf("args =\n%q\nwant\n%q", l.args, want)
	}
	wantEnv(t, l.env, map[string]string{
		"PATH":                      "/usr/bin",
		"PULUMI_CONFIG":             `{"aws:region":"us-east-1"}`,
		"PULUMI_CONFIG_SECRET_KEYS": `["seed:password"]`,
	})
}

func TestPythonUsesTheVirtualenvOptionRelativeToTheProjectRootAndActivatesIt(t *testing.T) {
	root := t.TempDir()
	python := filepath.Join(root, "venv", "bin", "python")
	files(t, root, map[string]string{"venv/bin/python": ""})
	l, err := pythonLaunch(request(t, root, map[string]any{"virtualenv": "venv"}), engineAddr, "exec",
		[]string{"PATH=/usr/bin", "PYTHONHOME=/opt/python", "VIRTUAL_ENV=/elsewhere"})
	if err != nil {
		t.Fatal(err)
	}
	if l.path != python {
		t.Errorf("path = %q, want %q", l.path, python)
	}
	wantEnv(t, l.env, map[string]string{
		"PATH":        filepath.Join(root, "venv", "bin") + ":/usr/bin",
		"VIRTUAL_ENV": filepath.Join(root, "venv"),
	})
	if envValue(l.env, "PYTHONHOME") != "" {
		t.Errorf("PYTHONHOME is still set: %q", l.env)
	}
}

func TestPythonRefusesAMissingVirtualenvAndUnsupportedOptions(t *testing.T) {
	root := t.TempDir()
	for _, options := range []map[string]any{
		{"virtualenv": "venv"},
		{"toolchain": "poetry"},
		{"typechecker": "mypy"},
		{"virtualenv": true},
	} {
		if _, err := pythonLaunch(request(t, root, options), engineAddr, "exec", nil); err == nil {
			t.Errorf("options %v: no error", options)
		}
	}
}

func TestNodejsRunsPulumiCmdRunFromTheNearestNodeModulesWithTypeScriptOn(t *testing.T) {
	root := t.TempDir()
	run := filepath.Join(root, nodeRunEntry) // node_modules above the program directory
	files(t, root, map[string]string{nodeRunEntry: ""})
	app := filepath.Join(root, "app")
	l, err := nodejsLaunch(request(t, root, map[string]any{"nodeargs": "--max-old-space-size=4096 --trace-warnings"}),
		engineAddr, []string{"PATH=/usr/bin"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"--max-old-space-size=4096", "--trace-warnings", run,
		"--monitor", "127.0.0.1:5000", "--engine", engineAddr, "--organization", "organization",
		"--project", "seed", "--root-directory", root, "--stack", "dev", "--pwd", app,
		"--dry-run", "--parallel", "16", ".", "extra"}
	if l.path != "node" || !reflect.DeepEqual(l.args, want) {
		t.Errorf("command = %q %q\nwant node %q", l.path, l.args, want)
	}
	if l.dir != app {
		t.Errorf("dir = %q, want %q", l.dir, app)
	}
	wantEnv(t, l.env, map[string]string{
		"PULUMI_NODEJS_TYPESCRIPT":  "true",
		"PULUMI_CONFIG":             `{"aws:region":"us-east-1"}`,
		"PULUMI_CONFIG_SECRET_KEYS": `["seed:password"]`,
	})
}

func TestNodejsHonoursTypescriptOffAndTsconfigAndLeavesOutDryRunForAnUpdate(t *testing.T) {
	root := t.TempDir()
	run := filepath.Join(root, "app", nodeRunEntry)
	files(t, root, map[string]string{filepath.Join("app", nodeRunEntry): ""})
	req := request(t, root, map[string]any{"typescript": false, "tsconfig": "tsconfig.pulumi.json"})
	req.DryRun = false
	l, err := nodejsLaunch(req, engineAddr, []string{"PULUMI_NODEJS_TYPESCRIPT=true"})
	if err != nil {
		t.Fatal(err)
	}
	if l.args[0] != run {
		t.Errorf("run entry = %q, want %q", l.args[0], run)
	}
	for _, arg := range l.args {
		if arg == "--dry-run" {
			t.Errorf("--dry-run passed to an update: %q", l.args)
		}
	}
	wantEnv(t, l.env, map[string]string{
		"PULUMI_NODEJS_TYPESCRIPT":    "false",
		"PULUMI_NODEJS_TSCONFIG_PATH": "tsconfig.pulumi.json",
	})
}

func TestNodejsWithoutInstalledSdkSaysToRunNpmInstall(t *testing.T) {
	_, err := nodejsLaunch(request(t, t.TempDir(), nil), engineAddr, nil)
	if err == nil || !strings.Contains(err.Error(), "npm install") {
		t.Errorf("err = %v, want one that says to run npm install", err)
	}
}

func TestGoProgramGetsEveryRunSettingThroughTheEnvironment(t *testing.T) {
	root := t.TempDir()
	l := goLaunch(request(t, root, nil), engineAddr, "/tmp/program", []string{"PULUMI_STACK=stale", "HOME=/root"})
	if l.path != "/tmp/program" || !reflect.DeepEqual(l.args, []string{"extra"}) || l.dir != filepath.Join(root, "app") {
		t.Errorf("launch = %+v", l)
	}
	wantEnv(t, l.env, map[string]string{
		"PULUMI_ORGANIZATION":       "organization",
		"PULUMI_PROJECT":            "seed",
		"PULUMI_ROOT_DIRECTORY":     root,
		"PULUMI_STACK":              "dev",
		"PULUMI_CONFIG":             `{"aws:region":"us-east-1"}`,
		"PULUMI_CONFIG_SECRET_KEYS": `["seed:password"]`,
		"PULUMI_DRY_RUN":            "true",
		"PULUMI_PARALLEL":           "16",
		"PULUMI_MONITOR":            "127.0.0.1:5000",
		"PULUMI_ENGINE":             engineAddr,
		"HOME":                      "/root",
	})
}

func TestGoOptionsResolveBinaryAndBuildTargetUnderTheProjectRoot(t *testing.T) {
	root := t.TempDir()
	opts, err := goOptionsOf(request(t, root, map[string]any{"binary": "bin/seed"}).Info)
	if err != nil || opts.binary != filepath.Join(root, "bin", "seed") {
		t.Errorf("binary option: %+v, %v", opts, err)
	}
	opts, err = goOptionsOf(request(t, root, map[string]any{"buildTarget": "/abs/seed"}).Info)
	if err != nil || opts.buildTarget != "/abs/seed" {
		t.Errorf("buildTarget option: %+v, %v", opts, err)
	}
	if _, err := goOptionsOf(request(t, root, map[string]any{"binary": "a", "buildTarget": "b"}).Info); err == nil {
		t.Error("binary and buildTarget together: no error")
	}
}

func TestGoBinaryOptionRunsThatFileWithoutBuilding(t *testing.T) {
	root := t.TempDir()
	binary := filepath.Join(root, "seed")
	files(t, root, map[string]string{"seed": ""})
	// No *.go files anywhere: a build would fail.
	program, cleanup, err := goProgram(context.Background(), request(t, root, map[string]any{"binary": "seed"}), nil, nil)
	defer cleanup()
	if err != nil || program != binary {
		t.Errorf("program = %q, %v; want %q", program, err, binary)
	}
}

func TestGoProgramIsBuiltWithGoBuildIntoATemporaryDirectory(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	root := t.TempDir()
	files(t, root, map[string]string{
		"app/go.mod":  goMod,
		"app/main.go": "package main\n\nimport \"os\"\n\nfunc main() { os.Exit(len(os.Getenv(\"PULUMI_STACK\"))) }\n",
	})
	req := request(t, root, nil)
	req.Args = nil
	program, cleanup, err := goProgram(context.Background(), req, os.Environ(), os.Stderr)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(filepath.Dir(program)) != os.TempDir() {
		t.Errorf("program built at %s, not in a temporary directory", program)
	}
	// The built program sees PULUMI_STACK=dev: exit status 3.
	response := runLaunch(context.Background(), goLaunch(req, engineAddr, program, os.Environ()), os.Stdout, os.Stderr)
	if response.Error != "program exited with non-zero exit code: 3" {
		t.Errorf("response = %v", response)
	}
	cleanup()
	if _, err := os.Stat(program); !os.IsNotExist(err) {
		t.Errorf("cleanup left %s: %v", program, err)
	}
}

func TestGoBuildFailureIsReportedAndLeavesNothingBehind(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	root := t.TempDir()
	files(t, root, map[string]string{"app/go.mod": goMod, "app/main.go": "package main\n\nfunc main() { undefined() }\n"})
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	var output strings.Builder
	_, _, err := goProgram(context.Background(), request(t, root, nil), os.Environ(), &output)
	if err == nil || !strings.Contains(err.Error(), "go build") {
		t.Errorf("err = %v, want a go build failure", err)
	}
	if !strings.Contains(output.String(), "undefined: undefined") {
		t.Errorf("go build's messages were not forwarded: %q", output.String())
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("a failed build left %v in the temporary directory", left)
	}
}

func TestExitStatusesMapToTheEnginesAnswers(t *testing.T) {
	cases := map[string]*pulumirpc.RunResponse{
		"exit 0":  {},
		"exit 32": {Bail: true},
		"exit 7":  {Error: "program exited with non-zero exit code: 7"},
	}
	for script, want := range cases {
		got := runLaunch(context.Background(), launch{path: "sh", args: []string{"-c", script}}, os.Stdout, os.Stderr)
		if got.Error != want.Error || got.Bail != want.Bail {
			t.Errorf("%s: response = %v, want %v", script, got, want)
		}
	}
	got := runLaunch(context.Background(), launch{path: filepath.Join(t.TempDir(), "missing")}, os.Stdout, os.Stderr)
	if !strings.HasPrefix(got.Error, "could not start the program") {
		t.Errorf("missing executable: response = %v", got)
	}
}

func TestProgramOutputIsForwardedAndCancelInterruptsTheProgram(t *testing.T) {
	var stdout, stderr strings.Builder
	runLaunch(context.Background(), launch{path: "sh", args: []string{"-c", "echo out; echo err >&2"}}, &stdout, &stderr)
	if stdout.String() != "out\n" || stderr.String() != "err\n" {
		t.Errorf("stdout %q, stderr %q", stdout.String(), stderr.String())
	}

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	started := time.Now()
	got := runLaunch(ctx, launch{path: "sleep", args: []string{"60"}}, &stdout, &stderr)
	if !strings.HasPrefix(got.Error, "program ended unexpectedly") || time.Since(started) > 10*time.Second {
		t.Errorf("cancelled program: response %v after %v", got, time.Since(started))
	}
}

func TestRunWithoutAnEngineAddressFails(t *testing.T) {
	h := newLanguageHost("python", "")
	if _, err := h.Run(context.Background(), request(t, t.TempDir(), nil)); err == nil {
		t.Error("Run without an engine address: no error")
	}
	if _, err := h.Handshake(context.Background(), &pulumirpc.LanguageHandshakeRequest{EngineAddress: engineAddr}); err != nil {
		t.Fatal(err)
	}
	if h.engineAddress() != engineAddr {
		t.Errorf("engine address after Handshake = %q", h.engineAddress())
	}
}

func TestCancelInterruptsRunningProgramsButNotLaterOnes(t *testing.T) {
	h := newLanguageHost("go", engineAddr)
	before := h.runContext()
	if _, err := h.Cancel(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if before.Err() == nil {
		t.Error("Cancel left the running programs' context alive")
	}
	if h.runContext().Err() != nil {
		t.Error("after Cancel, a new program would start cancelled")
	}
}
