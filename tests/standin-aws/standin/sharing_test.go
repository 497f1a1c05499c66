package standin

import (
	"path/filepath"
	"strings"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

const (
	platformAccount    = "111111111111"
	applicationAccount = "222222222222"
)

// configured is a us-east-1 stand-in configured with these config variables.
func configured(t *testing.T, path string, org []string, vars map[string]string) (*Provider, error) {
	t.Helper()
	p := NewWith(path, "", nil, Options{Organization: org})
	vars["aws:config:region"] = "us-east-1"
	_, err := p.Configure(ctx, &pulumirpc.ConfigureRequest{Variables: vars})
	return p, err
}

// inAccount is a stand-in playing one account (by allowedAccountIds) on a shared state file.
func inAccount(t *testing.T, path, account string, org ...string) *Provider {
	t.Helper()
	p, err := configured(t, path, org, map[string]string{"aws:config:allowedAccountIds": `["` + account + `"]`})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTheAccountComesFromTheProviderConfiguration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.json")
	for _, c := range []struct {
		why  string
		vars map[string]string
		want string
	}{
		{"nothing configured", map[string]string{}, Account},
		{"allowedAccountIds", map[string]string{"aws:config:allowedAccountIds": `["111111111111","333333333333"]`}, platformAccount},
		{"the last role of assumeRoles", map[string]string{"aws:config:assumeRoles": `[{"roleArn":"arn:aws:iam::333333333333:role/a"},{"roleArn":"arn:aws:iam::222222222222:role/deploy"}]`}, applicationAccount},
		{"allowedAccountIds set by path (numbers)", map[string]string{"aws:config:allowedAccountIds": `[222222222222]`}, applicationAccount},
		{"assumeRole", map[string]string{"aws:config:assumeRole": `{"roleArn":"arn:aws:iam::222222222222:role/deploy"}`}, applicationAccount},
		{"a role among the allowed", map[string]string{"aws:config:allowedAccountIds": `["111111111111","222222222222"]`,
			"aws:config:assumeRoles": `[{"roleArn":"arn:aws:iam::222222222222:role/deploy"}]`}, applicationAccount},
	} {
		p, err := configured(t, path, nil, c.vars)
		if err != nil {
			t.Fatalf("%s: %v", c.why, err)
		}
		who, err := p.Invoke(ctx, &pulumirpc.InvokeRequest{Tok: "aws:index/getCallerIdentity:getCallerIdentity"})
		if err != nil {
			t.Fatal(err)
		}
		if got := plain(t, who.Return)["accountId"]; got != c.want {
			t.Errorf("%s: getCallerIdentity says account %v, want %s", c.why, got, c.want)
		}
		if _, vpc := create(t, p, vpcT, "vpc-"+strings.ReplaceAll(c.why, " ", "-"), map[string]any{"cidrBlock": "10.0.0.0/16"}); vpc["ownerId"] != c.want ||
			!strings.Contains(vpc["arn"].(string), ":"+c.want+":vpc/") {
			t.Errorf("%s: a VPC's ownerId %v and arn %v, want account %s", c.why, vpc["ownerId"], vpc["arn"], c.want)
		}
	}
}

func TestAnAccountTheConfigurationDoesNotAllowIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.json")
	_, err := configured(t, path, nil, map[string]string{"aws:config:allowedAccountIds": `["111111111111"]`,
		"aws:config:assumeRoles": `[{"roleArn":"arn:aws:iam::222222222222:role/deploy"}]`})
	if err == nil || !strings.Contains(err.Error(), "AWS account ID not allowed: 222222222222") {
		t.Errorf("a role outside allowedAccountIds: %v", err)
	}
	_, err = configured(t, path, nil, map[string]string{"aws:config:forbiddenAccountIds": `["123456789012"]`})
	if err == nil || !strings.Contains(err.Error(), "AWS account ID not allowed: 123456789012") {
		t.Errorf("the default account forbidden: %v", err)
	}
}

// zoneIDs is getAvailabilityZones' names -> zoneIds for one account.
func zoneIDs(t *testing.T, p *Provider) map[string]string {
	t.Helper()
	resp, err := p.Invoke(ctx, &pulumirpc.InvokeRequest{Tok: zonesTok, Args: props(t, map[string]any{
		"filters": []any{map[string]any{"name": "zone-type", "values": []any{"availability-zone"}}}})})
	if err != nil {
		t.Fatal(err)
	}
	out := plain(t, resp.Return)
	names, ids := list(out["names"]), list(out["zoneIds"])
	m := map[string]string{}
	for i := range names {
		m[names[i]] = ids[i]
	}
	return m
}

func TestEachAccountMapsZoneNamesToItsOwnAzIds(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.json")
	def, platform, app := zoneIDs(t, inAccount(t, path, Account)), zoneIDs(t, inAccount(t, path, platformAccount)), zoneIDs(t, inAccount(t, path, applicationAccount))
	if def["us-east-1a"] != "use1-az1" || def["us-east-1d"] != "use1-az4" {
		t.Errorf("the default account keeps a->az1 ... d->az4: %v", def)
	}
	seen := map[string]bool{}
	for name, id := range app {
		seen[id] = true
		if platform[name] == id {
			t.Errorf("%s is %s in both accounts; AWS maps names per account", name, id)
		}
	}
	if len(seen) != 4 || len(app) != 4 {
		t.Errorf("the application account sees %v: want the region's 4 AZ IDs, each once", app)
	}
	// Lined up by AZ ID, the two accounts find the same physical zone under different names.
	byID := map[string]string{}
	for name, id := range platform {
		byID[id] = name
	}
	for name, id := range app {
		if byID[id] == "" {
			t.Errorf("AZ ID %s (%s in the application account) is unknown to the platform account", id, name)
		}
	}
}

func TestASubnetNamedByAzIdLandsInThatZoneOfItsAccount(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.json")
	app := inAccount(t, path, applicationAccount)
	ids := zoneIDs(t, app)
	vpc, _ := create(t, app, vpcT, "spoke", map[string]any{"cidrBlock": "10.20.0.0/16"})
	_, subnet := create(t, app, subnetT, "by-id", map[string]any{"vpcId": vpc, "cidrBlock": "10.20.0.0/24", "availabilityZoneId": "use1-az1"})
	if ids[subnet["availabilityZone"].(string)] != "use1-az1" {
		t.Errorf("a subnet in use1-az1 reports zone %v, which is %s in this account", subnet["availabilityZone"], ids[subnet["availabilityZone"].(string)])
	}
	_, named := create(t, app, subnetT, "by-name", map[string]any{"vpcId": vpc, "cidrBlock": "10.20.1.0/24", "availabilityZone": "us-east-1a"})
	if named["availabilityZoneId"] != ids["us-east-1a"] {
		t.Errorf("a subnet in us-east-1a reports AZ ID %v, want %s", named["availabilityZoneId"], ids["us-east-1a"])
	}
	got := refusal(t, app, subnetT, "nowhere", map[string]any{"vpcId": vpc, "cidrBlock": "10.20.2.0/24", "availabilityZoneId": "use1-az9"})
	wantIn(t, got, "InvalidParameterValue: Value (use1-az9) for parameter availabilityZoneId is invalid")
	platform := inAccount(t, path, platformAccount)
	got = refusal(t, platform, subnetT, "foreign", map[string]any{"vpcId": vpc, "cidrBlock": "10.20.3.0/24", "availabilityZone": "us-east-1a"})
	wantIn(t, got, "InvalidVpcID.NotFound: The vpc ID '"+vpc+"' does not exist")
}

// sharedHub is a platform account's transit gateway with its two route tables and an application
// account's VPC with one subnet, on one state file.
type sharedHub struct {
	path, tgw, tgwArn, spokeRT, inspectionRT string
	platform, app                            *Provider
	vpc, subnet                              string
}

func newSharedHub(t *testing.T, autoAccept string, org ...string) *sharedHub {
	t.Helper()
	h := &sharedHub{path: filepath.Join(t.TempDir(), "s.json")}
	h.platform, h.app = inAccount(t, h.path, platformAccount, org...), inAccount(t, h.path, applicationAccount, org...)
	var tgw map[string]any
	h.tgw, tgw = create(t, h.platform, tgwType, "hub", map[string]any{"autoAcceptSharedAttachments": autoAccept,
		"defaultRouteTableAssociation": "disable", "defaultRouteTablePropagation": "disable"})
	h.tgwArn = tgw["arn"].(string)
	h.spokeRT, _ = create(t, h.platform, tgwRouteTableType, "spoke-rt", map[string]any{"transitGatewayId": h.tgw})
	h.inspectionRT, _ = create(t, h.platform, tgwRouteTableType, "inspection-rt", map[string]any{"transitGatewayId": h.tgw})
	h.vpc, _ = create(t, h.app, vpcT, "app", map[string]any{"cidrBlock": "10.20.0.0/16"})
	h.subnet, _ = create(t, h.app, subnetT, "app-tgw-a", map[string]any{"vpcId": h.vpc, "cidrBlock": "10.20.0.0/28", "availabilityZoneId": "use1-az1"})
	return h
}

// share shares the gateway with a principal; it returns the share's ARN.
func (h *sharedHub) share(t *testing.T, principal string) string {
	t.Helper()
	share, _ := create(t, h.platform, shareType, "hub-share", map[string]any{"name": "hub", "allowExternalPrincipals": true})
	create(t, h.platform, shareResourceType, "hub-share-tgw", map[string]any{"resourceShareArn": share, "resourceArn": h.tgwArn})
	create(t, h.platform, sharePrincipalType, "hub-share-app", map[string]any{"resourceShareArn": share, "principal": principal})
	return share
}

func (h *sharedHub) attachment(extra map[string]any) map[string]any {
	in := map[string]any{"transitGatewayId": h.tgw, "vpcId": h.vpc, "subnetIds": []any{h.subnet}}
	for k, v := range extra {
		in[k] = v
	}
	return in
}

func (h *sharedHub) link(typ, table, attachment string) map[string]any {
	return map[string]any{"transitGatewayRouteTableId": table, "transitGatewayAttachmentId": attachment}
}

func TestAnAccountOutsideTheOrganizationAttachesOnlyOnceTheShareIsAccepted(t *testing.T) {
	h := newSharedHub(t, "disable")
	got := refusal(t, h.app, attachmentType, "app-attach", h.attachment(nil))
	wantIn(t, got, "InvalidTransitGatewayID.NotFound: The transitGateway ID '"+h.tgw+"' does not exist", "is not shared with account "+applicationAccount)

	share := h.share(t, applicationAccount)
	got = refusal(t, h.app, attachmentType, "app-attach", h.attachment(nil))
	wantIn(t, got, "InvalidTransitGatewayID.NotFound", "or its invitation is not accepted")

	_, accepted := create(t, h.app, shareAccepterType, "accept-hub", map[string]any{"shareArn": share})
	if accepted["status"] != "ACCEPTED" || accepted["senderAccountId"] != platformAccount || accepted["receiverAccountId"] != applicationAccount ||
		len(accepted["resources"].([]any)) != 1 || accepted["resources"].([]any)[0] != h.tgwArn {
		t.Errorf("the accepter reports %v", accepted)
	}
	got = refusal(t, h.app, attachmentType, "app-attach", h.attachment(map[string]any{"transitGatewayDefaultRouteTableAssociation": false}))
	wantIn(t, got, "InvalidParameterValue: transitGatewayDefaultRouteTableAssociation cannot be set by account "+applicationAccount)
	att, _ := create(t, h.app, attachmentType, "app-attach", h.attachment(nil))

	// Only the owner links it, and only once it is accepted.
	got = refusal(t, h.app, tgwAssociationType, "app-assoc", h.link(tgwAssociationType, h.spokeRT, att))
	wantIn(t, got, "InvalidRouteTableID.NotFound: The transitGatewayRouteTable ID '"+h.spokeRT+"' does not exist")
	got = refusal(t, h.platform, tgwAssociationType, "app-assoc", h.link(tgwAssociationType, h.spokeRT, att))
	wantIn(t, got, "IncorrectState: Transit Gateway Attachment "+att+" is in invalid state pendingAcceptance")
	got = refusal(t, h.app, attachmentAccepterType, "app-accept", map[string]any{"transitGatewayAttachmentId": att})
	wantIn(t, got, "InvalidTransitGatewayAttachmentID.NotFound")
	_, acceptedAtt := create(t, h.platform, attachmentAccepterType, "app-accept", map[string]any{"transitGatewayAttachmentId": att})
	if acceptedAtt["vpcOwnerId"] != applicationAccount || acceptedAtt["vpcId"] != h.vpc || acceptedAtt["transitGatewayId"] != h.tgw {
		t.Errorf("the attachment accepter reports %v", acceptedAtt)
	}
	create(t, h.platform, tgwAssociationType, "app-assoc", h.link(tgwAssociationType, h.spokeRT, att))
	create(t, h.platform, tgwPropagationType, "app-prop", h.link(tgwPropagationType, h.inspectionRT, att))
	got = refusal(t, h.platform, attachmentAccepterType, "app-accept-again", map[string]any{"transitGatewayAttachmentId": att})
	wantIn(t, got, "IncorrectState", "is in invalid state available")
}

func TestInsideTheOrganizationASharedGatewayNeedsNoInvitation(t *testing.T) {
	h := newSharedHub(t, "disable", platformAccount, applicationAccount)
	orgArn := organization{accounts: []string{platformAccount, applicationAccount}}.arn("aws")
	share := h.share(t, orgArn)
	got := refusal(t, h.app, shareAccepterType, "accept-hub", map[string]any{"shareArn": share})
	wantIn(t, got, "ResourceShareInvitationArnNotFoundException: No pending invitation to resource share "+share)
	create(t, h.app, attachmentType, "app-attach", h.attachment(nil))
	outsider := inAccount(t, h.path, "333333333333", platformAccount, applicationAccount)
	got = refusal(t, h.platform, sharePrincipalType, "hub-share-ou", map[string]any{"resourceShareArn": share,
		"principal": "arn:aws:organizations::111111111111:ou/" + organization{accounts: []string{platformAccount}}.id() + "/ou-ab12-cdef3456"})
	wantIn(t, got, "UnknownResourceException", "no OUs")
	vpc, _ := create(t, outsider, vpcT, "outsider", map[string]any{"cidrBlock": "10.30.0.0/16"})
	subnet, _ := create(t, outsider, subnetT, "outsider-a", map[string]any{"vpcId": vpc, "cidrBlock": "10.30.0.0/28", "availabilityZone": "us-east-1a"})
	got = refusal(t, outsider, attachmentType, "outsider-attach", map[string]any{"transitGatewayId": h.tgw, "vpcId": vpc, "subnetIds": []any{subnet}})
	wantIn(t, got, "InvalidTransitGatewayID.NotFound", "is not shared with account 333333333333")
}

func TestAShareWithoutExternalPrincipalsRefusesAnAccountOutsideTheOrganization(t *testing.T) {
	h := newSharedHub(t, "disable")
	share, _ := create(t, h.platform, shareType, "closed", map[string]any{"name": "closed", "allowExternalPrincipals": false})
	got := refusal(t, h.platform, sharePrincipalType, "closed-app", map[string]any{"resourceShareArn": share, "principal": applicationAccount})
	wantIn(t, got, "OperationNotPermittedException", "does not allow external principals")
	got = refusal(t, h.app, shareResourceType, "steal", map[string]any{"resourceShareArn": share, "resourceArn": h.tgwArn})
	wantIn(t, got, "UnknownResourceException: ResourceShare "+share+" could not be found")
}

func TestAnAutoAcceptingGatewayTakesSharedAttachmentsAtOnce(t *testing.T) {
	h := newSharedHub(t, "enable")
	share := h.share(t, applicationAccount)
	create(t, h.app, shareAccepterType, "accept-hub", map[string]any{"shareArn": share})
	att, _ := create(t, h.app, attachmentType, "app-attach", h.attachment(nil))
	create(t, h.platform, tgwAssociationType, "app-assoc", h.link(tgwAssociationType, h.spokeRT, att))
	got := refusal(t, h.platform, attachmentAccepterType, "app-accept", map[string]any{"transitGatewayAttachmentId": att})
	wantIn(t, got, "IncorrectState", "is in invalid state available")
}

func gone(t *testing.T, p *Provider, typ, id string) bool {
	t.Helper()
	read, err := p.Read(ctx, &pulumirpc.ReadRequest{Id: id, Urn: urnOf(typ, "x")})
	if err != nil {
		t.Fatal(err)
	}
	return read.GetId() == ""
}

func TestDeletingASharedAttachmentTakesItsAcceptanceAndRouteTableLinks(t *testing.T) {
	h := newSharedHub(t, "disable")
	share := h.share(t, applicationAccount)
	accepter, _ := create(t, h.app, shareAccepterType, "accept-hub", map[string]any{"shareArn": share})
	att, _ := create(t, h.app, attachmentType, "app-attach", h.attachment(nil))
	create(t, h.platform, attachmentAccepterType, "app-accept", map[string]any{"transitGatewayAttachmentId": att})
	assoc, _ := create(t, h.platform, tgwAssociationType, "app-assoc", h.link(tgwAssociationType, h.spokeRT, att))
	prop, _ := create(t, h.platform, tgwPropagationType, "app-prop", h.link(tgwPropagationType, h.inspectionRT, att))

	if _, err := h.app.Delete(ctx, &pulumirpc.DeleteRequest{Id: att, Urn: urnOf(attachmentType, "app-attach")}); err != nil {
		t.Fatal(err)
	}
	for typ, id := range map[string]string{attachmentAccepterType: att, tgwAssociationType: assoc, tgwPropagationType: prop} {
		if !gone(t, h.platform, typ, id) {
			t.Errorf("%s %s outlives its attachment", typ, id)
		}
	}
	if gone(t, h.platform, sharePrincipalType, share+","+applicationAccount) {
		t.Errorf("deleting the attachment removed the principal association")
	}
	// Leaving the share removes the account from it, as AWS's DisassociateResourceShare does.
	if _, err := h.app.Delete(ctx, &pulumirpc.DeleteRequest{Id: accepter, Urn: urnOf(shareAccepterType, "accept-hub")}); err != nil {
		t.Fatal(err)
	}
	if !gone(t, h.platform, sharePrincipalType, share+","+applicationAccount) {
		t.Errorf("the account left the share but is still its principal")
	}
}

func TestDeletingAnAttachmentAccepterDeletesTheAttachment(t *testing.T) {
	h := newSharedHub(t, "disable")
	share := h.share(t, applicationAccount)
	create(t, h.app, shareAccepterType, "accept-hub", map[string]any{"shareArn": share})
	att, _ := create(t, h.app, attachmentType, "app-attach", h.attachment(nil))
	create(t, h.platform, attachmentAccepterType, "app-accept", map[string]any{"transitGatewayAttachmentId": att})
	if _, err := h.platform.Delete(ctx, &pulumirpc.DeleteRequest{Id: att, Urn: urnOf(attachmentAccepterType, "app-accept")}); err != nil {
		t.Fatal(err)
	}
	if !gone(t, h.app, attachmentType, att) {
		t.Errorf("the attachment outlives its accepter")
	}
}
