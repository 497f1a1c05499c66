// Package standin is a STAND-IN for AWS, NOT AWS: a Pulumi resource provider named "aws"
// (version 6.83.0) that plays the cloud for offline end-to-end runs of hubspoke. It never makes a
// network call; it keeps the "cloud" in a JSON file.
package standin

import (
	"fmt"
	"hash/crc32"
)

// resourceType describes how the stand-in plays one AWS resource type.
type resourceType struct {
	// idPrefix shapes the id like AWS's (vpc-…, subnet-…); empty when the id is built another way.
	idPrefix string
	// service and arnKind shape the arn: arn:<partition>:<service>:<region>:<account>:<arnKind>/<id>.
	service, arnKind string
	// required are the inputs the real provider refuses to go without.
	required []string
	// replaceOn are the inputs AWS cannot change in place: a change to one replaces the resource.
	replaceOn []string
	// computed are the outputs the cloud fills in (unknown during preview).
	computed []string
	// autoName means the real provider makes up "name" when none is given.
	autoName bool
	// idFrom builds the id from properties instead of a prefix (IAM names, network firewall arns, ...).
	idFrom func(p propsView, generated string, arn string) string
}

// propsView is the read access an idFrom needs to the inputs.
type propsView func(key string) string

// tgwRouteTableLinkID is how AWS names an association or propagation: route table, then attachment.
func tgwRouteTableLinkID(p propsView, _ string, _ string) string {
	return p("transitGatewayRouteTableId") + "_" + p("transitGatewayAttachmentId")
}

// Account is the AWS account the stand-in plays when the provider configuration names none (see accountOf).
const Account = "123456789012"

var types = map[string]resourceType{
	"aws:ec2/vpc:Vpc": {idPrefix: "vpc", service: "ec2", arnKind: "vpc",
		replaceOn: []string{"cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength", "instanceTenancy"},
		computed:  []string{"arn", "ownerId", "defaultRouteTableId", "defaultSecurityGroupId", "defaultNetworkAclId", "mainRouteTableId", "dhcpOptionsId"}},
	"aws:ec2/subnet:Subnet": {idPrefix: "subnet", service: "ec2", arnKind: "subnet",
		required:  []string{"vpcId"},
		replaceOn: []string{"cidrBlock", "availabilityZone", "availabilityZoneId", "vpcId", "ipv6Native", "outpostArn"},
		computed:  []string{"arn", "ownerId"}},
	"aws:ec2/routeTable:RouteTable": {idPrefix: "rtb", service: "ec2", arnKind: "route-table",
		required: []string{"vpcId"}, replaceOn: []string{"vpcId"}, computed: []string{"arn", "ownerId"}},
	"aws:ec2/routeTableAssociation:RouteTableAssociation": {idPrefix: "rtbassoc", service: "ec2", arnKind: "route-table-association",
		required: []string{"routeTableId"}, replaceOn: []string{"subnetId", "gatewayId"}},
	"aws:ec2/route:Route": {idPrefix: "r-rtb", service: "ec2", arnKind: "route",
		required:  []string{"routeTableId"},
		replaceOn: []string{"routeTableId", "destinationCidrBlock", "destinationIpv6CidrBlock", "destinationPrefixListId"},
		// AWS names a route by its table and a checksum of its destination.
		idFrom: func(p propsView, _ string, _ string) string {
			dest := p("destinationCidrBlock") + p("destinationIpv6CidrBlock") + p("destinationPrefixListId")
			return "r-" + p("routeTableId") + fmt.Sprint(crc32.ChecksumIEEE([]byte(dest)))
		}},
	"aws:ec2/internetGateway:InternetGateway": {idPrefix: "igw", service: "ec2", arnKind: "internet-gateway",
		computed: []string{"arn", "ownerId"}},
	"aws:ec2/eip:Eip": {idPrefix: "eipalloc", service: "ec2", arnKind: "elastic-ip",
		replaceOn: []string{"domain", "vpc", "networkBorderGroup", "publicIpv4Pool", "address"},
		computed:  []string{"arn", "publicIp", "allocationId", "publicDns", "ptrRecord"}},
	"aws:ec2/natGateway:NatGateway": {idPrefix: "nat", service: "ec2", arnKind: "natgateway",
		required:  []string{"subnetId"},
		replaceOn: []string{"subnetId", "allocationId", "connectivityType", "privateIp"},
		computed:  []string{"arn", "publicIp", "privateIp", "networkInterfaceId", "associationId"}},
	"aws:ec2/securityGroup:SecurityGroup": {idPrefix: "sg", service: "ec2", arnKind: "security-group", autoName: true,
		replaceOn: []string{"name", "namePrefix", "vpcId", "description"}, computed: []string{"arn", "ownerId"}},
	// AWS makes a VPC's default security group with the VPC; the resource adopts it (and removes
	// every rule it does not list), and deleting the resource leaves the group to the VPC.
	"aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {idPrefix: "sg", service: "ec2", arnKind: "security-group",
		required: []string{"vpcId"}, replaceOn: []string{"vpcId"}, computed: []string{"arn", "ownerId", "name", "description"}},
	"aws:ec2/vpcEndpoint:VpcEndpoint": {idPrefix: "vpce", service: "ec2", arnKind: "vpc-endpoint",
		required:  []string{"vpcId"},
		replaceOn: []string{"vpcId", "serviceName", "vpcEndpointType"},
		computed:  []string{"arn", "ownerId", "prefixListId", "networkInterfaceIds", "dnsEntries", "state"}},
	"aws:ec2/instance:Instance": {idPrefix: "i", service: "ec2", arnKind: "instance",
		replaceOn: []string{"ami", "availabilityZone", "subnetId", "keyName", "privateIp", "tenancy", "associatePublicIpAddress"},
		computed:  []string{"arn", "privateIp", "privateDns", "primaryNetworkInterfaceId", "instanceState"}},
	"aws:ec2/flowLog:FlowLog": {idPrefix: "fl", service: "ec2", arnKind: "vpc-flow-log",
		replaceOn: []string{"vpcId", "subnetId", "transitGatewayId", "transitGatewayAttachmentId", "trafficType", "logDestination", "logDestinationType", "iamRoleArn", "logGroupName", "maxAggregationInterval", "logFormat", "destinationOptions"},
		computed:  []string{"arn"}},
	"aws:ec2transitgateway/transitGateway:TransitGateway": {idPrefix: "tgw", service: "ec2", arnKind: "transit-gateway",
		replaceOn: []string{"amazonSideAsn", "multicastSupport"},
		computed:  []string{"arn", "ownerId", "associationDefaultRouteTableId", "propagationDefaultRouteTableId"}},
	"aws:ec2transitgateway/routeTable:RouteTable": {idPrefix: "tgw-rtb", service: "ec2", arnKind: "transit-gateway-route-table",
		required: []string{"transitGatewayId"}, replaceOn: []string{"transitGatewayId"},
		computed: []string{"arn", "defaultAssociationRouteTable", "defaultPropagationRouteTable"}},
	"aws:ec2transitgateway/vpcAttachment:VpcAttachment": {idPrefix: "tgw-attach", service: "ec2", arnKind: "transit-gateway-attachment",
		required: []string{"subnetIds", "transitGatewayId", "vpcId"}, replaceOn: []string{"transitGatewayId", "vpcId"},
		computed: []string{"arn", "vpcOwnerId"}},
	"aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation": {service: "ec2", arnKind: "transit-gateway-route-table-association",
		required:  []string{"transitGatewayAttachmentId", "transitGatewayRouteTableId"},
		replaceOn: []string{"transitGatewayAttachmentId", "transitGatewayRouteTableId"},
		computed:  []string{"resourceId", "resourceType"},
		idFrom:    tgwRouteTableLinkID},
	"aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation": {service: "ec2", arnKind: "transit-gateway-route-table-propagation",
		required:  []string{"transitGatewayAttachmentId", "transitGatewayRouteTableId"},
		replaceOn: []string{"transitGatewayAttachmentId", "transitGatewayRouteTableId"},
		computed:  []string{"resourceId", "resourceType"},
		idFrom:    tgwRouteTableLinkID},
	"aws:ec2transitgateway/route:Route": {service: "ec2", arnKind: "transit-gateway-route",
		required:  []string{"destinationCidrBlock", "transitGatewayRouteTableId"},
		replaceOn: []string{"destinationCidrBlock", "transitGatewayRouteTableId", "transitGatewayAttachmentId", "blackhole"},
		idFrom: func(p propsView, _ string, _ string) string {
			return p("transitGatewayRouteTableId") + "_" + p("destinationCidrBlock")
		}},
	"aws:networkfirewall/firewall:Firewall": {service: "network-firewall", arnKind: "firewall", autoName: true,
		required:  []string{"firewallPolicyArn", "subnetMappings", "vpcId"},
		replaceOn: []string{"name", "vpcId"},
		computed:  []string{"arn", "firewallStatuses", "updateToken"},
		idFrom:    func(_ propsView, _ string, arn string) string { return arn }},
	"aws:networkfirewall/firewallPolicy:FirewallPolicy": {service: "network-firewall", arnKind: "firewall-policy", autoName: true,
		required: []string{"firewallPolicy"}, replaceOn: []string{"name"}, computed: []string{"arn", "updateToken"},
		idFrom: func(_ propsView, _ string, arn string) string { return arn }},
	"aws:networkfirewall/ruleGroup:RuleGroup": {service: "network-firewall", arnKind: "stateful-rulegroup", autoName: true,
		required: []string{"capacity", "type"}, replaceOn: []string{"name", "type", "capacity"}, computed: []string{"arn", "updateToken"},
		idFrom: func(_ propsView, _ string, arn string) string { return arn }},
	"aws:networkfirewall/loggingConfiguration:LoggingConfiguration": {service: "network-firewall", arnKind: "logging-configuration",
		required: []string{"firewallArn", "loggingConfiguration"}, replaceOn: []string{"firewallArn"},
		idFrom: func(p propsView, _ string, _ string) string { return p("firewallArn") }},
	"aws:iam/role:Role": {service: "iam", arnKind: "role", autoName: true,
		required: []string{"assumeRolePolicy"}, replaceOn: []string{"name", "namePrefix", "path"},
		computed: []string{"arn", "uniqueId", "createDate"},
		idFrom:   func(p propsView, _ string, _ string) string { return p("name") }},
	"aws:iam/rolePolicy:RolePolicy": {service: "iam", arnKind: "role-policy", autoName: true,
		required: []string{"policy", "role"}, replaceOn: []string{"name", "namePrefix", "role"},
		idFrom: func(p propsView, _ string, _ string) string { return p("role") + ":" + p("name") }},
	"aws:iam/rolePolicyAttachment:RolePolicyAttachment": {service: "iam", arnKind: "role-policy-attachment",
		required: []string{"policyArn", "role"}, replaceOn: []string{"policyArn", "role"},
		idFrom: func(p propsView, generated string, _ string) string { return p("role") + "-" + generated }},
	"aws:iam/instanceProfile:InstanceProfile": {service: "iam", arnKind: "instance-profile", autoName: true,
		replaceOn: []string{"name", "namePrefix", "path"}, computed: []string{"arn", "uniqueId", "createDate"},
		idFrom: func(p propsView, _ string, _ string) string { return p("name") }},
	"aws:cloudwatch/logGroup:LogGroup": {service: "logs", arnKind: "log-group", autoName: true,
		replaceOn: []string{"name", "namePrefix", "logGroupClass"}, computed: []string{"arn"},
		idFrom: func(p propsView, _ string, _ string) string { return p("name") }},
}
