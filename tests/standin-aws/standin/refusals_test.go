package standin

import (
	"path/filepath"
	"strings"
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// network is a small valid inspection VPC in the stand-in (eu-west-1): two subnets in two zones,
// a firewall on them, a route table of the VPC, and a second VPC with its own route table.
type network struct {
	p                                 *Provider
	vpc, other                        string
	subnetA, subnetB, subnetA2        string
	table, otherTable, firewallArn    string
	endpointA, endpointB, otherSubnet string
	tgw                               string
}

func newNetwork(t *testing.T) *network {
	t.Helper()
	n := &network{p: newProvider(t, filepath.Join(t.TempDir(), "s.json"), "")}
	n.vpc, _ = create(t, n.p, vpcT, "inspection", map[string]any{"cidrBlock": "10.129.0.0/24"})
	n.other, _ = create(t, n.p, vpcT, "spoke", map[string]any{"cidrBlock": "10.0.0.0/16"})
	n.subnetA, _ = create(t, n.p, subnetT, "fw-a", map[string]any{"vpcId": n.vpc, "cidrBlock": "10.129.0.64/28", "availabilityZone": "eu-west-1a"})
	n.subnetB, _ = create(t, n.p, subnetT, "fw-b", map[string]any{"vpcId": n.vpc, "cidrBlock": "10.129.0.80/28", "availabilityZone": "eu-west-1b"})
	n.subnetA2, _ = create(t, n.p, subnetT, "tgw-a", map[string]any{"vpcId": n.vpc, "cidrBlock": "10.129.0.128/28", "availabilityZone": "eu-west-1a"})
	n.otherSubnet, _ = create(t, n.p, subnetT, "spoke-a", map[string]any{"vpcId": n.other, "cidrBlock": "10.0.0.0/20", "availabilityZone": "eu-west-1a"})
	n.tgw, _ = create(t, n.p, tgwType, "tgw", map[string]any{})
	n.table, _ = create(t, n.p, "aws:ec2/routeTable:RouteTable", "public-rt", map[string]any{"vpcId": n.vpc})
	n.otherTable, _ = create(t, n.p, "aws:ec2/routeTable:RouteTable", "spoke-rt", map[string]any{"vpcId": n.other})
	policy, _ := create(t, n.p, "aws:networkfirewall/firewallPolicy:FirewallPolicy", "policy", map[string]any{"name": "policy", "firewallPolicy": map[string]any{}})
	var fw map[string]any
	n.firewallArn, fw = create(t, n.p, firewallType, "fw", map[string]any{"name": "fw", "vpcId": n.vpc, "firewallPolicyArn": policy,
		"subnetMappings": []any{map[string]any{"subnetId": n.subnetA}, map[string]any{"subnetId": n.subnetB}}})
	sync := fw["firewallStatuses"].([]any)[0].(map[string]any)["syncStates"].([]any)
	endpoint := func(i int) string {
		return sync[i].(map[string]any)["attachments"].([]any)[0].(map[string]any)["endpointId"].(string)
	}
	n.endpointA, n.endpointB = endpoint(0), endpoint(1)
	return n
}

// refusal creates a resource that must be refused, and returns the error text.
func refusal(t *testing.T, p *Provider, typ, name string, in map[string]any) string {
	t.Helper()
	_, err := p.Create(ctx, &pulumirpc.CreateRequest{Urn: urnOf(typ, name), Properties: props(t, in)})
	if err == nil {
		t.Fatalf("%s %s was accepted; AWS refuses it", typ, name)
	}
	return err.Error()
}

func wantIn(t *testing.T, got string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("the error does not say %q:\n%s", w, got)
		}
	}
}

func TestTheAcceptedNetworkStillPasses(t *testing.T) {
	n := newNetwork(t)
	// Routes to the firewall endpoints of the route table's own VPC, an attachment with one subnet
	// per zone, and a logging configuration of the firewall.
	create(t, n.p, routeType, "to-fw-a", map[string]any{"routeTableId": n.table, "destinationCidrBlock": "10.0.0.0/8", "vpcEndpointId": n.endpointA})
	create(t, n.p, routeType, "to-fw-b", map[string]any{"routeTableId": n.table, "destinationCidrBlock": "10.1.0.0/16", "vpcEndpointId": n.endpointB})
	create(t, n.p, attachmentType, "attach", map[string]any{"transitGatewayId": n.tgw, "vpcId": n.vpc, "subnetIds": []any{n.subnetA2, n.subnetB}})
	for _, cidr := range []string{"10.0.0.0/16", "10.9.0.0/28"} {
		create(t, n.p, vpcT, "vpc-"+strings.NewReplacer(".", "-", "/", "-").Replace(cidr), map[string]any{"cidrBlock": cidr})
	}
	create(t, n.p, subnetT, "in-a-local-zone", map[string]any{"vpcId": n.vpc, "cidrBlock": "10.129.0.0/28", "availabilityZone": "eu-west-1-bos-1a"})
}

func TestARouteToAFirewallEndpointOfAnotherVpcIsRefused(t *testing.T) {
	n := newNetwork(t)
	got := refusal(t, n.p, routeType, "spoke-to-fw", map[string]any{"routeTableId": n.otherTable, "destinationCidrBlock": "0.0.0.0/0", "vpcEndpointId": n.endpointA})
	wantIn(t, got, "stand-in AWS (NOT AWS)", `creating aws:ec2/route:Route "spoke-to-fw"`, "api error InvalidParameterValue:",
		"route table "+n.otherTable+" and VPC endpoint "+n.endpointA+" belong to different networks")
	got = refusal(t, n.p, routeType, "to-nowhere", map[string]any{"routeTableId": n.table, "destinationCidrBlock": "0.0.0.0/0", "vpcEndpointId": "vpce-0000"})
	wantIn(t, got, "InvalidVpcEndpointId.NotFound: The vpcEndpoint ID 'vpce-0000' does not exist")
}

func TestASubnetInAZoneTheRegionDoesNotHaveIsRefused(t *testing.T) {
	n := newNetwork(t)
	got := refusal(t, n.p, subnetT, "app-e", map[string]any{"vpcId": n.vpc, "cidrBlock": "10.129.0.0/28", "availabilityZone": "eu-west-1e"})
	wantIn(t, got, "api error InvalidParameterValue: Value (eu-west-1e) for parameter availabilityZone is invalid.",
		"Subnets can currently only be created in the following availability zones: eu-west-1a, eu-west-1b, eu-west-1c, eu-west-1d, eu-west-1-bos-1a, eu-west-1-wl1-bos-wlz-1.")
	// A Local Zone the account has not opted in to is no better.
	refusal(t, n.p, subnetT, "app-mia", map[string]any{"vpcId": n.vpc, "cidrBlock": "10.129.0.0/28", "availabilityZone": "eu-west-1-mia-1a"})
}

func TestASubnetInAZoneBeyondAFewerZonesRegionIsRefused(t *testing.T) {
	p := NewWith(filepath.Join(t.TempDir(), "s.json"), "", nil, Options{StandardZones: 2})
	if _, err := p.Configure(ctx, &pulumirpc.ConfigureRequest{Variables: map[string]string{"aws:config:region": "us-east-1"}}); err != nil {
		t.Fatal(err)
	}
	vpc, _ := create(t, p, vpcT, "v", map[string]any{"cidrBlock": "10.0.0.0/16"})
	create(t, p, subnetT, "b", map[string]any{"vpcId": vpc, "cidrBlock": "10.0.0.0/24", "availabilityZone": "us-east-1b"})
	refusal(t, p, subnetT, "c", map[string]any{"vpcId": vpc, "cidrBlock": "10.0.1.0/24", "availabilityZone": "us-east-1c"})
}

func TestATgwAttachmentWithTwoSubnetsInOneZoneIsRefused(t *testing.T) {
	n := newNetwork(t)
	got := refusal(t, n.p, attachmentType, "attach", map[string]any{"transitGatewayId": n.tgw, "vpcId": n.vpc, "subnetIds": []any{n.subnetA, n.subnetA2}})
	wantIn(t, got, `creating aws:ec2transitgateway/vpcAttachment:VpcAttachment "attach"`,
		"operation CreateTransitGatewayVpcAttachment: api error DuplicateSubnetsInSameZone: Duplicate Subnets for same AZ",
		n.subnetA, n.subnetA2, "eu-west-1a")
	got = refusal(t, n.p, attachmentType, "attach-ghost", map[string]any{"transitGatewayId": n.tgw, "vpcId": n.vpc, "subnetIds": []any{"subnet-0000"}})
	wantIn(t, got, "InvalidSubnetID.NotFound: The subnet ID 'subnet-0000' does not exist")
}

func TestATgwAttachmentWithASubnetInALocalZoneIsRefused(t *testing.T) {
	n := newNetwork(t)
	local, _ := create(t, n.p, subnetT, "in-a-local-zone", map[string]any{"vpcId": n.vpc, "cidrBlock": "10.129.0.192/28", "availabilityZone": "eu-west-1-bos-1a"})
	got := refusal(t, n.p, attachmentType, "attach-local", map[string]any{"transitGatewayId": n.tgw, "vpcId": n.vpc, "subnetIds": []any{n.subnetB, local}})
	wantIn(t, got, "operation CreateTransitGatewayVpcAttachment: api error InvalidParameterValue:", local, "eu-west-1-bos-1a", "local-zone")
	wavelength, _ := create(t, n.p, subnetT, "in-a-wavelength-zone", map[string]any{"vpcId": n.vpc, "cidrBlock": "10.129.0.208/28", "availabilityZone": "eu-west-1-wl1-bos-wlz-1"})
	got = refusal(t, n.p, attachmentType, "attach-wavelength", map[string]any{"transitGatewayId": n.tgw, "vpcId": n.vpc, "subnetIds": []any{wavelength}})
	wantIn(t, got, wavelength, "wavelength-zone")
}

func TestAFirewallWithTwoSubnetMappingsInOneZoneIsRefused(t *testing.T) {
	n := newNetwork(t)
	got := refusal(t, n.p, firewallType, "fw2", map[string]any{"name": "fw2", "vpcId": n.vpc, "firewallPolicyArn": "arn:policy",
		"subnetMappings": []any{map[string]any{"subnetId": n.subnetA}, map[string]any{"subnetId": n.subnetA2}}})
	wantIn(t, got, "operation CreateFirewall: api error InvalidRequestException:", "different Availability Zone", n.subnetA, n.subnetA2)
}

func TestAVpcCidrBlockOutsideSlash16ToSlash28IsRefused(t *testing.T) {
	p := newProvider(t, filepath.Join(t.TempDir(), "s.json"), "")
	for _, cidr := range []string{"10.0.0.0/8", "10.0.0.0/15", "10.0.0.0/29"} {
		got := refusal(t, p, vpcT, "v", map[string]any{"cidrBlock": cidr})
		wantIn(t, got, "operation CreateVpc: api error InvalidVpc.Range: The CIDR '"+cidr+"' is invalid.")
	}
	wantIn(t, refusal(t, p, vpcT, "v", map[string]any{"cidrBlock": "10.0.0.300/16"}), "InvalidParameterValue")
}

func TestASubnetOutsideItsVpcOrOverlappingAnotherIsRefused(t *testing.T) {
	n := newNetwork(t)
	wantIn(t, refusal(t, n.p, subnetT, "outside", map[string]any{"vpcId": n.vpc, "cidrBlock": "10.130.0.0/28", "availabilityZone": "eu-west-1a"}),
		"InvalidSubnet.Range: The CIDR '10.130.0.0/28' is invalid.")
	wantIn(t, refusal(t, n.p, subnetT, "overlap", map[string]any{"vpcId": n.vpc, "cidrBlock": "10.129.0.64/27", "availabilityZone": "eu-west-1c"}),
		"InvalidSubnet.Conflict: The CIDR '10.129.0.64/27' conflicts with another subnet")
}

func TestARefusedCreateStoresNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.json")
	p := newProvider(t, path, "")
	refusal(t, p, vpcT, "v", map[string]any{"cidrBlock": "10.0.0.0/8"})
	second := newProvider(t, path, "")
	if err := second.state.view(func(c *cloud) error {
		if len(c.Resources) != 0 || len(c.Generations) != 0 {
			t.Errorf("a refused create left %v %v", c.Resources, c.Generations)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// AWS keeps a firewall's logging configuration with the firewall, and the AWS provider gives the
// LoggingConfiguration resource the firewall's ARN as its id: the same id as the firewall's own.
func TestAFirewallLoggingConfigurationSharesItsFirewallsIdWithoutClashing(t *testing.T) {
	n := newNetwork(t)
	logging := map[string]any{"firewallArn": n.firewallArn, "loggingConfiguration": map[string]any{
		"logDestinationConfigs": []any{map[string]any{"logType": "FLOW", "logDestinationType": "CloudWatchLogs",
			"logDestination": map[string]any{"logGroup": "fw-flow"}}}}}
	id, _ := create(t, n.p, loggingType, "firewall-logging", logging)
	if id != n.firewallArn {
		t.Fatalf("the logging configuration's id is its firewall's arn: %s", id)
	}
	// Both live in the cloud, and each reads as itself.
	for _, typ := range []string{firewallType, loggingType} {
		read, err := n.p.Read(ctx, &pulumirpc.ReadRequest{Id: id, Urn: urnOf(typ, "x")})
		if err != nil || read.Id != id {
			t.Fatalf("read %s: %v %v", typ, read, err)
		}
		if _, isFirewall := plain(t, read.Properties)["subnetMappings"]; isFirewall != (typ == firewallType) {
			t.Errorf("read %s returned the other resource: %v", typ, plain(t, read.Properties))
		}
	}
	// A firewall has one logging configuration: a second one for it clashes.
	got := refusal(t, n.p, loggingType, "again", logging)
	wantIn(t, got, "already exists (held by "+urnOf(loggingType, "firewall-logging")+")")
	// Deleting the logging configuration leaves the firewall.
	if _, err := n.p.Delete(ctx, &pulumirpc.DeleteRequest{Id: id, Urn: urnOf(loggingType, "firewall-logging")}); err != nil {
		t.Fatal(err)
	}
	if read, _ := n.p.Read(ctx, &pulumirpc.ReadRequest{Id: id, Urn: urnOf(firewallType, "fw")}); read.GetId() != id {
		t.Errorf("deleting the logging configuration deleted the firewall")
	}
	wantIn(t, refusal(t, n.p, loggingType, "orphan", map[string]any{"firewallArn": "arn:aws:network-firewall:eu-west-1:123456789012:firewall/none",
		"loggingConfiguration": map[string]any{}}), "ResourceNotFoundException")
}

func TestUpdatingASubnetsTagsDoesNotConflictWithItself(t *testing.T) {
	n := newNetwork(t)
	in := map[string]any{"vpcId": n.vpc, "cidrBlock": "10.129.0.64/28", "availabilityZone": "eu-west-1a", "tags": map[string]any{"Name": "fw-a"}}
	if _, err := n.p.Update(ctx, &pulumirpc.UpdateRequest{Id: n.subnetA, Urn: urnOf(subnetT, "fw-a"), Olds: props(t, in), News: props(t, in)}); err != nil {
		t.Fatalf("update: %v", err)
	}
}
