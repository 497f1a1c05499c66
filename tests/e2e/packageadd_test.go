package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const fromSourceProgram = `name: hubspoke-from-source
runtime: yaml
description: hubspoke run from its source checkout through PulumiPlugin.yaml
resources:
  network:
    type: hubspoke:index:HubAndSpoke
    properties:
      azCount: 2
      spokes:
        - name: spoke1
          cidrBlock: 10.0.0.0/16
`

// The from-source path: `pulumi package add <repository root>` registers the checkout as the
// hubspoke package (PulumiPlugin.yaml, runtime java), and a preview then runs the provider with
// Maven from the checkout. The Java language host v1.12.0 (the only one that can be built here)
// chooses its build tool from the consuming project's directory instead of the plugin's, so the
// project holds an empty pom.xml: the workaround docs/development.md documents.
func TestPackageAddFromSource(t *testing.T) {
	shared.need(t)
	work := t.TempDir()
	s := &stack{t: t, dir: filepath.Join(work, "project"), env: shared.env(work), cloud: filepath.Join(work, "standin-cloud.json")}
	for _, dir := range []string{s.dir, filepath.Join(work, "backend")} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for file, text := range map[string]string{"Pulumi.yaml": fromSourceProgram, "pom.xml": ""} {
		if err := os.WriteFile(filepath.Join(s.dir, file), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s.pulumiOK("package", "add", shared.root)
	project, err := os.ReadFile(filepath.Join(s.dir, "Pulumi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(project), shared.root) {
		t.Errorf("package add did not record the checkout in Pulumi.yaml:\n%s", project)
	}
	s.pulumiOK("stack", "init", "dev")
	s.pulumiOK("config", "set", "aws:region", "us-east-1")
	p := s.preview()
	if len(p.planned("create")) != len(p.Steps) || p.ChangeSummary["create"] < 50 {
		t.Errorf("the from-source preview plans %v, want only creates of a one-spoke network", p.ChangeSummary)
	}
	if !p.planned("create")["urn:pulumi:dev::hubspoke-from-source::hubspoke:index:HubAndSpoke::network"] {
		t.Errorf("the from-source preview does not create the HubAndSpoke")
	}
}
