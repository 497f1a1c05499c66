package dev.hubspoke.components;

import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.test.PulumiTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static dev.hubspoke.components.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HubAndSpokeTest {

    private static MockRun build(HubAndSpokeArgs args) {
        return MockRun.ok(ctx -> new HubAndSpoke("net", args, ComponentResourceOptions.Empty));
    }

    /**
     * The seed layout (all defaults: 2 AZs looked up, firewall on, NAT per AZ, two spokes with a
     * workload, no SSM endpoints, no logs), counted by hand from the component rules:
     * <pre>
     *   HubAndSpoke                                                        1
     *   Hub: component, TGW, 2 route tables                                4
     *   FirewallPolicy: component, drop-ssh, icmp, handshake, domains,
     *                   policy                                             6
     *   InspectionVpc: component, VPC, default SG, IGW, 6 subnets, 6 tables,
     *                  6 associations, 2 EIPs, 2 NATs, 10 routes,
     *                  attachment, TGW association, TGW route, firewall   40
     *   SpokeVpc x2: component, VPC, default SG, 4 subnets, 4 tables,
     *                4 associations, 2 routes, attachment, association,
     *                propagation                                     2 x 20
     *   SpokeWorkload x2: component, SG, role, policy attachment,
     *                     profile, instance                          2 x 6
     *                                                                    103
     * </pre>
     */
    @Test
    void theSeedLayoutBuildsOneHundredAndThreeResources() {
        var run = build(hubAndSpoke(seedSpokes(), true));

        assertEquals(103, run.all().size());
        var counts = run.countsByType();
        assertEquals(1L, counts.get(HubAndSpoke.TYPE));
        assertEquals(1L, counts.get(Hub.TYPE));
        assertEquals(1L, counts.get(FirewallPolicy.TYPE));
        assertEquals(1L, counts.get(InspectionVpc.TYPE));
        assertEquals(2L, counts.get(SpokeVpc.TYPE));
        assertEquals(2L, counts.get(SpokeWorkload.TYPE));
        assertEquals(3L, counts.get(VPC));
        assertEquals(14L, counts.get(SUBNET));
        assertEquals(2L, counts.get(INSTANCE));
    }

    @Test
    void withoutTheFirewallThereIsNoPolicyAndNoFirewall() {
        var run = build(hubAndSpoke(seedSpokes(), false));

        // the seed's 103 less the policy component and its 5 resources, and the firewall
        assertEquals(96, run.all().size());
        assertTrue(run.ofType(FirewallPolicy.TYPE).isEmpty());
        assertTrue(run.ofType(FIREWALL).isEmpty());
        assertEquals(run.named("net-inspection-nat-0").id(), run.named("net-inspection-tgw-default-0").input("natGatewayId"));
    }

    @Test
    void itsChildrenAreTheHubThePolicyTheInspectionVpcAndEachSpokeWithItsWorkload() {
        var run = build(hubAndSpoke(seedSpokes(), true));

        var children = run.childrenOf(run.named("net"));
        assertEquals(Set.of("net-hub", "net-policy", "net-inspection", "net-spoke1", "net-spoke1-workload",
                        "net-spoke2", "net-spoke2-workload"),
                Set.copyOf(children.stream().map(MockRun.Registration::name).toList()));
        assertEquals(Set.of(Hub.TYPE, FirewallPolicy.TYPE, InspectionVpc.TYPE, SpokeVpc.TYPE, SpokeWorkload.TYPE),
                Set.copyOf(children.stream().map(MockRun.Registration::type).toList()));
        // and each child component is the parent of all of its own resources
        int grandchildren = children.stream().mapToInt(c -> run.childrenOf(c).size()).sum();
        assertEquals(103 - 1 - children.size(), grandchildren);
    }

    @Test
    void theChildrenAreWiredToTheHubThePolicyAndTheirSpoke() {
        var run = build(hubAndSpoke(seedSpokes(), true));
        String tgw = run.named("net-hub-tgw").id();
        String spokeTable = run.named("net-hub-spoke-rt").id();
        String inspectionTable = run.named("net-hub-inspection-rt").id();

        assertEquals(tgw, run.named("net-inspection-tgw-attachment").input("transitGatewayId"));
        assertEquals(inspectionTable, run.named("net-inspection-tgw-association").input("transitGatewayRouteTableId"));
        assertEquals(spokeTable, run.named("net-inspection-spoke-default-route").input("transitGatewayRouteTableId"));
        assertEquals(run.named("net-policy-policy").id(), run.named("net-inspection-firewall").input("firewallPolicyArn"));
        for (String spoke : List.of("spoke1", "spoke2")) {
            String prefix = "net-" + spoke;
            assertEquals(tgw, run.named(prefix + "-tgw-attachment").input("transitGatewayId"));
            assertEquals(spokeTable, run.named(prefix + "-tgw-association").input("transitGatewayRouteTableId"));
            assertEquals(inspectionTable, run.named(prefix + "-tgw-propagation").input("transitGatewayRouteTableId"));
            assertEquals(tgw, run.named(prefix + "-workload-default-0").input("transitGatewayId"));
            var instance = run.named(prefix + "-workload-instance");
            assertEquals(run.named(prefix + "-workload-0").id(), instance.input("subnetId"));
            assertEquals(run.named(prefix + "-vpc").id(), run.named(prefix + "-workload-sg").input("vpcId"));
        }
        assertEquals("10.0.0.0/16", run.named("net-spoke1-vpc").input("cidrBlock"));
        assertEquals("10.1.0.0/16", run.named("net-spoke2-vpc").input("cidrBlock"));
        assertEquals("10.129.0.0/24", run.named("net-inspection-vpc").input("cidrBlock"));
    }

    @Test
    void addingASpokeKeepsEveryNameAndInputOfTheExistingResources() {
        var before = build(hubAndSpoke(seedSpokes(), true));
        var spokes = new ArrayList<>(seedSpokes());
        spokes.add(new SpokeSpec("spoke3", "10.2.0.0/16", true, true, Optional.of(24)));
        var after = build(hubAndSpoke(spokes, true));

        for (var resource : before.all()) {
            var same = after.named(resource.name());
            assertEquals(resource.type(), same.type(), resource.name());
            assertEquals(resource.inputs(), same.inputs(), resource.name());
        }
        // spoke3: SpokeVpc 20 + SSM security group and 3 endpoints + workload 6
        assertEquals(before.all().size() + 20 + 4 + 6, after.all().size());
        assertEquals("10.2.0.0/24", after.named("net-spoke3-workload-0").input("cidrBlock"));
    }

    @Test
    void outputsMapEachSpokeByNameInInputOrder() {
        var component = new AtomicReference<HubAndSpoke>();
        var spokes = List.of(new SpokeSpec("web", "10.5.0.0/16", true, false, Optional.empty()),
                new SpokeSpec("db", "10.4.0.0/16", false, false, Optional.empty()));
        var run = MockRun.ok(ctx -> component.set(new HubAndSpoke("net", hubAndSpoke(spokes, true),
                ComponentResourceOptions.Empty)));
        var outputs = component.get().outputs();

        assertEquals(List.of("transitGatewayId", "spokeRouteTableId", "inspectionRouteTableId", "inspectionVpcId",
                "natPublicIps", "spokeVpcIds", "spokeWorkloadSubnetIds", "spokeAttachmentIds", "workloadInstanceIds",
                "workloadPrivateIps", "firewallArn", "firewallPolicyArn", "addressBook"), List.copyOf(outputs.keySet()));
        Map<?, ?> vpcIds = (Map<?, ?>) PulumiTest.extractValue(outputs.get("spokeVpcIds"));
        assertEquals(List.of("web", "db"), List.copyOf(vpcIds.keySet()));
        assertEquals(run.named("net-db-vpc").id(), vpcIds.get("db"));
        assertEquals(Map.of("web", List.of(run.named("net-web-workload-0").id(), run.named("net-web-workload-1").id()),
                        "db", List.of(run.named("net-db-workload-0").id(), run.named("net-db-workload-1").id())),
                PulumiTest.extractValue(outputs.get("spokeWorkloadSubnetIds")));
        assertEquals(Map.of("web", run.named("net-web-workload-instance").id()),
                PulumiTest.extractValue(outputs.get("workloadInstanceIds")));
        assertEquals(Set.of("web"), ((Map<?, ?>) PulumiTest.extractValue(outputs.get("workloadPrivateIps"))).keySet());
        assertEquals(run.named("net-inspection-firewall").id(), PulumiTest.extractValue(outputs.get("firewallArn")));
        assertEquals(2, ((List<?>) PulumiTest.extractValue(outputs.get("natPublicIps"))).size());

        var withoutFirewall = new AtomicReference<HubAndSpoke>();
        MockRun.ok(ctx -> withoutFirewall.set(new HubAndSpoke("net", hubAndSpoke(spokes, false),
                ComponentResourceOptions.Empty)));
        assertFalse(withoutFirewall.get().outputs().containsKey("firewallArn"));
        assertFalse(withoutFirewall.get().outputs().containsKey("firewallPolicyArn"));
    }

    /**
     * The workload's subnet id comes from the AZ 0 subnet itself, not from an element of the
     * spoke's subnet list: during a preview that adds an AZ the list is unknown (the new subnet
     * has no id yet), and an instance whose subnetId is unknown is planned as a replacement.
     * The registration's dependencies show which Output the id came through.
     */
    @Test
    void theWorkloadInstanceDependsOnItsOwnSubnetOnlyNotOnTheSpokesWholeSubnetList() {
        var run = build(hubAndSpoke(seedSpokes(), true));

        var instance = run.named("net-spoke1-workload-instance");
        assertEquals(run.named("net-spoke1-workload-0").id(), instance.input("subnetId"));
        assertTrue(instance.dependencies().contains(run.named("net-spoke1-workload-0").urnNow()),
                instance.dependencies().toString());
        assertFalse(instance.dependencies().contains(run.named("net-spoke1-workload-1").urnNow()),
                "the instance waits on (and would be replaced with) the AZ 1 subnet: " + instance.dependencies());
    }

    @Test
    void listedZonesTheNatModeAndTheLogSwitchesReachEveryChild() {
        var run = build(new HubAndSpokeArgs("10.0.0.0/8", "10.129.0.0/24", List.of("eu-west-1b", "eu-west-1c",
                "eu-west-1a"), Optional.empty(), seedSpokes(), true, List.of(".amazon.com"), List.of(), true, true, 90,
                NatGatewayMode.SINGLE, 64512, null));

        assertEquals("eu-west-1a", run.named("net-inspection-tgw-2").input("availabilityZone"));
        assertEquals("eu-west-1a", run.named("net-spoke2-tgw-2").input("availabilityZone"));
        // single NAT (in AZ 0, eu-west-1b): internet-bound traffic to its AZ's endpoint, east-west to AZ 1's own
        assertEquals("vpce-eu-west-1b", run.named("net-inspection-tgw-default-1").input("vpcEndpointId"));
        assertEquals("vpce-eu-west-1c", run.named("net-inspection-tgw-supernet-1").input("vpcEndpointId"));
        assertEquals(1, run.ofType(NAT).size());
        // flow logs in the inspection VPC and both spokes; firewall alert and flow logs
        assertEquals(3, run.ofType(FLOW_LOG).size());
        assertEquals(5, run.ofType(LOG_GROUP).size());
        run.ofType(LOG_GROUP).forEach(g -> assertEquals(90, ((Number) g.input("retentionInDays")).intValue()));
        assertTrue(run.invokes().stream().noneMatch(i -> i.token().contains("getAvailabilityZones")));
    }

    @Test
    void aWorkloadSpokeGetsSsmEndpointsUnlessSwitchedOffAndTheProbeReachesThemInsideItsVpc() {
        var spokes = List.of(
                new SpokeSpec("spoke1", "10.0.0.0/16", true, Optional.empty(), Optional.empty()),
                new SpokeSpec("spoke2", "10.1.0.0/16", true, Optional.of(false), Optional.empty()),
                new SpokeSpec("spoke3", "10.2.0.0/16", false, Optional.empty(), Optional.empty()));
        var run = build(hubAndSpoke(spokes, true));

        assertEquals(Set.of("net-spoke1-ssm-endpoint", "net-spoke1-ssmmessages-endpoint", "net-spoke1-ec2messages-endpoint"),
                run.names(r -> r.type().equals(VPC_ENDPOINT)));
        // The probe's traffic to the endpoints never leaves its VPC, so no firewall rule is involved:
        // the endpoints sit in the probe's own workload subnets (the VPC's local route), resolve
        // through private DNS, admit HTTPS from the VPC's block, and the probe may send HTTPS.
        var workloadSubnets = List.of(run.named("net-spoke1-workload-0").id(), run.named("net-spoke1-workload-1").id());
        for (String service : List.of("ssm", "ssmmessages", "ec2messages")) {
            var endpoint = run.named("net-spoke1-" + service + "-endpoint");
            assertEquals(workloadSubnets, endpoint.input("subnetIds"), service);
            assertEquals(true, endpoint.input("privateDnsEnabled"), service);
            assertEquals("com.amazonaws.us-east-1." + service, endpoint.input("serviceName"), service);
        }
        assertTrue(workloadSubnets.contains(run.named("net-spoke1-workload-instance").input("subnetId")));
        @SuppressWarnings("unchecked")
        var ingress = (List<Map<String, Object>>) run.named("net-spoke1-ssm-sg").input("ingress");
        assertEquals(List.of("10.0.0.0/16"), ingress.get(0).get("cidrBlocks"));
        assertEquals(443, ((Number) ingress.get(0).get("fromPort")).intValue());
        @SuppressWarnings("unchecked")
        var egress = (List<Map<String, Object>>) run.named("net-spoke1-workload-sg").input("egress");
        assertTrue(egress.stream().anyMatch(rule -> ((Number) rule.get("fromPort")).intValue() == 443
                && ((List<?>) rule.get("cidrBlocks")).contains("0.0.0.0/0")), egress.toString());
    }

    @Test
    void nullFieldsTakeTheContractDefaults() {
        var run = build(new HubAndSpokeArgs(null, null, null, Optional.empty(), null, true, null, null, false, false,
                30, null, 64512, null));

        // the seed's 103 and, as both default spokes have a workload, an SSM security group and
        // three endpoints in each
        assertEquals(103 + 2 * 4, run.all().size());
        assertEquals("10.129.0.0/24", run.named("net-inspection-vpc").input("cidrBlock"));
        assertEquals(Map.of("Name", "net-spoke2-vpc"), run.named("net-spoke2-vpc").map("tags"));
    }
}
