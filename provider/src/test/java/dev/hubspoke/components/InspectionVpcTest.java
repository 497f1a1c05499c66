package dev.hubspoke.components;

import dev.hubspoke.plan.StandInAws;

import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.test.PulumiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import static dev.hubspoke.components.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InspectionVpcTest {

    private static final String SUPERNET = "10.0.0.0/8";
    private static final String ANYWHERE = "0.0.0.0/0";

    private static MockRun build(InspectionVpcArgs args) {
        return MockRun.ok(ctx -> new InspectionVpc("net", args, ComponentResourceOptions.Empty));
    }

    /**
     * Per AZ: 3 subnets, 3 route tables, 3 associations and 5 routes (public 0/0 and supernet,
     * firewall 0/0 and supernet, tgw 0/0); per NAT an EIP and a NAT gateway; once: the component,
     * VPC, IGW, TGW attachment, its association, the spoke route table's default route and, with a
     * policy, the firewall.
     */
    private static Map<String, Long> expectedCounts(int azs, int nats, boolean firewall) {
        var counts = new TreeMap<String, Long>(Map.ofEntries(
                Map.entry(InspectionVpc.TYPE, 1L), Map.entry(VPC, 1L), Map.entry(DEFAULT_SG, 1L), Map.entry(IGW, 1L),
                Map.entry(SUBNET, 3L * azs), Map.entry(ROUTE_TABLE, 3L * azs), Map.entry(RT_ASSOCIATION, 3L * azs),
                Map.entry(ROUTE, 5L * azs), Map.entry(EIP, (long) nats), Map.entry(NAT, (long) nats),
                Map.entry(TGW_ATTACHMENT, 1L), Map.entry(TGW_ASSOCIATION, 1L), Map.entry(TGW_ROUTE, 1L)));
        if (firewall) {
            counts.put(FIREWALL, 1L);
        }
        return counts;
    }

    @ParameterizedTest(name = "azCount {0}")
    @ValueSource(ints = {1, 2, 3})
    void resourceCountsFollowTheAzCount(int azCount) {
        assertEquals(expectedCounts(azCount, azCount, true), build(inspection(azCount, true)).countsByType());
    }

    @Test
    void azCountOneBuildsTwentyFourResourcesWithTheFirewall() {
        // 1 component + VPC + its default security group + IGW + 3 subnets + 3 tables + 3 associations + 5 routes + EIP + NAT
        // + attachment + association + spoke default route + firewall
        assertEquals(24, build(inspection(1, true)).all().size());
    }

    @Test
    void singleNatGatewayModeBuildsOneNatThatEveryAzUses() {
        var run = build(inspection(3, NatGatewayMode.SINGLE, true, false, false));

        var counts = expectedCounts(3, 1, true);
        counts.merge(ROUTE, 2L, Long::sum); // tgw-supernet-1 and -2, see below
        assertEquals(counts, run.countsByType());
        String nat = run.named("net-nat-0").id();
        assertEquals(run.named("net-public-0").id(), run.named("net-nat-0").input("subnetId"));
        for (int a = 0; a < 3; a++) {
            assertEquals(nat, run.named("net-firewall-default-" + a).input("natGatewayId"));
        }
    }

    /**
     * The NAT gateway (AZ 0) sends internet replies back through AZ 0's public route table and
     * endpoint, so internet-bound traffic of every AZ must cross AZ 0's endpoint too, or the
     * stateful firewall drops the replies. East-west replies come back to the AZ the TGW picked,
     * so east-west traffic keeps its own AZ's endpoint.
     */
    @Test
    void withASingleNatGatewayEveryAzSendsInternetTrafficToTheNatsAzEndpointAndEastWestToItsOwn() {
        var run = build(inspection(3, NatGatewayMode.SINGLE, true, false, false));
        String natAzEndpoint = StandInAws.endpointIn(StandInAws.REGION_ZONES.get(0));

        for (int a = 0; a < 3; a++) {
            String own = StandInAws.endpointIn(StandInAws.REGION_ZONES.get(a));
            assertRoute(run, "net-tgw-default-" + a, "net-tgw-rt-" + a, ANYWHERE, "vpcEndpointId", natAzEndpoint);
            assertRoute(run, "net-public-supernet-" + a, "net-public-rt-" + a, SUPERNET, "vpcEndpointId", own);
            if (a == 0) {
                assertFalse(run.names(r -> true).contains("net-tgw-supernet-0"), "AZ 0's endpoint already is the NAT's");
            } else {
                assertRoute(run, "net-tgw-supernet-" + a, "net-tgw-rt-" + a, SUPERNET, "vpcEndpointId", own);
            }
        }
    }

    @Test
    void withASingleNatGatewayAndNoFirewallTgwSubnetsRouteToTheNatWithoutSupernetRoutes() {
        var run = build(inspection(3, NatGatewayMode.SINGLE, false, false, false));

        String nat = run.named("net-nat-0").id();
        for (int a = 0; a < 3; a++) {
            assertRoute(run, "net-tgw-default-" + a, "net-tgw-rt-" + a, ANYWHERE, "natGatewayId", nat);
        }
        assertTrue(run.names(r -> r.name().startsWith("net-tgw-supernet")).isEmpty());
    }

    @Test
    void withoutAPolicyThereIsNoFirewallAndTgwSubnetsRouteToTheNatOfTheirAz() {
        var run = build(inspection(2, false));

        assertEquals(expectedCounts(2, 2, false), run.countsByType());
        for (int a = 0; a < 2; a++) {
            var tgwDefault = run.named("net-tgw-default-" + a);
            assertEquals(run.named("net-nat-" + a).id(), tgwDefault.input("natGatewayId"));
            assertNull(tgwDefault.input("vpcEndpointId"));
            // NAT replies to the spokes go back through the TGW: no endpoint anywhere.
            var publicSupernet = run.named("net-public-supernet-" + a);
            assertEquals(TGW_ID, publicSupernet.input("transitGatewayId"));
            assertNull(publicSupernet.input("vpcEndpointId"));
        }
        assertTrue(run.ofType(ROUTE).stream().noneMatch(r -> r.inputs().containsKey("vpcEndpointId")));
    }

    @Test
    void everyRouteOfEveryTierAndAzPointsAtItsTarget() {
        var run = build(inspection(3, true));
        String igw = run.named("net-igw").id();

        for (int a = 0; a < 3; a++) {
            String zone = StandInAws.REGION_ZONES.get(a);
            String endpoint = StandInAws.endpointIn(zone);
            assertRoute(run, "net-tgw-default-" + a, "net-tgw-rt-" + a, ANYWHERE, "vpcEndpointId", endpoint);
            assertRoute(run, "net-firewall-default-" + a, "net-firewall-rt-" + a, ANYWHERE,
                    "natGatewayId", run.named("net-nat-" + a).id());
            assertRoute(run, "net-firewall-supernet-" + a, "net-firewall-rt-" + a, SUPERNET, "transitGatewayId", TGW_ID);
            assertRoute(run, "net-public-default-" + a, "net-public-rt-" + a, ANYWHERE, "gatewayId", igw);
            assertRoute(run, "net-public-supernet-" + a, "net-public-rt-" + a, SUPERNET, "vpcEndpointId", endpoint);
        }
        // AZ 1's traffic crosses AZ 1's endpoint: the one in us-east-1b.
        assertEquals("vpce-us-east-1b", run.named("net-tgw-default-1").input("vpcEndpointId"));
    }

    private static void assertRoute(MockRun run, String route, String table, String destination,
                                    String targetKey, String target) {
        var r = run.named(route);
        assertEquals(run.named(table).id(), r.input("routeTableId"), route + " table");
        assertEquals(destination, r.input("destinationCidrBlock"), route + " destination");
        assertEquals(target, r.input(targetKey), route + " " + targetKey);
        var targets = List.of("gatewayId", "natGatewayId", "transitGatewayId", "vpcEndpointId");
        assertEquals(1, targets.stream().filter(r.inputs()::containsKey).count(), route + " has one target");
    }

    @Test
    void routesToTheTransitGatewayWaitForTheAttachment() {
        var run = build(inspection(2, false));
        String attachment = run.named("net-tgw-attachment").urnNow();

        for (var route : run.ofType(ROUTE)) {
            boolean toTgw = route.inputs().containsKey("transitGatewayId");
            assertEquals(toTgw, route.dependencies().contains(attachment), route.name());
        }
    }

    @Test
    void turningTheFirewallOnOrOffKeepsEveryResourceNameOfTheRoutes() {
        var on = build(inspection(2, true));
        var off = build(inspection(2, false));

        assertEquals(on.names(r -> r.type().equals(ROUTE)), off.names(r -> r.type().equals(ROUTE)));
        assertEquals(off.names(r -> true), without(on.names(r -> true), "net-firewall"));
        assertEquals("vpce-us-east-1a", on.named("net-tgw-default-0").input("vpcEndpointId"));
        assertEquals(off.named("net-nat-0").id(), off.named("net-tgw-default-0").input("natGatewayId"));
    }

    private static java.util.Set<String> without(java.util.Set<String> names, String name) {
        var copy = new java.util.TreeSet<>(names);
        assertTrue(copy.remove(name), name);
        return copy;
    }

    @Test
    void subnetCidrsFollowTheAddressPlan() {
        var run = build(inspection(2, true));

        var expected = Map.of(
                "net-public-0", "10.129.0.0/28", "net-public-1", "10.129.0.16/28",
                "net-firewall-0", "10.129.0.64/28", "net-firewall-1", "10.129.0.80/28",
                "net-tgw-0", "10.129.0.128/28", "net-tgw-1", "10.129.0.144/28");
        expected.forEach((subnet, cidr) -> assertEquals(cidr, run.named(subnet).input("cidrBlock"), subnet));
        assertEquals(6, run.ofType(SUBNET).size());
        assertEquals("10.129.0.0/24", run.named("net-vpc").input("cidrBlock"));
        assertEquals(true, run.named("net-vpc").input("enableDnsSupport"));
        assertEquals(true, run.named("net-vpc").input("enableDnsHostnames"));
    }

    @Test
    void subnetsTakeTheirZoneFromTheRegionsAvailableZonesByAzIndex() {
        var run = build(inspection(2, true));

        assertEquals("us-east-1a", run.named("net-tgw-0").input("availabilityZone"));
        assertEquals("us-east-1b", run.named("net-tgw-1").input("availabilityZone"));
        var lookups = run.invokes().stream()
                .filter(i -> i.token().equals("aws:index/getAvailabilityZones:getAvailabilityZones")).toList();
        assertEquals(1, lookups.size());
        assertEquals("available", lookups.get(0).args().get("state"));
    }

    @Test
    void listedZonesAreUsedInOrderWithoutALookup() {
        var args = inspection(2, true);
        var run = build(new InspectionVpcArgs(args.cidrBlock(), args.supernetCidrBlock(), args.transitGatewayId(),
                args.spokeRouteTableId(), args.inspectionRouteTableId(), List.of("eu-west-1c", "eu-west-1a"),
                java.util.Optional.empty(), args.natGateways(), args.firewallPolicyArn(), false, false, 30, args.tags()));

        assertEquals("eu-west-1c", run.named("net-public-0").input("availabilityZone"));
        assertEquals("eu-west-1a", run.named("net-firewall-1").input("availabilityZone"));
        assertEquals("vpce-eu-west-1a", run.named("net-tgw-default-1").input("vpcEndpointId"));
        assertTrue(run.invokes().isEmpty());
    }

    @Test
    void theAttachmentUsesTheTgwSubnetsInApplianceModeAndJoinsTheInspectionRouteTable() {
        var run = build(inspection(2, true));

        var attachment = run.named("net-tgw-attachment");
        assertEquals("enable", attachment.input("applianceModeSupport"));
        assertEquals(false, attachment.input("transitGatewayDefaultRouteTableAssociation"));
        assertEquals(false, attachment.input("transitGatewayDefaultRouteTablePropagation"));
        assertEquals(TGW_ID, attachment.input("transitGatewayId"));
        assertEquals(run.named("net-vpc").id(), attachment.input("vpcId"));
        assertEquals(List.of(run.named("net-tgw-0").id(), run.named("net-tgw-1").id()), attachment.list("subnetIds"));

        var association = run.named("net-tgw-association");
        assertEquals(attachment.id(), association.input("transitGatewayAttachmentId"));
        assertEquals(INSPECTION_RT_ID, association.input("transitGatewayRouteTableId"));
        var spokeDefault = run.named("net-spoke-default-route");
        assertEquals(ANYWHERE, spokeDefault.input("destinationCidrBlock"));
        assertEquals(SPOKE_RT_ID, spokeDefault.input("transitGatewayRouteTableId"));
        assertEquals(attachment.id(), spokeDefault.input("transitGatewayAttachmentId"));
    }

    @Test
    void theFirewallUsesThePolicyAndOneFirewallSubnetPerAz() {
        var run = build(inspection(3, true));

        var firewall = run.named("net-firewall");
        assertEquals(POLICY_ARN, firewall.input("firewallPolicyArn"));
        assertEquals(run.named("net-vpc").id(), firewall.input("vpcId"));
        assertEquals(List.of(
                        Map.of("subnetId", run.named("net-firewall-0").id()),
                        Map.of("subnetId", run.named("net-firewall-1").id()),
                        Map.of("subnetId", run.named("net-firewall-2").id())),
                firewall.list("subnetMappings"));
    }

    @Test
    void natGatewaysSitInThePublicSubnetOfTheirAzWithTheirOwnAddress() {
        var run = build(inspection(2, false));

        for (int a = 0; a < 2; a++) {
            var nat = run.named("net-nat-" + a);
            assertEquals(run.named("net-public-" + a).id(), nat.input("subnetId"));
            assertEquals(run.named("net-nat-eip-" + a).id(), nat.input("allocationId"));
            assertEquals("vpc", run.named("net-nat-eip-" + a).input("domain"));
            assertTrue(nat.dependencies().contains(run.named("net-igw").urnNow()), "NAT waits for the IGW");
        }
    }

    @Test
    void everySubnetHasItsOwnRouteTable() {
        var run = build(inspection(2, true));

        for (String tier : List.of("public", "firewall", "tgw")) {
            for (int a = 0; a < 2; a++) {
                var association = run.named("net-" + tier + "-rta-" + a);
                assertEquals(run.named("net-" + tier + "-" + a).id(), association.input("subnetId"));
                assertEquals(run.named("net-" + tier + "-rt-" + a).id(), association.input("routeTableId"));
            }
        }
    }

    @Test
    void firewallLoggingSendsAlertAndFlowLogsToTwoLogGroups() {
        var run = build(inspection(2, NatGatewayMode.PER_AZ, true, true, false));

        var counts = expectedCounts(2, 2, true);
        counts.put(LOG_GROUP, 2L);
        counts.put(FIREWALL_LOGGING, 1L);
        assertEquals(counts, run.countsByType());
        var logging = run.named("net-firewall-logging");
        assertEquals(run.named("net-firewall").id(), logging.input("firewallArn"));
        @SuppressWarnings("unchecked")
        var configs = (List<Map<String, Object>>) logging.map("loggingConfiguration").get("logDestinationConfigs");
        assertEquals(List.of(
                Map.of("logType", "ALERT", "logDestinationType", "CloudWatchLogs",
                        "logDestination", Map.of("logGroup", "/aws/vendedlogs/hubspoke/net-firewall-alert-logs-0123456789")),
                Map.of("logType", "FLOW", "logDestinationType", "CloudWatchLogs",
                        "logDestination", Map.of("logGroup", "/aws/vendedlogs/hubspoke/net-firewall-flow-logs-0123456789"))),
                configs);
        assertEquals(30, ((Number) run.named("net-firewall-alert-logs").input("retentionInDays")).intValue());
    }

    @Test
    void firewallLogGroupsLiveUnderVendedLogsAndKeepANameGivenByAnOlderVersion() {
        var run = build(inspection(2, NatGatewayMode.PER_AZ, true, true, false));

        for (String group : List.of("net-firewall-alert-logs", "net-firewall-flow-logs")) {
            assertEquals("/aws/vendedlogs/hubspoke/" + group + "-", run.named(group).input("namePrefix"));
            assertEquals(null, run.named(group).input("name"), group + ": AWS makes the name unique");
        }
        // The name an older version gave is kept (a new name would replace the group and delete its logs).
        assertEquals(List.of("name", "namePrefix"), run.named("net-firewall-alert-logs").ignoreChanges());
    }

    @Test
    void firewallLoggingWithoutAFirewallBuildsNothingExtra() {
        var run = build(inspection(2, NatGatewayMode.PER_AZ, false, true, false));

        assertEquals(expectedCounts(2, 2, false), run.countsByType());
    }

    @Test
    void flowLogsWriteThroughARoleAllowedOnlyOnTheirLogGroup() {
        var run = build(inspection(1, NatGatewayMode.PER_AZ, false, false, true));

        var counts = expectedCounts(1, 1, false);
        counts.putAll(Map.of(LOG_GROUP, 1L, ROLE, 1L, ROLE_POLICY, 1L, FLOW_LOG, 1L));
        assertEquals(counts, run.countsByType());
        var flowLog = run.named("net-flow-log");
        String groupArn = StandInAws.arnOf(LOG_GROUP, "net-flow-logs");
        assertEquals(run.named("net-vpc").id(), flowLog.input("vpcId"));
        assertEquals("ALL", flowLog.input("trafficType"));
        assertEquals(groupArn, flowLog.input("logDestination"));
        assertEquals("{\"Statement\":[{\"Action\":\"sts:AssumeRole\",\"Condition\":{"
                        + "\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:ec2:us-east-1:123456789012:vpc-flow-log/*\"},"
                        + "\"StringEquals\":{\"aws:SourceAccount\":\"123456789012\"}},"
                        + "\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"vpc-flow-logs.amazonaws.com\"}}],"
                        + "\"Version\":\"2012-10-17\"}",
                run.named("net-flow-logs-role").input("assumeRolePolicy"));
        assertTrue(flowLog.dependencies().contains(run.named("net-flow-logs-policy").urnNow()),
                "the flow log waits for its role's policy: " + flowLog.dependencies());
        String policy = (String) run.named("net-flow-logs-policy").input("policy");
        assertTrue(policy.contains("\"Resource\":[\"" + groupArn + "\",\"" + groupArn + ":*\"]"), policy);
        assertFalse(policy.contains("\"*\""), "no wildcard resource: " + policy);
    }

    @Test
    void everyChildHasTheComponentAsParentAndTheNameTag() {
        var run = build(inspection(2, true));
        var component = run.named("net");

        assertEquals(run.all().size() - 1, run.childrenOf(component).size());
        for (var child : run.childrenOf(component)) {
            if (child.inputs().containsKey("tags")) {
                assertEquals(Map.of("team", "net", "Name", child.name()), child.map("tags"), child.name());
            }
        }
        for (String untagged : List.of(ROUTE, RT_ASSOCIATION, TGW_ASSOCIATION, TGW_ROUTE)) {
            run.ofType(untagged).forEach(r -> assertNull(r.input("tags"), r.name()));
        }
        for (String tagged : List.of(VPC, SUBNET, ROUTE_TABLE, IGW, EIP, NAT, TGW_ATTACHMENT, FIREWALL)) {
            run.ofType(tagged).forEach(r -> assertEquals(r.name(), r.map("tags").get("Name")));
        }
    }

    @Test
    void outputsListIdsInAzOrderAndTheFirewallArnOnlyWithAFirewall() {
        var withFirewall = new AtomicReference<InspectionVpc>();
        var run = MockRun.ok(ctx -> withFirewall.set(new InspectionVpc("net", inspection(2, true), ComponentResourceOptions.Empty)));
        var outputs = withFirewall.get().outputs();

        assertEquals(List.of("vpcId", "availabilityZones", "availabilityZoneIds", "publicSubnetIds", "firewallSubnetIds", "tgwSubnetIds",
                "publicRouteTableIds", "firewallRouteTableIds", "tgwRouteTableIds", "internetGatewayId",
                "natGatewayIds", "natPublicIps", "transitGatewayAttachmentId", "firewallArn"), List.copyOf(outputs.keySet()));
        assertEquals(List.of("us-east-1a", "us-east-1b"), PulumiTest.extractValue(outputs.get("availabilityZones")));
        assertEquals(List.of(run.named("net-tgw-0").id(), run.named("net-tgw-1").id()),
                PulumiTest.extractValue(outputs.get("tgwSubnetIds")));
        assertEquals(List.of(run.named("net-nat-0").id(), run.named("net-nat-1").id()),
                PulumiTest.extractValue(outputs.get("natGatewayIds")));
        assertEquals(run.named("net-firewall").id(), PulumiTest.extractValue(outputs.get("firewallArn")));

        var without = new AtomicReference<InspectionVpc>();
        MockRun.ok(ctx -> without.set(new InspectionVpc("net", inspection(2, false), ComponentResourceOptions.Empty)));
        assertFalse(without.get().outputs().containsKey("firewallArn"));
    }
}
