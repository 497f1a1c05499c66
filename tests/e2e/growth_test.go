package e2e

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"
)

// stepOps is, per URN, the operations of the engine's steps on it (a replacement is three:
// create-replacement, replace, delete-replaced).
type stepOps map[string][]string

func (o stepOps) has(urn, op string) bool {
	for _, got := range o[urn] {
		if got == op {
			return true
		}
	}
	return false
}

// with is the URNs that have a step with one of ops, sorted.
func (o stepOps) with(ops ...string) []string {
	var urns []string
	for urn := range o {
		for _, op := range ops {
			if o.has(urn, op) {
				urns = append(urns, urn)
				break
			}
		}
	}
	sort.Strings(urns)
	return urns
}

func (o stepOps) count() map[string]int {
	n := map[string]int{}
	for _, ops := range o {
		for _, op := range ops {
			n[op]++
		}
	}
	return n
}

// destructive are the operations that remove or replace something that exists.
var destructive = []string{"replace", "create-replacement", "delete-replaced", "delete", "discard", "discard-replaced"}

// previewSteps is `pulumi preview --json`, per URN, with what each update would change.
func (s *stack) previewSteps() (stepOps, map[string][]string) {
	s.t.Helper()
	r := s.pulumi("preview", "--json")
	var p struct {
		Steps []struct {
			Op    string   `json:"op"`
			URN   string   `json:"urn"`
			Diffs []string `json:"diffReasons"`
		} `json:"steps"`
		Diagnostics []struct {
			Message  string `json:"message"`
			Severity string `json:"severity"`
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &p); err != nil {
		s.t.Fatalf("pulumi preview --json (%v) printed no JSON: %v\n%s", r.err, err, tail(r.output(), 3000))
	}
	if r.err != nil {
		var errs []string
		for _, d := range p.Diagnostics {
			if d.Severity == "error" {
				errs = append(errs, strings.TrimSpace(d.Message))
			}
		}
		s.t.Fatalf("pulumi preview failed: %v\n%s%s", r.err, strings.Join(errs, "\n"), s.providerLog())
	}
	ops, diffs := stepOps{}, map[string][]string{}
	for _, step := range p.Steps {
		ops[step.URN] = append(ops[step.URN], step.Op)
		if len(step.Diffs) > 0 {
			diffs[step.URN] = step.Diffs
		}
	}
	return ops, diffs
}

// upSteps runs `pulumi up --json` and returns the steps it carried out, per URN. The CLI
// prints the engine's events as JSON (a step's outputs event once the step is done); a digest
// with a "steps" list is read as well, should the CLI print one instead.
func (s *stack) upSteps() stepOps {
	s.t.Helper()
	r := s.pulumi("up", "--yes", "--skip-preview", "--json")
	ops, errs := stepOps{}, []string{}
	decoder := json.NewDecoder(strings.NewReader(r.stdout))
	for decoder.More() {
		type metadata struct {
			Op  string `json:"op"`
			URN string `json:"urn"`
		}
		var value struct {
			ResOutputsEvent *struct {
				Metadata metadata `json:"metadata"`
			} `json:"resOutputsEvent"`
			Steps           []metadata `json:"steps"`
			DiagnosticEvent *struct {
				URN      string `json:"urn"`
				Message  string `json:"message"`
				Severity string `json:"severity"`
			} `json:"diagnosticEvent"`
		}
		if err := decoder.Decode(&value); err != nil {
			s.t.Fatalf("pulumi up --json: %v\n%s", err, tail(r.stdout, 3000))
		}
		if e := value.ResOutputsEvent; e != nil {
			ops[e.Metadata.URN] = append(ops[e.Metadata.URN], e.Metadata.Op)
		}
		for _, step := range value.Steps {
			ops[step.URN] = append(ops[step.URN], step.Op)
		}
		if d := value.DiagnosticEvent; d != nil && d.Severity == "error" {
			about := ""
			if d.URN != "" {
				about = name(d.URN) + ": "
			}
			errs = append(errs, about+strings.TrimSpace(d.Message))
		}
	}
	if r.err != nil {
		s.t.Fatalf("pulumi up failed: %v\n%s\n%s%s", r.err, strings.Join(errs, "\n"), tail(r.stderr, 2000), s.providerLog())
	}
	if len(ops) == 0 {
		s.t.Fatalf("pulumi up --json reported no step:\n%s", tail(r.stdout, 3000))
	}
	return ops
}

// previewIsTheTruth runs one growth step: a preview, then the up, and checks that the preview
// announced no replacement or deletion that up did not do, and that up did none the preview
// did not announce. It returns both, for the step's own checks.
func previewIsTheTruth(t *testing.T, s *stack) (planned, done stepOps) {
	t.Helper()
	planned, diffs := s.previewSteps()
	done = s.upSteps()
	for _, urn := range planned.with(destructive...) {
		for _, op := range planned[urn] {
			if isOneOf(op, destructive) && !done.has(urn, op) {
				t.Errorf("preview announced %s of %s, which up did not do (up: %v)", op, name(urn), done[urn])
			}
		}
	}
	for _, urn := range done.with(destructive...) {
		for _, op := range done[urn] {
			if isOneOf(op, destructive) && !planned.has(urn, op) {
				t.Errorf("up did %s of %s, which the preview did not announce (preview: %v)", op, name(urn), planned[urn])
			}
		}
	}
	for _, urn := range planned.with("create") {
		if !done.has(urn, "create") {
			t.Errorf("preview announced creating %s, which up did not create (up: %v)", name(urn), done[urn])
		}
	}
	for _, urn := range done.with("create") {
		if !planned.has(urn, "create") {
			t.Errorf("up created %s, which the preview did not announce", name(urn))
		}
	}
	// Updates are reported, not failed: some come from values AWS recomputes (docs/network.md, "Growing a
	// network"); the step's own checks say which it expects.
	for _, urn := range planned.with("update") {
		t.Logf("preview: update %s %v; up: %v", name(urn), diffs[urn], done[urn])
	}
	for _, urn := range done.with("update") {
		if !planned.has(urn, "update") {
			t.Errorf("up updated %s, which the preview did not announce", name(urn))
		}
	}
	t.Logf("preview %v, up %v", planned.count(), done.count())
	return planned, done
}

func isOneOf(v string, list []string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// onlyGrows fails when a step removed or replaced anything: growing a network must not.
func onlyGrows(t *testing.T, done stepOps) {
	t.Helper()
	if urns := done.with(destructive...); len(urns) > 0 {
		for _, urn := range urns {
			t.Errorf("growing the network did %v to %s", done[urn], name(urn))
		}
	}
}

// updatedOnly fails unless the updates up did are exactly the resources named in want.
func updatedOnly(t *testing.T, done stepOps, want ...string) {
	t.Helper()
	var got []string
	for _, urn := range done.with("update") {
		got = append(got, name(urn))
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("up updated %v, want exactly %v", got, want)
	}
}

// announcedOnly is the resources the preview announced updating that up left as they were,
// by name: updates the preview cannot rule out because they read values AWS recomputes.
func announcedOnly(planned, done stepOps) []string {
	var names []string
	for _, urn := range planned.with("update") {
		if !done.has(urn, "update") {
			names = append(names, name(urn))
		}
	}
	sort.Strings(names)
	return names
}

// Every way a blueprint grows (a spoke, an AZ, an allowed domain, flow logs, firewall logs),
// one `pulumi up` each on one stack: before each, `pulumi preview` must announce exactly the
// creations, replacements and deletions that the up then does, so a reviewer can trust it.
// The blueprint starts with non-default values for the HubAndSpoke inputs the examples leave
// at their defaults, so their updates are part of what is checked.
func TestGrowthPreviewTellsTheTruth(t *testing.T) {
	b := newBlueprint(t)
	props := b.network()
	props["amazonSideAsn"] = 64600
	props["logRetentionDays"] = 14
	props["statefulRules"] = []any{`pass tcp any any -> any 8443 (msg:"alt https"; sid:1000001; rev:1;)`}
	spoke2 := props["spokes"].([]any)[1].(map[string]any)
	// A workload spoke gets SSM endpoints by default (0.2.0): switched off, it is a non-default.
	spoke2["ssmEndpoints"] = false
	// With the default private supernet, allowPublicSupernet changes nothing but goes through up.
	props["allowPublicSupernet"] = true
	spoke2["workloadSubnetPrefixLength"] = 22
	b.save()
	step := func(name string, body func(t *testing.T)) {
		if !t.Run(name, body) {
			t.FailNow()
		}
	}

	step("first up", func(t *testing.T) {
		b.t = t
		planned, done := previewIsTheTruth(t, b.stack)
		if len(planned.with("create")) == 0 || len(done.with("update", "same")) != 0 {
			t.Errorf("a first up must only create: preview %v, up %v", planned.count(), done.count())
		}
		d := b.export()
		for _, r := range d.Resources {
			if r.Type == "aws:ec2transitgateway/transitGateway:TransitGateway" && r.Outputs["amazonSideAsn"] != float64(64600) {
				t.Errorf("the Transit Gateway's amazonSideAsn is %v, want 64600", r.Outputs["amazonSideAsn"])
			}
		}
		checkVerifyPasses(t, d)
	})

	step("a spoke", func(t *testing.T) {
		b.t = t
		b.addSpoke("spoke3", "10.2.0.0/16", true)
		planned, done := previewIsTheTruth(t, b.stack)
		onlyGrows(t, done)
		updatedOnly(t, done)
		if got := announcedOnly(planned, done); len(got) > 0 {
			t.Errorf("preview announced updates up did not do: %v", got)
		}
		b.expectNoChanges("after adding a spoke")
	})

	step("an AZ", func(t *testing.T) {
		b.t = t
		b.network()["azCount"] = 3
		b.save()
		planned, done := previewIsTheTruth(t, b.stack)
		onlyGrows(t, done)
		// The routes to the existing AZs' firewall endpoints read the firewall's status, which
		// AWS recomputes when its subnet mappings change: the preview cannot know the endpoint
		// ids stay the same, so it announces updates that up then finds unneeded. Nothing else.
		wantAnnounced := []string{"network-inspection-public-supernet-0", "network-inspection-public-supernet-1",
			"network-inspection-tgw-default-0", "network-inspection-tgw-default-1"}
		if got := announcedOnly(planned, done); strings.Join(got, " ") != strings.Join(wantAnnounced, " ") {
			t.Errorf("preview announced updates up did not do: %v, want only %v", got, wantAnnounced)
		}
		// What must change in place to use a third AZ: every TGW attachment's subnet list,
		// the firewall's subnet mappings and the SSM endpoints' subnets of the workload spokes
		// that have them (spoke1 and spoke3 by default; spoke2 switched them off).
		updatedOnly(t, done, "network-inspection-tgw-attachment", "network-spoke1-tgw-attachment",
			"network-spoke2-tgw-attachment", "network-spoke3-tgw-attachment", "network-inspection-firewall",
			"network-spoke1-ssm-endpoint", "network-spoke1-ssmmessages-endpoint", "network-spoke1-ec2messages-endpoint",
			"network-spoke3-ssm-endpoint", "network-spoke3-ssmmessages-endpoint", "network-spoke3-ec2messages-endpoint")
		checkVerifyPasses(t, b.export())
		b.expectNoChanges("after adding an AZ")
	})

	step("a domain", func(t *testing.T) {
		b.t = t
		props := b.network()
		props["allowedDomains"] = append(props["allowedDomains"].([]any), ".example.com")
		b.save()
		_, done := previewIsTheTruth(t, b.stack)
		onlyGrows(t, done)
		b.expectNoChanges("after allowing a domain")
	})

	// Switches that add logging: each only creates (and updates what it hangs on). Firewall
	// logging needs the stand-in to let a firewall's logging configuration be created next to the
	// firewall (it refused with "already exists (held by ... Firewall)" before that was fixed).
	for _, on := range []struct{ step, property string }{
		{"flow logs on", "flowLogs"},
		{"firewall logging on", "firewallLogging"},
	} {
		step(on.step, func(t *testing.T) {
			b.t = t
			b.network()[on.property] = true
			b.save()
			_, done := previewIsTheTruth(t, b.stack)
			onlyGrows(t, done)
			updatedOnly(t, done)
			b.expectNoChanges("after turning " + on.property + " on")
		})
	}

	step("destroy", func(t *testing.T) {
		b.t = t
		b.destroy()
	})
}

// A network cannot grow past the region: in a region with two Availability Zones (the stand-in
// plays one with HUBSPOKE_STANDIN_AWS_ZONES=2, and lists Local and Wavelength Zones besides, as
// AWS does for an account that opted in to some), azCount 3 fails the preview with one error
// naming azCount and the zones found, and nothing is planned or created.
func TestAzCountBeyondTheRegionFailsPreviewWithOneError(t *testing.T) {
	b := newBlueprint(t)
	b.network()["azCount"] = 3
	b.save()
	b.env = append(b.env, "HUBSPOKE_STANDIN_AWS_ZONES=2")
	r := b.pulumi("preview", "--json")
	if r.err == nil {
		t.Fatalf("preview accepted azCount 3 in a region with two zones:\n%s", tail(r.output(), 3000))
	}
	var p preview
	if err := json.Unmarshal([]byte(r.stdout), &p); err != nil {
		t.Fatalf("preview --json printed no JSON: %v\n%s", err, tail(r.output(), 3000))
	}
	errors := p.errors()
	want := []string{"HubAndSpoke 'network': azCount = 3: asks for 3 availability zones, but the region has only 2 (",
		"Fix: set azCount to at most 2"}
	if len(errors) != 1 || !strings.Contains(errors[0], want[0]) || !strings.Contains(errors[0], want[1]) {
		t.Errorf("want one error with\n  %s\ngot %q", strings.Join(want, " … "), errors)
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
