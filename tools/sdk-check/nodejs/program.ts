// The seed network (examples/seed.yaml) built twice with the Node.js SDK: once with HubAndSpoke
// and once from the building blocks. tools/sdk-check.sh type-checks it (tsc --strict) and runs it
// under Pulumi mocks (run-mocks.ts); nothing here talks to an engine.
import * as pulumi from "@pulumi/pulumi";
import * as hubspoke from "@hubspoke/pulumi-hubspoke";

const supernet = "10.0.0.0/8";
const inspectionCidr = "10.129.0.0/24";
const spokeCidrs: Record<string, string> = { spoke1: "10.0.0.0/16", spoke2: "10.1.0.0/16" };
const tags = { project: "hubspoke-seed" };

export function seedNetwork(): hubspoke.HubAndSpoke {
    const spokes: hubspoke.types.input.SpokeSpecArgs[] = [
        { name: "spoke1", cidrBlock: spokeCidrs.spoke1, workload: true },
        { name: "spoke2", cidrBlock: spokeCidrs.spoke2, workload: true },
    ];
    return new hubspoke.HubAndSpoke("seed", {
        supernetCidrBlock: supernet,
        inspectionCidrBlock: inspectionCidr,
        azCount: 2,
        natGateways: hubspoke.NatGatewayMode.PerAz,
        firewall: true,
        allowedDomains: [".amazon.com"],
        spokes,
        tags,
    });
}

export function buildingBlocks(): pulumi.ComponentResource[] {
    const hubArgs: hubspoke.HubArgs = { amazonSideAsn: 64512, tags };
    const hub = new hubspoke.Hub("hub", hubArgs);
    const policy = new hubspoke.FirewallPolicy("policy", {
        supernetCidrBlock: supernet,
        allowedDomains: [".amazon.com"],
        tags,
    });
    const hubIds = {
        transitGatewayId: hub.transitGatewayId,
        spokeRouteTableId: hub.spokeRouteTableId,
        inspectionRouteTableId: hub.inspectionRouteTableId,
    };
    const inspection = new hubspoke.InspectionVpc("inspection", {
        cidrBlock: inspectionCidr,
        supernetCidrBlock: supernet,
        ...hubIds,
        azCount: 2,
        natGateways: hubspoke.NatGatewayMode.Single,
        firewallPolicyArn: policy.arn,
        tags,
    });
    const spokes = Object.entries(spokeCidrs).map(
        ([name, cidrBlock]) => new hubspoke.SpokeVpc(name, { cidrBlock, ...hubIds, azCount: 2, tags }),
    );
    const workload = new hubspoke.SpokeWorkload("workload1", {
        vpcId: spokes[0].vpcId,
        subnetId: spokes[0].workloadSubnetIds.apply((ids) => ids[0]),
        tags,
    });
    return [hub, policy, inspection, ...spokes, workload];
}

export function main(): pulumi.ComponentResource[] {
    const net = seedNetwork();
    return [net, ...buildingBlocks()];
}
