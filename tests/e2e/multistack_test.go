package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// The accounts the stand-in plays for the two stacks (tests/standin-aws/README.md, "Accounts"):
// two accounts outside any organization, which map zone names to AZ IDs differently.
const (
	platformAccount    = "111111111111"
	applicationAccount = "222222222222" // as examples/multi-stack/platform shares with
)

// Issue 13: the platform team's stack shares its hub with an application account, whose own
// stack builds a spoke from the platform's addressBook (read through a StackReference); the
// platform stack then attaches it. Both exports together pass every verify check. When the
// application stack goes, a refresh and an up of the platform stack converge without touching
// anything else.
func TestMultiStackDistribution(t *testing.T) {
	work := t.TempDir()
	examples := filepath.Join(shared.root, "examples", "multi-stack")
	platform := newStackIn(t, work, filepath.Join(examples, "platform"))
	app := newStackIn(t, work, filepath.Join(examples, "application"))
	platform.pulumiOK("config", "set", "--path", "aws:allowedAccountIds[0]", platformAccount)
	app.pulumiOK("config", "set", "--path", "aws:allowedAccountIds[0]", applicationAccount)

	platform.up()
	app.up()
	attachment := strings.TrimSpace(app.pulumiOK("stack", "output", "transitGatewayAttachmentId").stdout)
	appExport := app.export()
	checkOwners(t, appExport, applicationAccount)
	checkSameZonesByID(t, platform.export(), appExport)

	// The platform team attaches app1: only its acceptance, association and propagation are made.
	setAttachment(t, platform, attachment)
	before := callCounts(platform)
	changes, _ := platform.up()
	if made := callsAfter(platform, before); !allUnder(made, "app1") || len(made) != 3 {
		t.Errorf("attaching app1 made %v; want app1's accepter, association and propagation only", made)
	}
	if changes["update"]+changes["delete"]+changes["replace"] != 0 {
		t.Errorf("attaching app1 changed %v", changes)
	}
	platformExport := platform.export()
	checkOwners(t, platformExport, platformAccount)
	checkVerifyPasses(t, platformExport, appExport.path)

	// The application team goes away; the platform team lets app1's block stay reserved. AWS
	// removed app1's acceptance, association and propagation with its attachment, and the
	// application account's leaving the share (its accepter's delete) removed it as a principal.
	app.pulumiOK("destroy", "--yes", "--skip-preview")
	if left := app.export().Resources; len(left) != 0 {
		t.Errorf("the application stack still holds %d resources", len(left))
	}
	setAttachment(t, platform, "")
	before = callCounts(platform)
	platform.pulumiOK("refresh", "--yes", "--skip-preview")
	refreshed := platform.export()
	gone := missing(platformExport, refreshed)
	t.Logf("refresh dropped %v", gone)
	if !allOf(gone, leftWithApp1) || len(under(gone, "app1")) != 3 {
		t.Errorf("refresh dropped %v; want app1's accepter, association and propagation and the application account's principal association", gone)
	}
	changes, _ = platform.up()
	// The share invites the application account again (the program still lists it); nothing else.
	made := callsAfter(platform, before)
	t.Logf("refresh and up asked the cloud for %v", made)
	if !allOf(made, leftWithApp1) || len(under(made, "app1")) != 0 {
		t.Errorf("refresh and up after the application left asked the cloud for %v; want at most the principal association", made)
	}
	if changes["update"]+changes["replace"] != 0 || changes["create"] > 1 || !allOf(missing(refreshed, platform.export()), leftWithApp1) {
		t.Errorf("the up after the application left recorded %v", changes)
	}
	platform.expectNoChanges("after the application left")
	platform.destroy()
}

// checkOwners: every resource of the stack that reports an owner belongs to the stack's account.
func checkOwners(t *testing.T, d deployment, account string) {
	t.Helper()
	owned := 0
	for _, r := range d.Resources {
		if owner, ok := r.Outputs["ownerId"].(string); ok {
			owned++
			if owner != account {
				t.Errorf("%s belongs to account %s, want %s", r.URN, owner, account)
			}
		}
	}
	if owned == 0 {
		t.Errorf("no resource of the stack reports an owner")
	}
}

// checkSameZonesByID: the application's subnets are in the physical zones (AZ IDs) of the
// platform's, though under other names in its account: lined up by name they would not be.
func checkSameZonesByID(t *testing.T, platform, app deployment) {
	t.Helper()
	zones := func(d deployment) map[string]string {
		out := map[string]string{}
		for _, r := range d.Resources {
			if r.Type == "aws:ec2/subnet:Subnet" {
				id, _ := r.Outputs["availabilityZoneId"].(string)
				zone, _ := r.Outputs["availabilityZone"].(string)
				out[id] = zone
			}
		}
		return out
	}
	hub, spoke := zones(platform), zones(app)
	renamed := false
	for id, name := range spoke {
		hubName, ok := hub[id]
		if !ok {
			t.Errorf("the application's subnet in %s (%s) is in no zone of the hub's (%v)", id, name, hub)
		}
		renamed = renamed || hubName != name
	}
	if len(spoke) == 0 || !renamed {
		t.Errorf("application zones %v, hub zones %v: want the hub's AZ IDs under other names", spoke, hub)
	}
}

// setAttachment gives the platform program's external spoke app1 an attachmentId, or takes it away.
func setAttachment(t *testing.T, s *stack, id string) {
	t.Helper()
	path := filepath.Join(s.dir, "Pulumi.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var program map[string]any
	if err := yaml.Unmarshal(data, &program); err != nil {
		t.Fatal(err)
	}
	network := program["resources"].(map[string]any)["network"].(map[string]any)["properties"].(map[string]any)
	for _, spoke := range network["spokes"].([]any) {
		if entry := spoke.(map[string]any); entry["name"] == "app1" {
			if id == "" {
				delete(entry, "attachmentId")
			} else {
				entry["attachmentId"] = id
			}
		}
	}
	if data, err = yaml.Marshal(program); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// callCounts is how many successful creates, updates and deletes the stand-in has recorded so far.
func callCounts(s *stack) map[string]int {
	s.t.Helper()
	out := map[string]int{}
	for _, op := range []string{"create", "update", "delete"} {
		out[op] = len(s.standinCalls(op))
	}
	return out
}

// callsAfter lists the calls recorded since callCounts gave before, as "op urn".
func callsAfter(s *stack, before map[string]int) []string {
	s.t.Helper()
	var out []string
	for _, op := range []string{"create", "update", "delete"} {
		for _, c := range s.standinCalls(op)[before[op]:] {
			out = append(out, op+" "+c.URN)
		}
	}
	return out
}

// missing lists the URNs from holds that to does not.
func missing(from, to deployment) []string {
	kept := map[string]bool{}
	for _, r := range to.Resources {
		kept[r.URN] = true
	}
	var out []string
	for _, r := range from.Resources {
		if !kept[r.URN] {
			out = append(out, r.URN)
		}
	}
	return out
}

// under lists the URNs (or "op URN"s) of resources whose name holds the spoke's name: what the
// platform stack builds for an external spoke is named after it.
func under(urns []string, spoke string) []string {
	var out []string
	for _, u := range urns {
		if strings.Contains(name(u), spoke) {
			out = append(out, u)
		}
	}
	return out
}

func allUnder(urns []string, spoke string) bool { return len(under(urns, spoke)) == len(urns) }

// leftWithApp1: what AWS takes away when the application account deletes its spoke and leaves
// the share: app1's resources, and the account's principal association.
func leftWithApp1(urn string) bool {
	return strings.Contains(name(urn), "app1") || strings.Contains(urn, "aws:ram/principalAssociation:PrincipalAssociation::")
}

func allOf(urns []string, ok func(string) bool) bool {
	for _, u := range urns {
		if !ok(u) {
			return false
		}
	}
	return true
}
