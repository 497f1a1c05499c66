// The seed network, component by component: a Transit Gateway hub, a firewall policy that allows
// .amazon.com, an inspection VPC with NAT gateways and AWS Network Firewall, and two spoke VPCs
// with a test instance each. The same registrations as examples/yaml/Pulumi.yaml.
package main

import (
	"github.com/hubspoke/hubspoke/sdk/go/hubspoke"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

const supernet = "10.0.0.0/8"

var tags = pulumi.StringMap{"project": pulumi.String("hubspoke-seed")}

func main() {
	pulumi.Run(seedNetwork)
}

func seedNetwork(ctx *pulumi.Context) error {
	hub, err := hubspoke.NewHub(ctx, "hub", &hubspoke.HubArgs{Tags: tags})
	if err != nil {
		return err
	}
	policy, err := hubspoke.NewFirewallPolicy(ctx, "policy", &hubspoke.FirewallPolicyArgs{
		SupernetCidrBlock: pulumi.String(supernet),
		AllowedDomains:    pulumi.StringArray{pulumi.String(".amazon.com")},
		Tags:              tags,
	})
	if err != nil {
		return err
	}
	inspection, err := hubspoke.NewInspectionVpc(ctx, "inspection", &hubspoke.InspectionVpcArgs{
		CidrBlock:              pulumi.String("10.129.0.0/24"),
		SupernetCidrBlock:      pulumi.String(supernet),
		TransitGatewayId:       hub.TransitGatewayId,
		SpokeRouteTableId:      hub.SpokeRouteTableId,
		InspectionRouteTableId: hub.InspectionRouteTableId,
		AzCount:                pulumi.Int(2),
		NatGateways:            hubspoke.NatGatewayModePerAz,
		FirewallPolicyArn:      policy.Arn,
		Tags:                   tags,
	})
	if err != nil {
		return err
	}
	spoke1, workload1, err := spokeWithWorkload(ctx, hub, "spoke1", "10.0.0.0/16", "workload1")
	if err != nil {
		return err
	}
	spoke2, workload2, err := spokeWithWorkload(ctx, hub, "spoke2", "10.1.0.0/16", "workload2")
	if err != nil {
		return err
	}

	ctx.Export("transitGatewayId", hub.TransitGatewayId)
	ctx.Export("inspectionVpcId", inspection.VpcId)
	ctx.Export("natPublicIps", inspection.NatPublicIps)
	ctx.Export("spokeVpcIds", pulumi.StringArray{spoke1.VpcId, spoke2.VpcId})
	ctx.Export("workloadInstanceIds", pulumi.StringArray{workload1.InstanceId, workload2.InstanceId})
	return nil
}

// spokeWithWorkload attaches a spoke VPC to the hub and puts a test instance in its first
// workload subnet.
func spokeWithWorkload(
	ctx *pulumi.Context, hub *hubspoke.Hub, spokeName, cidrBlock, workloadName string,
) (*hubspoke.SpokeVpc, *hubspoke.SpokeWorkload, error) {
	spoke, err := hubspoke.NewSpokeVpc(ctx, spokeName, &hubspoke.SpokeVpcArgs{
		CidrBlock:              pulumi.String(cidrBlock),
		TransitGatewayId:       hub.TransitGatewayId,
		SpokeRouteTableId:      hub.SpokeRouteTableId,
		InspectionRouteTableId: hub.InspectionRouteTableId,
		AzCount:                pulumi.Int(2),
		// Session Manager endpoints, so the probe instance can be reached (SpokeVpc's default is off).
		SsmEndpoints: pulumi.Bool(true),
		Tags:         tags,
	})
	if err != nil {
		return nil, nil, err
	}
	workload, err := hubspoke.NewSpokeWorkload(ctx, workloadName, &hubspoke.SpokeWorkloadArgs{
		VpcId:    spoke.VpcId,
		SubnetId: spoke.WorkloadSubnetIds.Index(pulumi.Int(0)),
		Tags:     tags,
	})
	if err != nil {
		return nil, nil, err
	}
	return spoke, workload, nil
}
