// The seed hub-and-spoke network, component by component: a Transit Gateway hub, a firewall
// policy that allows .amazon.com, an inspection VPC with NAT gateways and AWS Network Firewall,
// and two spoke VPCs with a test instance each. Same components, names and inputs as
// examples/yaml, registered in the same order (tests/e2e/check-csharp-example.py checks this).
using System.Collections.Generic;
using Pulumi;
using HubSpoke.Hubspoke;

return await Deployment.RunAsync(() =>
{
    var tags = new Dictionary<string, string> { ["project"] = "hubspoke-seed" };

    var hub = new Hub("hub", new HubArgs
    {
        Tags = tags,
    });

    var policy = new FirewallPolicy("policy", new FirewallPolicyArgs
    {
        SupernetCidrBlock = "10.0.0.0/8",
        AllowedDomains = { ".amazon.com" },
        Tags = tags,
    });

    var inspection = new InspectionVpc("inspection", new InspectionVpcArgs
    {
        CidrBlock = "10.129.0.0/24",
        SupernetCidrBlock = "10.0.0.0/8",
        TransitGatewayId = hub.TransitGatewayId,
        SpokeRouteTableId = hub.SpokeRouteTableId,
        InspectionRouteTableId = hub.InspectionRouteTableId,
        AzCount = 2,
        NatGateways = NatGatewayMode.PerAz,
        FirewallPolicyArn = policy.Arn,
        Tags = tags,
    });

    var spoke1 = new SpokeVpc("spoke1", new SpokeVpcArgs
    {
        CidrBlock = "10.0.0.0/16",
        TransitGatewayId = hub.TransitGatewayId,
        SpokeRouteTableId = hub.SpokeRouteTableId,
        InspectionRouteTableId = hub.InspectionRouteTableId,
        AzCount = 2,
        // Session Manager endpoints, so the probe instance can be reached (SpokeVpc's default is off).
        SsmEndpoints = true,
        Tags = tags,
    });

    var workload1 = new SpokeWorkload("workload1", new SpokeWorkloadArgs
    {
        VpcId = spoke1.VpcId,
        SubnetId = spoke1.WorkloadSubnetIds.Apply(ids => ids[0]),
        Tags = tags,
    });

    var spoke2 = new SpokeVpc("spoke2", new SpokeVpcArgs
    {
        CidrBlock = "10.1.0.0/16",
        TransitGatewayId = hub.TransitGatewayId,
        SpokeRouteTableId = hub.SpokeRouteTableId,
        InspectionRouteTableId = hub.InspectionRouteTableId,
        AzCount = 2,
        // Session Manager endpoints, so the probe instance can be reached (SpokeVpc's default is off).
        SsmEndpoints = true,
        Tags = tags,
    });

    var workload2 = new SpokeWorkload("workload2", new SpokeWorkloadArgs
    {
        VpcId = spoke2.VpcId,
        SubnetId = spoke2.WorkloadSubnetIds.Apply(ids => ids[0]),
        Tags = tags,
    });

    return new Dictionary<string, object?>
    {
        ["transitGatewayId"] = hub.TransitGatewayId,
        ["inspectionVpcId"] = inspection.VpcId,
        ["natPublicIps"] = inspection.NatPublicIps,
        ["spokeVpcIds"] = Output.All(spoke1.VpcId, spoke2.VpcId),
        ["workloadInstanceIds"] = Output.All(workload1.InstanceId, workload2.InstanceId),
    };
});
