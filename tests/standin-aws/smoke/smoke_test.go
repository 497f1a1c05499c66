// Package smoke runs the stand-in aws plugin (NOT AWS) under the real Pulumi engine, installed
// the way a plugin is installed, with a tiny Pulumi YAML program.
package smoke

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hubspoke/hubspoke/tests/standin-aws/standin"
)

const program = `name: standin-smoke
runtime: yaml
description: smoke run of the STAND-IN aws provider (NOT AWS)
resources:
  net:
    type: aws:ec2/vpc:Vpc
    properties:
      cidrBlock: 10.0.0.0/16
      tags:
        Name: net
  app-a:
    type: aws:ec2/subnet:Subnet
    properties:
      vpcId: ${net.id}
      cidrBlock: 10.0.1.0/24
      availabilityZone: us-east-1a
outputs:
  vpcId: ${net.id}
  subnetId: ${app-a.id}
`

// toolchainBin finds the toolchain's bin directory; a missing toolchain fails the test, never skips it.
func toolchainBin(t *testing.T, root string) string {
	t.Helper()
	out, err := exec.Command(filepath.Join(root, "tools", "toolchain.sh"), "--print-bin").Output()
	if err != nil {
		t.Fatalf("cannot ask tools/toolchain.sh for its bin directory: %v; run tools/toolchain.sh from the repository root to build the Pulumi toolchain", err)
	}
	bin := strings.TrimSpace(string(out))
	for _, exe := range []string{"pulumi", "pulumi-language-yaml"} {
		if _, err := os.Stat(filepath.Join(bin, exe)); err != nil {
			t.Fatalf("the Pulumi toolchain is not built (%s missing): run tools/toolchain.sh from the repository root first", filepath.Join(bin, exe))
		}
	}
	return bin
}

// workspace is a throwaway PULUMI_HOME with the stand-in installed as plugin resource-aws-v6.83.0,
// a local file backend and a stack "dev" of the YAML program above.
type workspace struct {
	t         *testing.T
	env       []string
	pulumi    string
	project   string
	statePath string
}

func newWorkspace(t *testing.T, failCreate string) *workspace {
	t.Helper()
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	bin := toolchainBin(t, root)
	tmp := t.TempDir()
	w := &workspace{t: t, project: filepath.Join(tmp, "project"), statePath: filepath.Join(tmp, "standin-cloud.json"),
		// exec resolves names on the test's own PATH, so name the toolchain's pulumi by its path.
		pulumi: filepath.Join(bin, "pulumi")}
	w.env = append(os.Environ(),
		"PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"PULUMI_HOME="+filepath.Join(tmp, "home"),
		"PULUMI_BACKEND_URL=file://"+filepath.Join(tmp, "backend"),
		"PULUMI_CONFIG_PASSPHRASE=hubspoke-test-passphrase",
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true",
		"PULUMI_SKIP_UPDATE_CHECK=true",
		"HUBSPOKE_STANDIN_AWS_STATE="+w.statePath,
		"HUBSPOKE_STANDIN_AWS_FAIL_CREATE="+failCreate,
	)
	for _, dir := range []string{w.project, filepath.Join(tmp, "backend")} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	pkg := filepath.Join(tmp, "pkg")
	w.run(".", "go", "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(pkg, "pulumi-resource-aws"), "../cmd/pulumi-resource-aws")
	tarball := filepath.Join(tmp, "pulumi-resource-aws-v6.83.0.tar.gz")
	w.run(".", "tar", "-czf", tarball, "-C", pkg, "pulumi-resource-aws")
	w.run(tmp, w.pulumi, "plugin", "install", "resource", "aws", "6.83.0", "--file", tarball)
	if ls := w.run(tmp, w.pulumi, "plugin", "ls"); !strings.Contains(ls, "aws") || !strings.Contains(ls, "6.83.0") {
		t.Fatalf("plugin ls does not list aws 6.83.0:\n%s", ls)
	}
	if err := os.WriteFile(filepath.Join(w.project, "Pulumi.yaml"), []byte(program), 0o644); err != nil {
		t.Fatal(err)
	}
	w.pulumiOK("stack", "init", "dev")
	return w
}

// try runs a command to completion, logs its time and returns its output and error.
func (w *workspace) try(dir, name string, args ...string) (string, error) {
	w.t.Helper()
	start := time.Now()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, w.env
	out, err := cmd.CombinedOutput()
	w.t.Logf("%s %s: %.1fs", filepath.Base(name), strings.Join(args, " "), time.Since(start).Seconds())
	return string(out), err
}

// run is try that fails the test on an error.
func (w *workspace) run(dir, name string, args ...string) string {
	w.t.Helper()
	out, err := w.try(dir, name, args...)
	if err != nil {
		w.t.Fatalf("%s %s failed: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return out
}

func (w *workspace) pulumiOK(args ...string) string {
	w.t.Helper()
	return w.run(w.project, w.pulumi, args...)
}

func TestPulumiUpExportAndDestroyWithTheInstalledStandIn(t *testing.T) {
	w := newWorkspace(t, "")
	w.pulumiOK("up", "--yes")
	ids := exportedAwsIDs(t, w.pulumiOK("stack", "export"))
	if !strings.HasPrefix(ids["aws:ec2/vpc:Vpc"], "vpc-") || !strings.HasPrefix(ids["aws:ec2/subnet:Subnet"], "subnet-") {
		t.Fatalf("want AWS-shaped ids in the exported stack, got %v", ids)
	}
	if n := cloudSize(t, w.statePath); n != 2 {
		t.Fatalf("the stand-in cloud holds %d resources after up, want 2", n)
	}
	// A second up and a refresh against the stored cloud change nothing.
	w.pulumiOK("up", "--yes", "--expect-no-changes")
	w.pulumiOK("refresh", "--yes", "--expect-no-changes")

	w.pulumiOK("destroy", "--yes")
	if left := exportedAwsIDs(t, w.pulumiOK("stack", "export")); len(left) != 0 {
		t.Fatalf("destroy left resources in the stack: %v", left)
	}
	if n := cloudSize(t, w.statePath); n != 0 {
		t.Fatalf("destroy left %d resources in the stand-in cloud", n)
	}
}

func TestAFailingCreateFailsUpNamingTheResourceAndTheNextUpCompletesWithoutDuplicates(t *testing.T) {
	w := newWorkspace(t, "app-a")
	out, err := w.try(w.project, w.pulumi, "up", "--yes")
	if err == nil || !strings.Contains(out, `injected failure creating aws:ec2/subnet:Subnet "app-a"`) {
		t.Fatalf("want up to fail naming the subnet app-a, got err=%v\n%s", err, out)
	}
	w.pulumiOK("up", "--yes")
	ids := exportedAwsIDs(t, w.pulumiOK("stack", "export"))
	if len(ids) != 2 || cloudSize(t, w.statePath) != 2 {
		t.Fatalf("after the retry the stack holds %v and the cloud %d resources, want one vpc and one subnet",
			ids, cloudSize(t, w.statePath))
	}
	w.pulumiOK("destroy", "--yes")
}

// exportedAwsIDs maps each aws resource type in a `pulumi stack export` to its id.
func exportedAwsIDs(t *testing.T, export string) map[string]string {
	t.Helper()
	var doc struct {
		Deployment struct {
			Resources []struct {
				Type string `json:"type"`
				ID   string `json:"id"`
			} `json:"resources"`
		} `json:"deployment"`
	}
	if err := json.Unmarshal([]byte(export), &doc); err != nil {
		t.Fatalf("stack export is not JSON: %v\n%s", err, export)
	}
	ids := map[string]string{}
	for _, r := range doc.Deployment.Resources {
		if strings.HasPrefix(r.Type, "aws:") && !strings.HasPrefix(r.Type, "pulumi:providers:") {
			ids[r.Type] = r.ID
		}
	}
	return ids
}

func cloudSize(t *testing.T, path string) int {
	t.Helper()
	data, err := standin.LoadState(path)
	if err != nil {
		t.Fatalf("the stand-in state %s: %v", path, err)
	}
	var c struct {
		Resources map[string]any `json:"resources"`
	}
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	return len(c.Resources)
}
