package standin

import (
	"encoding/json"
	"sort"
)

// extraInputs are inputs, beyond the required and replace-on-change ones, that a Pulumi YAML program
// may set directly: YAML checks property names against the schema, so they must be listed.
var extraInputs = map[string][]string{
	"aws:ec2/vpc:Vpc":                                     {"enableDnsHostnames", "enableDnsSupport"},
	"aws:ec2/subnet:Subnet":                               {"mapPublicIpOnLaunch"},
	"aws:ec2/routeTable:RouteTable":                       {"routes"},
	"aws:ec2/route:Route":                                 {"gatewayId", "natGatewayId", "transitGatewayId", "vpcEndpointId"},
	"aws:ec2/routeTableAssociation:RouteTableAssociation": {"routeTableId"},
	"aws:ec2/internetGateway:InternetGateway":             {"vpcId"},
	"aws:ec2/securityGroup:SecurityGroup":                 {"ingress", "egress", "revokeRulesOnDelete"},
	"aws:ec2/defaultSecurityGroup:DefaultSecurityGroup":   {"ingress", "egress", "revokeRulesOnDelete"},
	"aws:ec2/vpcEndpoint:VpcEndpoint":                     {"routeTableIds", "subnetIds", "securityGroupIds", "privateDnsEnabled", "policy"},
	"aws:ec2/instance:Instance":                           {"instanceType", "userData", "iamInstanceProfile", "vpcSecurityGroupIds", "metadataOptions", "rootBlockDevice", "monitoring"},
	"aws:ec2transitgateway/transitGateway:TransitGateway": {"description", "defaultRouteTableAssociation", "defaultRouteTablePropagation", "dnsSupport", "vpnEcmpSupport", "autoAcceptSharedAttachments"},
	"aws:ec2transitgateway/vpcAttachment:VpcAttachment":   {"subnetIds", "applianceModeSupport", "dnsSupport", "transitGatewayDefaultRouteTableAssociation", "transitGatewayDefaultRouteTablePropagation"},
	"aws:networkfirewall/firewall:Firewall":               {"deleteProtection", "subnetChangeProtection", "firewallPolicyChangeProtection", "description"},
	"aws:networkfirewall/firewallPolicy:FirewallPolicy":   {"description"},
	"aws:networkfirewall/ruleGroup:RuleGroup":             {"ruleGroup", "description"},
	"aws:iam/role:Role":                                   {"description", "managedPolicyArns", "forceDetachPolicies"},
	"aws:iam/instanceProfile:InstanceProfile":             {"role"},
	"aws:cloudwatch/logGroup:LogGroup":                    {"retentionInDays", "kmsKeyId"},
}

// Schema is a minimal package schema for the stand-in: every supported type with its properties
// typed as Any, and the three functions. Enough for Pulumi YAML to resolve tokens and names.
func Schema() ([]byte, error) {
	anyRef := map[string]any{"$ref": "pulumi.json#/Any"}
	resources := map[string]any{}
	for tok, t := range types {
		names := map[string]bool{"tags": true}
		for _, group := range [][]string{t.required, t.replaceOn, extraInputs[tok]} {
			for _, n := range group {
				names[n] = true
			}
		}
		if t.autoName {
			names["name"] = true
		}
		inputs := map[string]any{}
		outputs := map[string]any{"tagsAll": anyRef}
		for n := range names {
			inputs[n] = anyRef
			outputs[n] = anyRef
		}
		for _, n := range t.computed {
			outputs[n] = anyRef
		}
		required := append([]string{}, t.required...)
		sort.Strings(required)
		resources[tok] = map[string]any{
			"description":     "STAND-IN for " + tok + " (NOT AWS: hubspoke's offline test double)",
			"inputProperties": inputs, "requiredInputs": required, "properties": outputs,
		}
	}
	fn := func(inputs, outputs []string) map[string]any {
		in, out := map[string]any{}, map[string]any{}
		for _, n := range inputs {
			in[n] = anyRef
		}
		for _, n := range outputs {
			out[n] = anyRef
		}
		return map[string]any{
			"inputs":  map[string]any{"type": "object", "properties": in},
			"outputs": map[string]any{"type": "object", "properties": out},
		}
	}
	return json.Marshal(map[string]any{
		"name": "aws", "version": Version,
		"description": "STAND-IN aws provider for hubspoke's offline tests. It is NOT AWS.",
		"resources":   resources,
		"provider":    providerSchema(),
		"functions": map[string]any{
			"aws:index/getAvailabilityZones:getAvailabilityZones": fn(
				[]string{"state", "allAvailabilityZones", "excludeNames", "excludeZoneIds", "filters"},
				[]string{"id", "names", "zoneIds", "groupNames", "state", "excludeNames", "excludeZoneIds"}),
			"aws:index/getRegion:getRegion": fn([]string{"name", "endpoint"},
				[]string{"id", "name", "description", "endpoint"}),
			"aws:index/getPartition:getPartition": fn([]string{"id"},
				[]string{"id", "partition", "dnsSuffix", "reverseDnsPrefix"}),
			"aws:index/getServicePrincipal:getServicePrincipal": fn([]string{"serviceName", "region"},
				[]string{"id", "name", "region", "serviceName", "suffix"}),
			"aws:index/getCallerIdentity:getCallerIdentity": fn([]string{"id"},
				[]string{"id", "accountId", "arn", "userId"}),
			"aws:ssm/getParameter:getParameter": fn([]string{"name", "withDecryption"},
				[]string{"id", "arn", "name", "type", "value", "insecureValue", "version", "withDecryption"}),
		},
	})
}
