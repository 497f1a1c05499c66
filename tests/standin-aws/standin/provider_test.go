package standin

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/structpb"
)

var ctx = context.Background()

func urnOf(typ, name string) string {
	return "urn:pulumi:dev::standin-test::" + typ + "::" + name
}

func props(t testing.TB, m map[string]any) *structpb.Struct {
	t.Helper()
	s, err := marshal(resource.NewPropertyMapFromMap(m))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func plain(t *testing.T, s *structpb.Struct) map[string]any {
	t.Helper()
	m, err := unmarshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return m.Mappable()
}

func newProvider(t *testing.T, path, failCreate string) *Provider {
	t.Helper()
	p := New(path, failCreate, nil)
	if _, err := p.Configure(ctx, &pulumirpc.ConfigureRequest{Variables: map[string]string{"aws:config:region": "eu-west-1"}}); err != nil {
		t.Fatal(err)
	}
	return p
}

func create(t *testing.T, p *Provider, typ, name string, in map[string]any) (string, map[string]any) {
	t.Helper()
	resp, err := p.Create(ctx, &pulumirpc.CreateRequest{Urn: urnOf(typ, name), Properties: props(t, in)})
	if err != nil {
		t.Fatalf("create %s %s: %v", typ, name, err)
	}
	return resp.GetId(), plain(t, resp.GetProperties())
}

func diff(t *testing.T, typ string, olds, news map[string]any) *pulumirpc.DiffResponse {
	t.Helper()
	p := New(filepath.Join(t.TempDir(), "s.json"), "", nil)
	resp, err := p.Diff(ctx, &pulumirpc.DiffRequest{Urn: urnOf(typ, "x"), Id: "x-1",
		OldInputs: props(t, olds), Olds: props(t, olds), News: props(t, news)})
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

const (
	vpcT    = "aws:ec2/vpc:Vpc"
	subnetT = "aws:ec2/subnet:Subnet"
)

func TestDiffReplacesAVpcWhoseCidrBlockChanges(t *testing.T) {
	resp := diff(t, vpcT, map[string]any{"cidrBlock": "10.0.0.0/16"}, map[string]any{"cidrBlock": "10.1.0.0/16"})
	if resp.Changes != pulumirpc.DiffResponse_DIFF_SOME || strings.Join(resp.Replaces, ",") != "cidrBlock" {
		t.Fatalf("want a replace on cidrBlock, got %v", resp)
	}
	if resp.DetailedDiff["cidrBlock"].Kind != pulumirpc.PropertyDiff_UPDATE_REPLACE {
		t.Fatalf("detailed diff kind: %v", resp.DetailedDiff["cidrBlock"].Kind)
	}
}

func TestDiffReplacesASubnetWhoseCidrAzOrVpcChanges(t *testing.T) {
	base := map[string]any{"vpcId": "vpc-1", "cidrBlock": "10.0.0.0/24", "availabilityZone": "us-east-1a"}
	for key, value := range map[string]any{"vpcId": "vpc-2", "cidrBlock": "10.0.1.0/24", "availabilityZone": "us-east-1b"} {
		news := map[string]any{}
		for k, v := range base {
			news[k] = v
		}
		news[key] = value
		resp := diff(t, subnetT, base, news)
		if strings.Join(resp.Replaces, ",") != key {
			t.Errorf("changing %s: want replace on exactly it, got %v", key, resp.Replaces)
		}
	}
}

func TestDiffUpdatesInPlaceWhenOnlyUpdatablePropertiesChange(t *testing.T) {
	resp := diff(t, vpcT,
		map[string]any{"cidrBlock": "10.0.0.0/16", "tags": map[string]any{"Name": "a"}},
		map[string]any{"cidrBlock": "10.0.0.0/16", "tags": map[string]any{"Name": "b"}, "enableDnsHostnames": true})
	if resp.Changes != pulumirpc.DiffResponse_DIFF_SOME || len(resp.Replaces) != 0 {
		t.Fatalf("want an update without replaces, got %v", resp)
	}
	if strings.Join(resp.Diffs, ",") != "enableDnsHostnames,tags" {
		t.Fatalf("diffs: %v", resp.Diffs)
	}
	if resp.DetailedDiff["enableDnsHostnames"].Kind != pulumirpc.PropertyDiff_ADD {
		t.Fatalf("an added property is an ADD: %v", resp.DetailedDiff)
	}
}

func TestDiffReportsNoChangesWhenInputsAreEqual(t *testing.T) {
	in := map[string]any{"vpcId": "vpc-1", "cidrBlock": "10.0.0.0/24", "tags": map[string]any{"k": "v"}}
	resp := diff(t, subnetT, in, in)
	if resp.Changes != pulumirpc.DiffResponse_DIFF_NONE || len(resp.Diffs) != 0 {
		t.Fatalf("want no changes, got %v", resp)
	}
}

func TestDiffReplacesWhenAReplaceOnInputBecomesUnknown(t *testing.T) {
	news := resource.PropertyMap{"vpcId": resource.MakeComputed(resource.NewStringProperty("")), "cidrBlock": resource.NewStringProperty("10.0.0.0/24")}
	s, _ := marshal(news)
	p := New(filepath.Join(t.TempDir(), "s.json"), "", nil)
	resp, err := p.Diff(ctx, &pulumirpc.DiffRequest{Urn: urnOf(subnetT, "x"), Id: "x",
		OldInputs: props(t, map[string]any{"vpcId": "vpc-1", "cidrBlock": "10.0.0.0/24"}), News: s})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(resp.Replaces, ",") != "vpcId" {
		t.Fatalf("want replace on vpcId, got %v", resp)
	}
}

func TestCheckRejectsAMissingRequiredPropertyWithAClearMessage(t *testing.T) {
	p := New(filepath.Join(t.TempDir(), "s.json"), "", nil)
	resp, err := p.Check(ctx, &pulumirpc.CheckRequest{Urn: urnOf(subnetT, "app-a"),
		News: props(t, map[string]any{"cidrBlock": "10.0.0.0/24"})})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Failures) != 1 || resp.Failures[0].Property != "vpcId" ||
		!strings.Contains(resp.Failures[0].Reason, `"app-a" is missing the required property "vpcId"`) {
		t.Fatalf("failures: %v", resp.Failures)
	}
}

func TestCheckEchoesInputsAndNamesAutonamedResourcesStably(t *testing.T) {
	p := New(filepath.Join(t.TempDir(), "s.json"), "", nil)
	urn := urnOf("aws:iam/role:Role", "flow-logs")
	check := func(olds map[string]any) map[string]any {
		resp, err := p.Check(ctx, &pulumirpc.CheckRequest{Urn: urn, Olds: props(t, olds),
			News: props(t, map[string]any{"assumeRolePolicy": "{}"})})
		if err != nil || len(resp.Failures) != 0 {
			t.Fatalf("check: %v %v", err, resp.GetFailures())
		}
		return plain(t, resp.Inputs)
	}
	first := check(nil)
	if first["assumeRolePolicy"] != "{}" || !strings.HasPrefix(first["name"].(string), "flow-logs-") {
		t.Fatalf("inputs: %v", first)
	}
	if again := check(map[string]any{"name": "kept-name"}); again["name"] != "kept-name" {
		t.Fatalf("an existing name must be kept: %v", again)
	}
}

func TestCheckRefusesAResourceTypeTheStandInDoesNotPlay(t *testing.T) {
	p := New(filepath.Join(t.TempDir(), "s.json"), "", nil)
	_, err := p.Check(ctx, &pulumirpc.CheckRequest{Urn: urnOf("aws:s3/bucket:Bucket", "b"), News: props(t, nil)})
	if err == nil || !strings.Contains(err.Error(), "does not play resource type aws:s3/bucket:Bucket") {
		t.Fatalf("err: %v", err)
	}
}

func TestCreateGivesAwsShapedIdsAndArns(t *testing.T) {
	p := newProvider(t, filepath.Join(t.TempDir(), "s.json"), "")
	vpcID, vpc := create(t, p, vpcT, "hub", map[string]any{"cidrBlock": "10.0.0.0/16"})
	subnetID, _ := create(t, p, subnetT, "a", map[string]any{"vpcId": vpcID, "cidrBlock": "10.0.0.0/24", "availabilityZone": "eu-west-1a"})
	tgwID, tgw := create(t, p, "aws:ec2transitgateway/transitGateway:TransitGateway", "hub", map[string]any{})
	if !strings.HasPrefix(vpcID, "vpc-") || len(vpcID) != len("vpc-")+17 || !strings.HasPrefix(subnetID, "subnet-") || !strings.HasPrefix(tgwID, "tgw-") {
		t.Fatalf("ids: %s %s %s", vpcID, subnetID, tgwID)
	}
	if vpc["arn"] != "arn:aws:ec2:eu-west-1:123456789012:vpc/"+vpcID || !strings.HasPrefix(tgw["associationDefaultRouteTableId"].(string), "tgw-rtb-") {
		t.Fatalf("outputs: %v %v", vpc, tgw)
	}
}

func TestCreateReportsOneFirewallSyncStatePerSubnetMappingWithThatSubnetsZone(t *testing.T) {
	p := newProvider(t, filepath.Join(t.TempDir(), "s.json"), "")
	vpcID, _ := create(t, p, vpcT, "inspection", map[string]any{"cidrBlock": "10.129.0.0/24"})
	var mappings []any
	zones := []string{"eu-west-1b", "eu-west-1a"}
	for i, zone := range zones {
		id, _ := create(t, p, subnetT, "fw-"+zone, map[string]any{"vpcId": vpcID, "cidrBlock": []string{"10.129.0.0/28", "10.129.0.16/28"}[i], "availabilityZone": zone})
		mappings = append(mappings, map[string]any{"subnetId": id})
	}
	policyID, policy := create(t, p, "aws:networkfirewall/firewallPolicy:FirewallPolicy", "policy", map[string]any{"name": "policy", "firewallPolicy": map[string]any{}})
	if policyID != policy["arn"] || policyID != "arn:aws:network-firewall:eu-west-1:123456789012:firewall-policy/policy" {
		t.Fatalf("a firewall policy's id is its arn: %s %v", policyID, policy["arn"])
	}
	_, fw := create(t, p, "aws:networkfirewall/firewall:Firewall", "fw", map[string]any{
		"name": "fw", "vpcId": vpcID, "firewallPolicyArn": policyID, "subnetMappings": mappings})
	sync := fw["firewallStatuses"].([]any)[0].(map[string]any)["syncStates"].([]any)
	if len(sync) != 2 {
		t.Fatalf("sync states: %v", sync)
	}
	endpoints := map[string]bool{}
	for i, s := range sync {
		state := s.(map[string]any)
		attachment := state["attachments"].([]any)[0].(map[string]any)
		if state["availabilityZone"] != zones[i] || attachment["subnetId"] != mappings[i].(map[string]any)["subnetId"] ||
			!strings.HasPrefix(attachment["endpointId"].(string), "vpce-") {
			t.Fatalf("sync state %d: %v", i, state)
		}
		endpoints[attachment["endpointId"].(string)] = true
	}
	if len(endpoints) != 2 {
		t.Fatalf("each zone has its own endpoint: %v", endpoints)
	}
}

func TestCreateGivesTheNatGatewayItsEipsPublicIpAndTheInstanceAnAddressInItsSubnet(t *testing.T) {
	p := newProvider(t, filepath.Join(t.TempDir(), "s.json"), "")
	vpcID, _ := create(t, p, vpcT, "spoke", map[string]any{"cidrBlock": "10.1.0.0/16"})
	subnetID, _ := create(t, p, subnetT, "app", map[string]any{"vpcId": vpcID, "cidrBlock": "10.1.2.0/24", "availabilityZone": "eu-west-1a"})
	eipID, eip := create(t, p, "aws:ec2/eip:Eip", "nat-a", map[string]any{"domain": "vpc"})
	_, nat := create(t, p, "aws:ec2/natGateway:NatGateway", "nat-a", map[string]any{"subnetId": subnetID, "allocationId": eipID})
	_, vm := create(t, p, "aws:ec2/instance:Instance", "probe", map[string]any{"subnetId": subnetID, "ami": "ami-1"})
	if !strings.HasPrefix(eipID, "eipalloc-") || !strings.HasPrefix(eip["publicIp"].(string), "203.0.113.") || nat["publicIp"] != eip["publicIp"] {
		t.Fatalf("eip %s %v, nat %v", eipID, eip, nat)
	}
	if ip := vm["privateIp"].(string); !strings.HasPrefix(ip, "10.1.2.") {
		t.Fatalf("instance private ip %s is not in 10.1.2.0/24", ip)
	}
}

func TestCreateDuringPreviewReturnsUnknownsForComputedOutputsAndStoresNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.json")
	p := newProvider(t, path, "")
	resp, err := p.Create(ctx, &pulumirpc.CreateRequest{Urn: urnOf("aws:ec2/eip:Eip", "e"), Preview: true, Properties: props(t, map[string]any{"domain": "vpc"})})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := unmarshal(resp.Properties)
	if !m["publicIp"].IsComputed() || !m["arn"].IsComputed() || m["domain"].StringValue() != "vpc" || resp.Id != "" {
		t.Fatalf("preview outputs: %v id %q", m, resp.Id)
	}
	if _, err := os.Stat(path); err == nil {
		t.Fatalf("a preview must not touch the state file")
	}
}

func TestStatePersistsAcrossProviderInstances(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cloud", "state.json")
	first := newProvider(t, path, "")
	vpcID, vpc := create(t, first, vpcT, "hub", map[string]any{"cidrBlock": "10.0.0.0/16"})

	second := newProvider(t, path, "")
	read, err := second.Read(ctx, &pulumirpc.ReadRequest{Id: vpcID, Urn: urnOf(vpcT, "hub")})
	if err != nil {
		t.Fatal(err)
	}
	if read.Id != vpcID || plain(t, read.Properties)["arn"] != vpc["arn"] || plain(t, read.Inputs)["cidrBlock"] != "10.0.0.0/16" {
		t.Fatalf("read by a second instance: %v", read)
	}
	upd, err := second.Update(ctx, &pulumirpc.UpdateRequest{Id: vpcID, Urn: urnOf(vpcT, "hub"),
		Olds: read.Properties, News: props(t, map[string]any{"cidrBlock": "10.0.0.0/16", "tags": map[string]any{"Name": "hub"}})})
	if err != nil {
		t.Fatal(err)
	}
	if got := plain(t, upd.Properties); got["arn"] != vpc["arn"] || got["tagsAll"].(map[string]any)["Name"] != "hub" {
		t.Fatalf("update keeps the computed outputs: %v", got)
	}
	if _, err := second.Delete(ctx, &pulumirpc.DeleteRequest{Id: vpcID, Urn: urnOf(vpcT, "hub")}); err != nil {
		t.Fatal(err)
	}
	gone, err := first.Read(ctx, &pulumirpc.ReadRequest{Id: vpcID, Urn: urnOf(vpcT, "hub")})
	if err != nil || gone.Id != "" {
		t.Fatalf("a deleted resource reads as gone: %v %v", gone, err)
	}
	again, _ := create(t, first, vpcT, "hub", map[string]any{"cidrBlock": "10.0.0.0/16"})
	if again == vpcID {
		t.Fatalf("a re-created resource gets a new id, as in AWS")
	}
}

func TestFailCreateSwitchFailsTheNamedCreateOnceAndRecordsIt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.json")
	p := newProvider(t, path, "spoke-a")
	create(t, p, vpcT, "hub", map[string]any{"cidrBlock": "10.0.0.0/16"}) // other names are untouched
	_, err := p.Create(ctx, &pulumirpc.CreateRequest{Urn: urnOf(vpcT, "spoke-a"), Properties: props(t, map[string]any{"cidrBlock": "10.1.0.0/16"})})
	if err == nil || !strings.Contains(err.Error(), `injected failure creating aws:ec2/vpc:Vpc "spoke-a"`) {
		t.Fatalf("first create: %v", err)
	}
	data, _ := LoadState(path)
	var c cloud
	if json.Unmarshal(data, &c) != nil || !c.FailedOnce[urnOf(vpcT, "spoke-a")] || len(c.Resources) != 1 {
		t.Fatalf("state after the failure: %s", data)
	}
	// A new process (the next `pulumi up`) sees the recorded failure and succeeds.
	id, _ := create(t, newProvider(t, path, "spoke-a"), vpcT, "spoke-a", map[string]any{"cidrBlock": "10.1.0.0/16"})
	if !strings.HasPrefix(id, "vpc-") {
		t.Fatalf("second create: %s", id)
	}
}

func TestFailCreateSwitchMatchesAUrnSuffix(t *testing.T) {
	p := newProvider(t, filepath.Join(t.TempDir(), "s.json"), "Subnet::app-a")
	_, err := p.Create(ctx, &pulumirpc.CreateRequest{Urn: urnOf(subnetT, "app-a"), Properties: props(t, map[string]any{"vpcId": "vpc-1"})})
	if err == nil {
		t.Fatal("want the injected failure")
	}
}

func TestInvokesAnswerZonesRegionAndSsmParameter(t *testing.T) {
	p := newProvider(t, filepath.Join(t.TempDir(), "s.json"), "")
	invoke := func(tok string, args map[string]any) map[string]any {
		resp, err := p.Invoke(ctx, &pulumirpc.InvokeRequest{Tok: tok, Args: props(t, args)})
		if err != nil {
			t.Fatal(err)
		}
		return plain(t, resp.Return)
	}
	zones := invoke("aws:index/getAvailabilityZones:getAvailabilityZones", map[string]any{"state": "available",
		"filters": []any{map[string]any{"name": "zone-type", "values": []any{"availability-zone"}}}})
	if len(zones["names"].([]any)) != 4 || zones["names"].([]any)[0] != "eu-west-1a" {
		t.Fatalf("zones: %v", zones)
	}
	if region := invoke("aws:index/getRegion:getRegion", nil); region["name"] != "eu-west-1" {
		t.Fatalf("region: %v", region)
	}
	param := invoke("aws:ssm/getParameter:getParameter", map[string]any{"name": "/aws/service/ami"})
	if !strings.HasPrefix(param["value"].(string), "ami-") || param["value"] != invoke("aws:ssm/getParameter:getParameter", map[string]any{"name": "/aws/service/ami"})["value"] {
		t.Fatalf("parameter: %v", param)
	}
	if _, err := p.Invoke(ctx, &pulumirpc.InvokeRequest{Tok: "aws:s3/getBucket:getBucket"}); err == nil {
		t.Fatal("an unknown invoke must fail")
	}
}

func TestEveryTypeTheComponentsRegisterIsPlayed(t *testing.T) {
	want := []string{"aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:ec2/routeTable:RouteTable",
		"aws:ec2/routeTableAssociation:RouteTableAssociation", "aws:ec2/route:Route", "aws:ec2/internetGateway:InternetGateway",
		"aws:ec2/eip:Eip", "aws:ec2/natGateway:NatGateway", "aws:ec2/securityGroup:SecurityGroup", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "aws:ec2/vpcEndpoint:VpcEndpoint",
		"aws:ec2/instance:Instance", "aws:ec2/flowLog:FlowLog", "aws:ec2transitgateway/transitGateway:TransitGateway",
		"aws:ec2transitgateway/routeTable:RouteTable", "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
		"aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation", "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
		"aws:ec2transitgateway/route:Route", "aws:networkfirewall/firewall:Firewall", "aws:networkfirewall/firewallPolicy:FirewallPolicy",
		"aws:networkfirewall/ruleGroup:RuleGroup", "aws:networkfirewall/loggingConfiguration:LoggingConfiguration",
		"aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy", "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
		"aws:iam/instanceProfile:InstanceProfile", "aws:cloudwatch/logGroup:LogGroup",
		// sharing the hub with other accounts (issue 13)
		"aws:ram/resourceShare:ResourceShare", "aws:ram/resourceAssociation:ResourceAssociation",
		"aws:ram/principalAssociation:PrincipalAssociation", "aws:ram/resourceShareAccepter:ResourceShareAccepter",
		"aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter"}
	if len(types) != len(want) {
		t.Errorf("the stand-in plays %d types, the components register %d", len(types), len(want))
	}
	var schema struct {
		Resources map[string]any `json:"resources"`
	}
	raw, err := Schema()
	if err != nil || json.Unmarshal(raw, &schema) != nil {
		t.Fatal(err)
	}
	for _, typ := range want {
		if _, ok := types[typ]; !ok {
			t.Errorf("%s is not played", typ)
		}
		if _, ok := schema.Resources[typ]; !ok {
			t.Errorf("%s is not in the schema", typ)
		}
	}
}

func TestRoutesInOneTableGetAnIdPerDestinationAndADuplicateRouteFails(t *testing.T) {
	p := newProvider(t, filepath.Join(t.TempDir(), "s.json"), "")
	routeT := "aws:ec2/route:Route"
	def, _ := create(t, p, routeT, "default", map[string]any{"routeTableId": "rtb-1", "destinationCidrBlock": "0.0.0.0/0", "gatewayId": "igw-1"})
	internal, _ := create(t, p, routeT, "internal", map[string]any{"routeTableId": "rtb-1", "destinationCidrBlock": "10.0.0.0/8", "transitGatewayId": "tgw-1"})
	if def == internal || def != "r-rtb-11080289494" {
		t.Fatalf("route ids: %s %s", def, internal)
	}
	_, err := p.Create(ctx, &pulumirpc.CreateRequest{Urn: urnOf(routeT, "again"),
		Properties: props(t, map[string]any{"routeTableId": "rtb-1", "destinationCidrBlock": "0.0.0.0/0"})})
	if err == nil || !strings.Contains(err.Error(), "r-rtb-11080289494 already exists") {
		t.Fatalf("a duplicate route: %v", err)
	}
}
