// The seed network, component by component: a Transit Gateway hub, a firewall policy that allows
// .amazon.com, an inspection VPC with NAT gateways and AWS Network Firewall, and two spoke VPCs
// with a test instance each. The same registrations as examples/yaml/Pulumi.yaml.
import * as hubspoke from "@hubspoke/pulumi-hubspoke";

const supernet = "10.0.0.0/8";
const tags = { project: "hubspoke-seed" };

const hub = new hubspoke.Hub("hub", { tags });

const policy = new hubspoke.FirewallPolicy("policy", {
    supernetCidrBlock: supernet,
    allowedDomains: [".amazon.com"],
    tags,
});

// What every VPC attached to the hub needs from it.
const hubIds = {
    transitGatewayId: hub.transitGatewayId,
    spokeRouteTableId: hub.spokeRouteTableId,
    inspectionRouteTableId: hub.inspectionRouteTableId,
};

const inspection = new hubspoke.InspectionVpc("inspection", {
    cidrBlock: "10.129.0.0/24",
    supernetCidrBlock: supernet,
    ...hubIds,
    azCount: 2,
    natGateways: hubspoke.NatGatewayMode.PerAz,
    firewallPolicyArn: policy.arn,
    tags,
});

// A spoke VPC attached to the hub, and a test instance in its first workload subnet.
function spokeWithWorkload(spokeName: string, cidrBlock: string, workloadName: string) {
    const spoke = new hubspoke.SpokeVpc(spokeName, {
        cidrBlock,
        ...hubIds,
        azCount: 2,
        // Session Manager endpoints, so the probe instance can be reached (SpokeVpc's default is off).
        ssmEndpoints: true,
        tags,
    });
    const workload = new hubspoke.SpokeWorkload(workloadName, {
        vpcId: spoke.vpcId,
        subnetId: spoke.workloadSubnetIds.apply((ids) => ids[0]),
        tags,
    });
    return { spoke, workload };
}

const first = spokeWithWorkload("spoke1", "10.0.0.0/16", "workload1");
const second = spokeWithWorkload("spoke2", "10.1.0.0/16", "workload2");

export const transitGatewayId = hub.transitGatewayId;
export const inspectionVpcId = inspection.vpcId;
export const natPublicIps = inspection.natPublicIps;
export const spokeVpcIds = [first.spoke.vpcId, second.spoke.vpcId];
export const workloadInstanceIds = [first.workload.instanceId, second.workload.instanceId];
