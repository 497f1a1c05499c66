package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// blueprint is examples/yaml-blueprint as a stack whose HubAndSpoke properties the test edits.
type blueprint struct {
	*stack
	program map[string]any
}

func newBlueprint(t *testing.T) *blueprint {
	s := newStack(t, "yaml-blueprint")
	b := &blueprint{stack: s}
	data, err := os.ReadFile(filepath.Join(s.dir, "Pulumi.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &b.program); err != nil {
		t.Fatal(err)
	}
	return b
}

// network is the HubAndSpoke's properties in the program.
func (b *blueprint) network() map[string]any {
	resources := b.program["resources"].(map[string]any)
	return resources["network"].(map[string]any)["properties"].(map[string]any)
}

func (b *blueprint) addSpoke(name, cidr string, workload bool) {
	props := b.network()
	props["spokes"] = append(props["spokes"].([]any), map[string]any{"name": name, "cidrBlock": cidr, "workload": workload})
	b.save()
}

func (b *blueprint) save() {
	b.t.Helper()
	data, err := yaml.Marshal(b.program)
	if err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(b.dir, "Pulumi.yaml"), data, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// planTree is what hubspoke's own planner (the installed plugin's `plan` command, which runs the
// components against an in-process stand-in engine) expects the program to deploy, with the
// firewall as the stack's config has it.
func (b *blueprint) planTree(firewall bool) []string {
	b.t.Helper()
	props := map[string]any{}
	for k, v := range b.network() {
		props[k] = v
	}
	props["firewall"] = firewall
	data, err := json.Marshal(props)
	if err != nil {
		b.t.Fatal(err)
	}
	config := filepath.Join(filepath.Dir(b.dir), "plan.json")
	if err := os.WriteFile(config, data, 0o644); err != nil {
		b.t.Fatal(err)
	}
	out, err := exec.Command(shared.launcher, "plan", config, "--json", "--name", "network").Output()
	if err != nil {
		b.t.Fatalf("plan %s: %v", config, err)
	}
	var plan struct {
		Resources planNode `json:"resources"`
	}
	if err := json.Unmarshal(out, &plan); err != nil {
		b.t.Fatalf("plan --json: %v", err)
	}
	lines := []string{" > pulumi:pulumi:Stack::<stack>"}
	plan.Resources.lines("pulumi:pulumi:Stack::<stack>", &lines)
	return lines
}

func (b *blueprint) checkTree(d deployment, firewall bool) {
	b.t.Helper()
	if diff := lineDiff(b.planTree(firewall), d.graph().tree()); len(diff) > 0 {
		b.t.Errorf("the deployed tree is not the one `plan` expects (- plan, + deployed):\n%s", strings.Join(diff, "\n"))
	}
}

// subnetCidrs is every subnet's id and CIDR block by URN.
func subnetCidrs(d deployment) map[string]string {
	out := map[string]string{}
	for _, r := range d.Resources {
		if r.Type == "aws:ec2/subnet:Subnet" {
			out[r.URN] = r.ID + " " + r.Outputs["cidrBlock"].(string)
		}
	}
	return out
}

// The blueprint's life under the engine: a first up that is what the preview showed and what
// `plan` expects, a refresh that finds nothing changed, a third spoke that only adds, the
// firewall turned off and on in one up each, a create that fails once and a retry that
// duplicates nothing, and a destroy that leaves nothing.
func TestBlueprintLifecycle(t *testing.T) {
	b := newBlueprint(t)
	step := func(name string, body func(t *testing.T)) {
		if !t.Run(name, body) {
			t.FailNow()
		}
	}
	var before deployment

	step("first up is the preview and the plan", func(t *testing.T) {
		b.t = t
		p := b.preview()
		changes, _ := b.up()
		before = b.export()
		checkPreviewMatchesUp(t, p, changes, before)
		b.checkTree(before, true)
		checkVerifyPasses(t, before)
	})

	step("refresh finds the stand-in cloud as the stack left it", func(t *testing.T) {
		b.t = t
		b.pulumiOK("refresh", "--yes", "--skip-preview")
		b.expectNoChanges("after refresh")
	})

	step("a third spoke only adds resources", func(t *testing.T) {
		b.t = t
		b.addSpoke("spoke3", "10.2.0.0/16", true)
		p := b.preview()
		for op, n := range p.ChangeSummary {
			if op != "create" && op != "same" {
				t.Errorf("adding a spoke plans %d %s steps: %v", n, op, p.ChangeSummary)
			}
		}
		changes, _ := b.up()
		after := b.export()
		if changes["create"] != len(after.Resources)-len(before.Resources) {
			t.Errorf("up recorded %v; the stack grew by %d resources", changes, len(after.Resources)-len(before.Resources))
		}
		for op, n := range changes {
			if op != "create" && op != "same" {
				t.Errorf("adding a spoke made %d %s changes: %v", n, op, changes)
			}
		}
		now := subnetCidrs(after)
		for urn, was := range subnetCidrs(before) {
			if now[urn] != was {
				t.Errorf("subnet %s was %q and is %q", name(urn), was, now[urn])
			}
		}
		b.checkTree(after, true)
		checkVerifyPasses(t, after)
		b.expectNoChanges("after adding a spoke")
	})

	for _, firewall := range []bool{false, true} {
		step("firewall "+map[bool]string{false: "off", true: "on"}[firewall]+" takes one up", func(t *testing.T) {
			b.t = t
			b.pulumiOK("config", "set", "firewall", map[bool]string{false: "false", true: "true"}[firewall])
			b.up()
			b.expectNoChanges("one up after turning the firewall " + map[bool]string{false: "off", true: "on"}[firewall])
			d := b.export()
			b.checkTree(d, firewall)
			if firewall {
				checkVerifyPasses(t, d)
			} else {
				// Without a firewall nothing is inspected: the strict checks must say so, and
				// the routes must still be right for a network without one.
				checkVerifyFinds(t, d, "egress", "return", "east-west")
				checkVerifyPasses(t, d, "--no-firewall")
			}
		})
	}

	step("a create that fails once fails up, and the next up duplicates nothing", func(t *testing.T) {
		b.t = t
		b.addSpoke("spoke4", "10.3.0.0/16", false)
		failing := "network-spoke4-tgw-attachment"
		if !contains(b.planTree(true), "aws:ec2transitgateway/vpcAttachment:VpcAttachment::"+failing) {
			t.Fatalf("the plan has no attachment named %s; update the test", failing)
		}
		b.env = append(b.env, "HUBSPOKE_STANDIN_AWS_FAIL_CREATE="+failing)
		r := b.pulumi("up", "--yes", "--skip-preview")
		if r.err == nil {
			t.Fatalf("up succeeded although the stand-in failed creating %s", failing)
		}
		if !strings.Contains(r.output(), failing) {
			t.Errorf("the failed up does not name %s:\n%s", failing, tail(r.output(), 4000))
		}
		b.up()
		d := b.export()
		b.checkTree(d, true)
		checkNothingDuplicated(t, b.stack, d)
		checkVerifyPasses(t, d)
		b.expectNoChanges("after the retry")
	})

	step("destroy leaves nothing", func(t *testing.T) {
		b.t = t
		b.destroy()
	})
}

// checkNothingDuplicated: the stand-in cloud holds exactly one resource per custom resource of
// the stack, and nothing else.
func checkNothingDuplicated(t *testing.T, s *stack, d deployment) {
	t.Helper()
	cloud := s.cloudResources()
	custom := map[string]bool{}
	for _, r := range d.Resources {
		if r.Custom && !strings.HasPrefix(r.Type, "pulumi:providers:") {
			custom[r.URN] = true
			if cloud[r.URN] != 1 {
				t.Errorf("the stand-in cloud holds %d resources for %s", cloud[r.URN], r.URN)
			}
		}
	}
	for urn := range cloud {
		if !custom[urn] {
			t.Errorf("the stand-in cloud holds %s, which the stack does not know", urn)
		}
	}
}

func contains(lines []string, suffix string) bool {
	for _, l := range lines {
		if strings.HasSuffix(l, suffix) {
			return true
		}
	}
	return false
}

// A HubAndSpoke whose spokes overlap fails the first preview with the provider's own message,
// naming the component, the property and the fix, and the stand-in cloud stays empty.
func TestOverlappingSpokesFailPreviewWithTheProvidersMessage(t *testing.T) {
	b := newBlueprint(t)
	spokes := b.network()["spokes"].([]any)
	spokes[1].(map[string]any)["cidrBlock"] = "10.0.128.0/17"
	b.save()
	r := b.pulumi("preview", "--json")
	if r.err == nil {
		t.Fatalf("preview accepted overlapping spokes:\n%s", tail(r.output(), 3000))
	}
	var p preview
	if err := json.Unmarshal([]byte(r.stdout), &p); err != nil {
		t.Fatalf("preview --json printed no JSON: %v\n%s", err, tail(r.output(), 3000))
	}
	want := "HubAndSpoke 'network': spokes[1].cidrBlock = 10.0.128.0/17: overlaps spokes[0] (spoke1) 10.0.0.0/16. Fix: give every VPC of the network its own block inside 10.0.0.0/8."
	errors := p.errors()
	if len(errors) != 1 || !strings.Contains(errors[0], want) {
		t.Errorf("want one error with the provider's message\n  %s\ngot %q", want, errors)
	}
	for _, step := range p.Steps {
		if !strings.Contains(step.URN, "pulumi:pulumi:Stack") {
			t.Errorf("the failed preview still plans %s", step.URN)
		}
	}
	if left := b.cloudResources(); len(left) != 0 {
		t.Errorf("a failed preview left %d resources in the stand-in cloud", len(left))
	}
}
