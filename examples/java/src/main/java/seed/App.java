package seed;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.core.Output;
import com.hubspoke.hubspoke.FirewallPolicy;
import com.hubspoke.hubspoke.FirewallPolicyArgs;
import com.hubspoke.hubspoke.Hub;
import com.hubspoke.hubspoke.HubArgs;
import com.hubspoke.hubspoke.InspectionVpc;
import com.hubspoke.hubspoke.InspectionVpcArgs;
import com.hubspoke.hubspoke.SpokeVpc;
import com.hubspoke.hubspoke.SpokeVpcArgs;
import com.hubspoke.hubspoke.SpokeWorkload;
import com.hubspoke.hubspoke.SpokeWorkloadArgs;
import com.hubspoke.hubspoke.enums.NatGatewayMode;
import java.util.Map;

/**
 * The seed hub-and-spoke network, component by component: a Transit Gateway hub, a firewall
 * policy that allows .amazon.com, an inspection VPC with NAT gateways and AWS Network Firewall,
 * and two spoke VPCs with a test instance each. Same components, names and inputs as
 * examples/yaml, registered in the same order.
 */
public final class App {
    private static final String SUPERNET = "10.0.0.0/8";
    private static final Map<String, String> TAGS = Map.of("project", "hubspoke-seed");

    public static void main(String[] args) {
        Pulumi.run(App::seedNetwork);
    }

    static void seedNetwork(Context ctx) {
        var hub = new Hub("hub", HubArgs.builder().tags(TAGS).build());

        var policy = new FirewallPolicy("policy", FirewallPolicyArgs.builder()
                .supernetCidrBlock(SUPERNET)
                .allowedDomains(".amazon.com")
                .tags(TAGS)
                .build());

        var inspection = new InspectionVpc("inspection", InspectionVpcArgs.builder()
                .cidrBlock("10.129.0.0/24")
                .supernetCidrBlock(SUPERNET)
                .transitGatewayId(hub.transitGatewayId())
                .spokeRouteTableId(hub.spokeRouteTableId())
                .inspectionRouteTableId(hub.inspectionRouteTableId())
                .azCount(2)
                .natGateways(NatGatewayMode.PerAz)
                .firewallPolicyArn(policy.arn())
                .tags(TAGS)
                .build());

        var spoke1 = spoke("spoke1", "10.0.0.0/16", hub);
        var workload1 = workload("workload1", spoke1);
        var spoke2 = spoke("spoke2", "10.1.0.0/16", hub);
        var workload2 = workload("workload2", spoke2);

        ctx.export("transitGatewayId", hub.transitGatewayId());
        ctx.export("inspectionVpcId", inspection.vpcId());
        ctx.export("natPublicIps", inspection.natPublicIps());
        ctx.export("spokeVpcIds", Output.all(spoke1.vpcId(), spoke2.vpcId()));
        ctx.export("workloadInstanceIds", Output.all(workload1.instanceId(), workload2.instanceId()));
    }

    /** A spoke VPC attached to the hub, in two availability zones. */
    private static SpokeVpc spoke(String name, String cidrBlock, Hub hub) {
        return new SpokeVpc(name, SpokeVpcArgs.builder()
                .cidrBlock(cidrBlock)
                .transitGatewayId(hub.transitGatewayId())
                .spokeRouteTableId(hub.spokeRouteTableId())
                .inspectionRouteTableId(hub.inspectionRouteTableId())
                .azCount(2)
                // Session Manager endpoints, so the probe instance can be reached (SpokeVpc's default is off).
                .ssmEndpoints(true)
                .tags(TAGS)
                .build());
    }

    /** A test instance in the spoke's first workload subnet. */
    private static SpokeWorkload workload(String name, SpokeVpc spoke) {
        return new SpokeWorkload(name, SpokeWorkloadArgs.builder()
                .vpcId(spoke.vpcId())
                .subnetId(spoke.workloadSubnetIds().applyValue(ids -> ids.get(0)))
                .tags(TAGS)
                .build());
    }
}
