package standin

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// apiError is a refusal worded like the AWS API's: an error code and its message. The engine shows
// it the way the real provider shows AWS's ("... api error CODE: message").
type apiError struct {
	operation, code, message string
}

func (e *apiError) Error() string {
	return fmt.Sprintf("operation %s: api error %s: %s", e.operation, e.code, e.message)
}

func refused(operation, code, format string, args ...any) error {
	return &apiError{operation: operation, code: code, message: fmt.Sprintf(format, args...)}
}

const (
	vpcType        = "aws:ec2/vpc:Vpc"
	subnetType     = "aws:ec2/subnet:Subnet"
	routeTableType = "aws:ec2/routeTable:RouteTable"
	routeType      = "aws:ec2/route:Route"
	endpointType   = "aws:ec2/vpcEndpoint:VpcEndpoint"
	attachmentType = "aws:ec2transitgateway/vpcAttachment:VpcAttachment"
	firewallType   = "aws:networkfirewall/firewall:Firewall"
	loggingType    = "aws:networkfirewall/loggingConfiguration:LoggingConfiguration"
)

// refuse checks a create or update against what AWS accepts, given what the cloud holds. Only
// what AWS checks when the call is made is checked here (the stand-in's latency comes after).
// self is the id of the resource an update changes (empty for a create): it never conflicts
// with itself.
func (p *Provider) refuse(c *cloud, typ, self string, in resource.PropertyMap) error {
	if err := p.refuseAcrossAccounts(c, typ, self, in); err != nil {
		return err
	}
	switch typ {
	case vpcType:
		return refuseVpc(in)
	case subnetType:
		return p.refuseSubnet(c, self, in)
	case routeType:
		return refuseRoute(c, in)
	case attachmentType:
		return p.refuseAttachment(c, in)
	case firewallType:
		return refuseFirewall(c, in)
	case loggingType:
		return refuseLogging(c, in)
	}
	return nil
}

// A VPC's IPv4 block is between /16 and /28
// (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html); CreateVpc refuses
// another size with InvalidVpc.Range (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html).
func refuseVpc(in resource.PropertyMap) error {
	cidr := str(in, "cidrBlock")
	if cidr == "" {
		return nil // an IPAM pool allocates it
	}
	prefix, err := netip.ParsePrefix(cidr)
	if err != nil || !prefix.Addr().Is4() {
		return refused("CreateVpc", "InvalidParameterValue", "Value (%s) for parameter cidrBlock is invalid. This is not a valid CIDR block.", cidr)
	}
	if prefix.Bits() < 16 || prefix.Bits() > 28 {
		return refused("CreateVpc", "InvalidVpc.Range", "The CIDR '%s' is invalid.", cidr)
	}
	return nil
}

// A subnet goes in a zone of the region the account may use, inside its VPC's block, without
// overlapping another subnet of the VPC
// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSubnet.html,
// https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html).
func (p *Provider) refuseSubnet(c *cloud, self string, in resource.PropertyMap) error {
	if zone := str(in, "availabilityZone"); zone != "" {
		var usable []string
		found := false
		for _, z := range p.zones() {
			if z.Usable() {
				usable = append(usable, z.Name)
				found = found || z.Name == zone
			}
		}
		if !found {
			return refused("CreateSubnet", "InvalidParameterValue",
				"Value (%s) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: %s.",
				zone, strings.Join(usable, ", "))
		}
	}
	cidr := str(in, "cidrBlock")
	vpc, ok := c.get(vpcType, str(in, "vpcId"))
	if cidr == "" || !ok {
		return nil
	}
	prefix, err := netip.ParsePrefix(cidr)
	if err != nil {
		return refused("CreateSubnet", "InvalidParameterValue", "Value (%s) for parameter cidrBlock is invalid. This is not a valid CIDR block.", cidr)
	}
	vpcIn, err := c.inputsOf(vpc)
	if err != nil {
		return err
	}
	if vpcPrefix, err := netip.ParsePrefix(str(vpcIn, "cidrBlock")); err == nil {
		if prefix.Bits() < vpcPrefix.Bits() || !vpcPrefix.Contains(prefix.Addr()) || prefix.Bits() > 28 {
			return refused("CreateSubnet", "InvalidSubnet.Range", "The CIDR '%s' is invalid.", cidr)
		}
	}
	for _, other := range c.ofVpc(subnetType, vpc.ID) {
		otherIn, err := c.inputsOf(other)
		if err != nil || other.ID == self {
			continue
		}
		if o, err := netip.ParsePrefix(str(otherIn, "cidrBlock")); err == nil && o.Overlaps(prefix) {
			return refused("CreateSubnet", "InvalidSubnet.Conflict", "The CIDR '%s' conflicts with another subnet", cidr)
		}
	}
	return nil
}

// A route's target must be in the route table's VPC: a VPC endpoint (a Network Firewall
// endpoint is one, of type GatewayLoadBalancer) of another VPC is refused
// (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateRoute.html,
// https://docs.aws.amazon.com/network-firewall/latest/developerguide/vpc-config-subnets.html).
func refuseRoute(c *cloud, in resource.PropertyMap) error {
	endpoint := str(in, "vpcEndpointId")
	if endpoint == "" {
		return nil
	}
	table := str(in, "routeTableId")
	tableVpc, ok := routeTableVpc(c, table)
	if !ok {
		return refused("CreateRoute", "InvalidRouteTableID.NotFound", "The routeTable ID '%s' does not exist", table)
	}
	endpointVpc, ok := endpointVpcs(c)[endpoint]
	if !ok {
		return refused("CreateRoute", "InvalidVpcEndpointId.NotFound", "The vpcEndpoint ID '%s' does not exist", endpoint)
	}
	if endpointVpc != tableVpc {
		return refused("CreateRoute", "InvalidParameterValue",
			"route table %s and VPC endpoint %s belong to different networks (%s and %s)", table, endpoint, tableVpc, endpointVpc)
	}
	return nil
}

// routeTableVpc is the VPC of a route table: one the stack created, or a VPC's main table.
func routeTableVpc(c *cloud, table string) (string, bool) {
	if rt, ok := c.get(routeTableType, table); ok {
		if in, err := c.inputsOf(rt); err == nil {
			return str(in, "vpcId"), true
		}
	}
	for _, vpc := range c.ofType(vpcType) {
		if outs, err := decodeProps(vpc.Outputs); err == nil &&
			(str(outs, "mainRouteTableId") == table || str(outs, "defaultRouteTableId") == table) {
			return vpc.ID, true
		}
	}
	return "", false
}

// endpointVpcs maps every VPC endpoint id to its VPC: interface/gateway endpoints the stack
// created, and the endpoints each Network Firewall reports in its sync states.
func endpointVpcs(c *cloud) map[string]string {
	out := map[string]string{}
	for _, e := range c.ofType(endpointType) {
		if in, err := c.inputsOf(e); err == nil {
			out[e.ID] = str(in, "vpcId")
		}
	}
	for _, fw := range c.ofType(firewallType) {
		in, err1 := c.inputsOf(fw)
		outs, err2 := decodeProps(fw.Outputs)
		if err1 != nil || err2 != nil {
			continue
		}
		for _, status := range arr(outs["firewallStatuses"]) {
			if !status.IsObject() {
				continue
			}
			for _, sync := range arr(status.ObjectValue()["syncStates"]) {
				if !sync.IsObject() {
					continue
				}
				for _, a := range arr(sync.ObjectValue()["attachments"]) {
					if a.IsObject() {
						out[str(a.ObjectValue(), "endpointId")] = str(in, "vpcId")
					}
				}
			}
		}
	}
	return out
}

// subnetZones gives each subnet id its zone, in the order given; an unknown subnet is refused.
func subnetZones(c *cloud, operation string, ids []string) ([]string, error) {
	zones := make([]string, len(ids))
	for i, id := range ids {
		s, ok := c.get(subnetType, id)
		if !ok {
			return nil, refused(operation, "InvalidSubnetID.NotFound", "The subnet ID '%s' does not exist", id)
		}
		// The outputs: a subnet made by AZ ID has its zone name there.
		outs, err := decodeProps(s.Outputs)
		if err != nil {
			return nil, err
		}
		zones[i] = str(outs, "availabilityZone")
	}
	return zones, nil
}

// firstSharedZone finds two subnets in one zone.
func firstSharedZone(ids, zones []string) (a, b, zone string, found bool) {
	seen := map[string]string{}
	for i, z := range zones {
		if z == "" {
			continue
		}
		if first, ok := seen[z]; ok {
			return first, ids[i], z, true
		}
		seen[z] = ids[i]
	}
	return "", "", "", false
}

// A transit gateway VPC attachment takes one subnet per Availability Zone
// (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html,
// https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateTransitGatewayVpcAttachment.html);
// two in one zone are refused with DuplicateSubnetsInSameZone. The same page: an attachment
// cannot use a subnet in a Local Zone (nor, being no Availability Zone, a Wavelength Zone).
func (p *Provider) refuseAttachment(c *cloud, in resource.PropertyMap) error {
	ids := strings_(in["subnetIds"])
	zones, err := subnetZones(c, "CreateTransitGatewayVpcAttachment", ids)
	if err != nil {
		return err
	}
	types := map[string]string{}
	for _, z := range p.zones() {
		types[z.Name] = z.Type
	}
	for i, zone := range zones {
		if t := types[zone]; t != "" && t != "availability-zone" {
			return refused("CreateTransitGatewayVpcAttachment", "InvalidParameterValue",
				"Subnet %s is in %s, a %s: transit gateway attachments need subnets in Availability Zones", ids[i], zone, t)
		}
	}
	if a, b, zone, dup := firstSharedZone(ids, zones); dup {
		return refused("CreateTransitGatewayVpcAttachment", "DuplicateSubnetsInSameZone",
			"Duplicate Subnets for same AZ (%s and %s are both in %s)", a, b, zone)
	}
	return nil
}

// A Network Firewall's subnet mappings are each in a different Availability Zone
// (https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_CreateFirewall.html,
// https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_Firewall.html);
// the service answers a bad request with InvalidRequestException.
func refuseFirewall(c *cloud, in resource.PropertyMap) error {
	var ids []string
	for _, m := range arr(in["subnetMappings"]) {
		if m.IsObject() {
			ids = append(ids, str(m.ObjectValue(), "subnetId"))
		}
	}
	zones, err := subnetZones(c, "CreateFirewall", ids)
	if err != nil {
		return err
	}
	if a, b, zone, dup := firstSharedZone(ids, zones); dup {
		return refused("CreateFirewall", "InvalidRequestException",
			"subnet mappings must each be in a different Availability Zone: %s and %s are both in %s", a, b, zone)
	}
	return nil
}

// A logging configuration belongs to an existing firewall
// (https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_UpdateLoggingConfiguration.html).
func refuseLogging(c *cloud, in resource.PropertyMap) error {
	arn := str(in, "firewallArn")
	if _, ok := c.get(firewallType, arn); !ok {
		return refused("UpdateLoggingConfiguration", "ResourceNotFoundException", "no firewall has the ARN %s", arn)
	}
	return nil
}

// arr is a list property's elements, nil for anything else.
func arr(v resource.PropertyValue) []resource.PropertyValue {
	if v.IsSecret() {
		v = v.SecretValue().Element
	}
	if !v.IsArray() {
		return nil
	}
	return v.ArrayValue()
}
