package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"
)

// The programs `make bench-engine` compares (bench/README.md): examples/yaml-blueprint grown to
// any number of spokes, and bench/inline, the same network declared with pulumi_aws only.

// blueprintNetwork is examples/yaml-blueprint's HubAndSpoke properties with the firewall on (the
// example's default) and `spokes` spokes: spoke<i> with 10.<i-1>.0.0/16, a workload or not.
// With 2 spokes and workloads it is the example's own network.
func blueprintNetwork(t *testing.T, spokes int, workloads bool) (program, network map[string]any) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(shared.root, "examples", "yaml-blueprint", "Pulumi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &program); err != nil {
		t.Fatal(err)
	}
	network = program["resources"].(map[string]any)["network"].(map[string]any)["properties"].(map[string]any)
	network["firewall"] = true
	list := []any{}
	for i := 1; i <= spokes; i++ {
		list = append(list, map[string]any{"name": fmt.Sprintf("spoke%d", i), "cidrBlock": fmt.Sprintf("10.%d.0.0/16", i-1),
			"workload": workloads})
	}
	network["spokes"] = list
	return program, network
}

// preparedCopy copies the program at rel (from the repository root) into a temporary directory
// and runs tests/e2e/prepare/<prepare>.sh on it ("" for none); it returns the copy.
func preparedCopy(t *testing.T, rel, prepare string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), filepath.Base(rel))
	if err := copyTree(filepath.Join(shared.root, rel), dir); err != nil {
		t.Fatalf("copy %s: %v", rel, err)
	}
	if prepare != "" {
		cmd := exec.Command("bash", filepath.Join(shared.root, "tests", "e2e", "prepare", prepare+".sh"), dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("prepare %s for %s: %v\n%s", prepare, rel, err, tail(string(out), 3000))
		}
	}
	return dir
}

// The inline program cannot drift from the component: for the example's network (two workload
// spokes) and for a grown one without workloads, bench/inline declares exactly the resources
// hubspoke's `plan` deploys, with the same types, names and inputs (bench/inline_matches_plan.py
// runs it under Pulumi's mocks, answered with the plan's ids and outputs).
func TestBenchInlineProgramDeclaresWhatTheBlueprintDeploys(t *testing.T) {
	shared.need(t)
	inline := preparedCopy(t, "bench/inline", "python")
	for _, c := range []struct {
		spokes    int
		workloads bool
	}{{2, true}, {3, false}} {
		_, network := blueprintNetwork(t, c.spokes, c.workloads)
		dir := t.TempDir()
		config, export := filepath.Join(dir, "plan.json"), filepath.Join(dir, "export.json")
		data, _ := json.Marshal(network)
		if err := os.WriteFile(config, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(shared.launcher, "plan", config, "--name", "network", "--export", export).CombinedOutput(); err != nil {
			t.Fatalf("plan %s: %v\n%s", config, err, out)
		}
		check := exec.Command(filepath.Join(inline, "venv", "bin", "python"),
			filepath.Join(shared.root, "bench", "inline_matches_plan.py"), export, fmt.Sprint(c.spokes), fmt.Sprint(c.workloads))
		out, err := check.CombinedOutput()
		if err != nil {
			t.Errorf("%d spokes, workloads %v: bench/inline differs from the blueprint:\n%s", c.spokes, c.workloads, out)
		} else {
			t.Logf("%d spokes, workloads %v: %s", c.spokes, c.workloads, out)
		}
	}
}
