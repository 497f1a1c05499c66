package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// stack is one example program copied to a temporary directory, with its own file backend,
// its own stand-in cloud and a stack named dev.
type stack struct {
	t     *testing.T
	dir   string
	env   []string
	cloud string
}

// newStack copies examples/<example>, runs tests/e2e/prepare/<example>.sh when there is one
// (it installs the program's dependencies from the repository's sdk/), creates the stack and
// sets the AWS region the stand-in plays.
func newStack(t *testing.T, example string) *stack {
	t.Helper()
	return newStackIn(t, t.TempDir(), filepath.Join(shared.root, "examples", example))
}

// newStackIn is newStack for the program in the directory program, copied to work/<its base
// name> (the base name also picks the prepare script). Stacks made in one work directory share
// its file backend (so StackReferences between them resolve) and the stand-in's cloud.
func newStackIn(t *testing.T, work, program string) *stack {
	t.Helper()
	shared.need(t)
	base := filepath.Base(program)
	s := &stack{t: t, dir: filepath.Join(work, base), env: shared.env(work),
		cloud: filepath.Join(work, "standin-cloud.json")}
	if err := os.MkdirAll(filepath.Join(work, "backend"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := copyTree(program, s.dir); err != nil {
		t.Fatalf("copy %s: %v", program, err)
	}
	prepare := filepath.Join(shared.root, "tests", "e2e", "prepare", base+".sh")
	if _, err := os.Stat(prepare); err == nil {
		s.run("bash", prepare, s.dir)
	}
	s.pulumiOK("stack", "init", "dev")
	s.pulumiOK("config", "set", "aws:region", "us-east-1")
	return s
}

func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		target := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		info, _ := d.Info()
		return os.WriteFile(target, data, info.Mode().Perm())
	})
}

// result is one finished command.
type result struct {
	stdout, stderr string
	err            error
	took           time.Duration
}

func (r result) output() string { return r.stdout + r.stderr }

// try runs a command in the program directory and logs how long it took.
func (s *stack) try(name string, args ...string) result {
	s.t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = s.dir, s.env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	r := result{stdout: stdout.String(), stderr: stderr.String(), err: err, took: time.Since(start)}
	s.t.Logf("%s %s: %.1fs", filepath.Base(name), strings.Join(args, " "), r.took.Seconds())
	return r
}

// run is try that fails the test when the command fails.
func (s *stack) run(name string, args ...string) result {
	s.t.Helper()
	r := s.try(name, args...)
	if r.err != nil {
		s.t.Fatalf("%s %s failed: %v\n%s%s", name, strings.Join(args, " "), r.err, tail(r.output(), 6000), s.providerLog())
	}
	return r
}

func (s *stack) pulumi(args ...string) result { s.t.Helper(); return s.try(shared.pulumi, args...) }

func (s *stack) pulumiOK(args ...string) result { s.t.Helper(); return s.run(shared.pulumi, args...) }

// providerLog is what the hubspoke provider logged (warnings and stack traces), if anything.
func (s *stack) providerLog() string {
	data, err := os.ReadFile(filepath.Join(filepath.Dir(s.dir), "hubspoke-provider.log"))
	if err != nil || len(data) == 0 {
		return ""
	}
	return "\nthe hubspoke provider logged:\n" + tail(string(data), 8000)
}

func tail(text string, n int) string {
	if len(text) <= n {
		return text
	}
	return "…" + text[len(text)-n:]
}

// preview is `pulumi preview --json`: the steps the engine plans and their counts.
type preview struct {
	Steps []struct {
		Op  string `json:"op"`
		URN string `json:"urn"`
	} `json:"steps"`
	ChangeSummary map[string]int `json:"changeSummary"`
	Diagnostics   []struct {
		URN      string `json:"urn"`
		Message  string `json:"message"`
		Severity string `json:"severity"`
	} `json:"diagnostics"`
	took time.Duration
}

// errors is the preview's error diagnostics, each with the resource it is about.
func (p preview) errors() []string {
	var out []string
	for _, d := range p.Diagnostics {
		if d.Severity == "error" {
			out = append(out, d.URN+": "+strings.TrimSpace(d.Message))
		}
	}
	return out
}

func (s *stack) preview(args ...string) preview {
	s.t.Helper()
	r := s.pulumi(append([]string{"preview", "--json"}, args...)...)
	var p preview
	if err := json.Unmarshal([]byte(r.stdout), &p); err != nil {
		s.t.Fatalf("pulumi preview --json (%v) printed no JSON: %v\n%s", r.err, err, tail(r.output(), 3000))
	}
	if r.err != nil {
		s.t.Fatalf("pulumi preview failed: %v\n%s%s", r.err, strings.Join(p.errors(), "\n"), s.providerLog())
	}
	p.took = r.took
	return p
}

// planned is the URNs a preview would change with the given operation.
func (p preview) planned(op string) map[string]bool {
	urns := map[string]bool{}
	for _, step := range p.Steps {
		if step.Op == op {
			urns[step.URN] = true
		}
	}
	return urns
}

// up runs `pulumi up` and returns the resource changes the engine recorded for it.
func (s *stack) up() (map[string]int, time.Duration) {
	s.t.Helper()
	r := s.pulumiOK("up", "--yes", "--skip-preview")
	return s.lastChanges(), r.took
}

func (s *stack) lastChanges() map[string]int {
	s.t.Helper()
	var history []struct {
		Result          string         `json:"result"`
		ResourceChanges map[string]int `json:"resourceChanges"`
	}
	r := s.pulumiOK("stack", "history", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &history); err != nil || len(history) == 0 {
		s.t.Fatalf("pulumi stack history --json: %v\n%s", err, tail(r.output(), 2000))
	}
	return history[0].ResourceChanges
}

// expectNoChanges is a preview that must plan nothing: the stack matches the program.
func (s *stack) expectNoChanges(why string) {
	s.t.Helper()
	if r := s.pulumi("preview", "--expect-no-changes", "--diff"); r.err != nil {
		s.t.Fatalf("%s: preview still plans changes:\n%s", why, tail(r.output(), 6000))
	}
}

// export is `pulumi stack export`.
func (s *stack) export() deployment {
	s.t.Helper()
	path := filepath.Join(filepath.Dir(s.dir), fmt.Sprintf("export-%d.json", time.Now().UnixNano()))
	s.pulumiOK("stack", "export", "--file", path)
	data, err := os.ReadFile(path)
	if err != nil {
		s.t.Fatal(err)
	}
	var doc struct {
		Deployment deployment `json:"deployment"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		s.t.Fatalf("stack export is not JSON: %v", err)
	}
	doc.Deployment.path = path
	return doc.Deployment
}

// cloudResources is what the stand-in's fake cloud holds: URN -> how many live resources carry it.
func (s *stack) cloudResources() map[string]int {
	s.t.Helper()
	// The stand-in keeps its cloud in a state file and a journal of the changes since; its
	// `state` command prints both as one document.
	data, err := exec.Command(filepath.Join(shared.home, "plugins", "resource-aws-v6.83.0", "pulumi-resource-aws"),
		"state", s.cloud).Output()
	if err != nil {
		s.t.Fatalf("reading the stand-in cloud %s: %v", s.cloud, err)
	}
	var c struct {
		Resources map[string]struct {
			URN string `json:"urn"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(data, &c); err != nil {
		s.t.Fatalf("stand-in cloud %s: %v", s.cloud, err)
	}
	urns := map[string]int{}
	for _, r := range c.Resources {
		urns[r.URN]++
	}
	return urns
}

// destroy removes everything and checks that neither the stack nor the fake cloud keeps anything.
func (s *stack) destroy() {
	s.t.Helper()
	s.pulumiOK("destroy", "--yes", "--skip-preview")
	if left := s.export().Resources; len(left) != 0 {
		s.t.Errorf("after destroy the stack still has %d resources, e.g. %s", len(left), left[0].URN)
	}
	if left := s.cloudResources(); len(left) != 0 {
		s.t.Errorf("after destroy the stand-in cloud still holds %d resources: %v", len(left), sortedKeys(left))
	}
}
