// Package e2e runs hubspoke's examples under the real pulumi CLI, offline: hubspoke is installed
// from the `make dist` tarball the way users install it, and AWS is played by the stand-in `aws`
// plugin of tests/standin-aws (NOT AWS: it keeps a fake cloud in a JSON file).
//
// Run it with `make test-e2e` (which builds the toolchain and the tarball first), or
// `cd tests/e2e && go test -count=1 -v ./...` once both exist.
package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// suite is what every test shares: the toolchain, one PULUMI_HOME with both plugins installed,
// and the installed hubspoke launcher (for its plan and verify commands). Stacks, backends and
// fake clouds are per test.
type suite struct {
	root     string
	bin      string
	pulumi   string
	home     string
	launcher string
	version  string
	tarball  string
	// standin is the stand-in aws plugin's tarball, for tests that need a PULUMI_HOME of their own.
	standin string
	// setUpErr is why the set-up failed: the tests that need no engine still run, every other
	// one fails with it (see need).
	setUpErr error
}

var shared suite

func TestMain(m *testing.M) {
	tmp, err := os.MkdirTemp("", "hubspoke-e2e-")
	if err == nil {
		err = shared.setUp(tmp)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e set-up failed:", err)
		shared.setUpErr = err
	}
	code := m.Run()
	if os.Getenv("HUBSPOKE_E2E_KEEP") == "" {
		os.RemoveAll(tmp)
	} else {
		fmt.Fprintln(os.Stderr, "e2e: kept", tmp)
	}
	os.Exit(code)
}

func (s *suite) setUp(tmp string) error {
	root, err := filepath.Abs("../..")
	if err != nil {
		return err
	}
	s.root, s.home = root, filepath.Join(tmp, "home")
	out, err := exec.Command(filepath.Join(root, "tools", "toolchain.sh"), "--print-bin").Output()
	if err != nil {
		return fmt.Errorf("tools/toolchain.sh --print-bin: %v", err)
	}
	s.bin = strings.TrimSpace(string(out))
	s.pulumi = filepath.Join(s.bin, "pulumi")
	if _, err := os.Stat(s.pulumi); err != nil {
		return fmt.Errorf("no pulumi in %s: run `make toolchain` first", s.bin)
	}

	tarball, version, err := distTarball(root)
	if err != nil {
		return err
	}
	s.version, s.tarball = version, tarball
	progress("building the stand-in aws plugin (tests/standin-aws; NOT AWS)")
	standin := filepath.Join(tmp, "standin")
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o",
		filepath.Join(standin, "pulumi-resource-aws"), "./cmd/pulumi-resource-aws")
	build.Dir = filepath.Join(root, "tests", "standin-aws")
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("building the stand-in aws plugin: %v\n%s", err, out)
	}
	standinTarball := filepath.Join(tmp, "pulumi-resource-aws-v6.83.0.tar.gz")
	s.standin = standinTarball
	if out, err := exec.Command("tar", "-czf", standinTarball, "-C", standin, "pulumi-resource-aws").CombinedOutput(); err != nil {
		return fmt.Errorf("tar: %v\n%s", err, out)
	}
	progress("installing the plugins into " + s.home)
	for _, args := range [][]string{
		{"plugin", "install", "resource", "aws", "6.83.0", "--file", standinTarball},
		{"plugin", "install", "resource", "hubspoke", version, "--file", tarball},
	} {
		cmd := exec.Command(s.pulumi, args...)
		cmd.Env = s.env(tmp)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("pulumi %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	s.launcher = filepath.Join(s.home, "plugins", "resource-hubspoke-v"+version, "pulumi-resource-hubspoke")
	if _, err := os.Stat(s.launcher); err != nil {
		return fmt.Errorf("the installed plugin has no launcher at %s", s.launcher)
	}
	return nil
}

// distTarball finds this platform's `make dist` tarball and the version in its name.
func distTarball(root string) (string, string, error) {
	suffix := fmt.Sprintf("-%s-%s.tar.gz", runtime.GOOS, runtime.GOARCH)
	matches, _ := filepath.Glob(filepath.Join(root, "dist", "pulumi-resource-hubspoke-v*"+suffix))
	if len(matches) != 1 {
		return "", "", fmt.Errorf("want exactly one dist/pulumi-resource-hubspoke-v*%s, found %d: run `make dist` first", suffix, len(matches))
	}
	name := filepath.Base(matches[0])
	return matches[0], strings.TrimSuffix(strings.TrimPrefix(name, "pulumi-resource-hubspoke-v"), suffix), nil
}

// env is the environment of every pulumi run: the toolchain first on PATH, the shared
// PULUMI_HOME, a file backend under dir, a passphrase, no plugin downloads, no update checks,
// the stand-in's fake cloud file and the provider's log file under dir.
func (s *suite) env(dir string) []string {
	return append(os.Environ(),
		"PATH="+s.bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"PULUMI_HOME="+s.home,
		"PULUMI_BACKEND_URL=file://"+filepath.Join(dir, "backend"),
		"PULUMI_CONFIG_PASSPHRASE=hubspoke-test-passphrase",
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true",
		"PULUMI_SKIP_UPDATE_CHECK=true",
		"HUBSPOKE_STANDIN_AWS_STATE="+filepath.Join(dir, "standin-cloud.json"),
		// The provider's warnings and stack traces, shown when a command fails.
		"HUBSPOKE_LOG_FILE="+filepath.Join(dir, "hubspoke-provider.log"),
	)
}

// need fails a test that needs the engine when the set-up did not finish.
func (s *suite) need(t *testing.T) {
	t.Helper()
	if s.setUpErr != nil {
		t.Fatalf("e2e set-up failed: %v", s.setUpErr)
	}
}

func progress(msg string) { fmt.Fprintln(os.Stderr, "e2e:", msg) }
