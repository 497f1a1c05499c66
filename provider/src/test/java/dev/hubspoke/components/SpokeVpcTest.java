package dev.hubspoke.components;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.test.PulumiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import static dev.hubspoke.components.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpokeVpcTest {

    private static MockRun build(SpokeVpcArgs args) {
        return MockRun.ok(ctx -> new SpokeVpc("app", args, ComponentResourceOptions.Empty));
    }

    /**
     * Per AZ: a workload and a tgw subnet, each with a route table and association, and the
     * workload default route; once: the component, VPC, TGW attachment, association, propagation.
     */
    private static Map<String, Long> expectedCounts(int azs) {
        return new TreeMap<>(Map.of(
                SpokeVpc.TYPE, 1L, VPC, 1L, DEFAULT_SG, 1L,
                SUBNET, 2L * azs, ROUTE_TABLE, 2L * azs, RT_ASSOCIATION, 2L * azs, ROUTE, (long) azs,
                TGW_ATTACHMENT, 1L, TGW_ASSOCIATION, 1L, TGW_PROPAGATION, 1L));
    }

    @ParameterizedTest(name = "azCount {0}")
    @ValueSource(ints = {1, 2, 3})
    void resourceCountsFollowTheAzCount(int azCount) {
        assertEquals(expectedCounts(azCount), build(spoke("10.0.0.0/16", azCount, false, false)).countsByType());
    }

    @Test
    void ssmEndpointsAddASecurityGroupAndThreeInterfaceEndpoints() {
        var counts = expectedCounts(2);
        counts.put(SECURITY_GROUP, 1L);
        counts.put(VPC_ENDPOINT, 3L);
        assertEquals(counts, build(spoke("10.0.0.0/16", 2, true, false)).countsByType());
    }

    @Test
    void flowLogsAddALogGroupARoleAPolicyAndAFlowLog() {
        var counts = expectedCounts(2);
        counts.putAll(Map.of(LOG_GROUP, 1L, ROLE, 1L, ROLE_POLICY, 1L, FLOW_LOG, 1L));
        assertEquals(counts, build(spoke("10.0.0.0/16", 2, false, true)).countsByType());
    }

    @Test
    void workloadSubnetsSendEverythingToTheTransitGatewayOnceAttached() {
        var run = build(spoke("10.0.0.0/16", 3, false, false));
        String attachment = run.named("app-tgw-attachment").urnNow();

        for (int a = 0; a < 3; a++) {
            var route = run.named("app-workload-default-" + a);
            assertEquals(run.named("app-workload-rt-" + a).id(), route.input("routeTableId"));
            assertEquals("0.0.0.0/0", route.input("destinationCidrBlock"));
            assertEquals(TGW_ID, route.input("transitGatewayId"));
            assertTrue(route.dependencies().contains(attachment));
            assertEquals(run.named("app-workload-" + a).id(), run.named("app-workload-rta-" + a).input("subnetId"));
            assertEquals(run.named("app-tgw-rt-" + a).id(), run.named("app-tgw-rta-" + a).input("routeTableId"));
        }
        assertEquals(3, run.ofType(ROUTE).size(), "the tgw subnets need only the local route");
    }

    @Test
    void theAttachmentAssociatesWithTheSpokeTableAndPropagatesOnlyIntoTheInspectionTable() {
        var run = build(spoke("10.0.0.0/16", 2, false, false));

        var attachment = run.named("app-tgw-attachment");
        assertEquals(List.of(run.named("app-tgw-0").id(), run.named("app-tgw-1").id()), attachment.list("subnetIds"));
        assertEquals(false, attachment.input("transitGatewayDefaultRouteTableAssociation"));
        assertEquals(false, attachment.input("transitGatewayDefaultRouteTablePropagation"));
        assertEquals(null, attachment.input("applianceModeSupport"));

        var associations = run.ofType(TGW_ASSOCIATION);
        assertEquals(1, associations.size());
        assertEquals(SPOKE_RT_ID, associations.get(0).input("transitGatewayRouteTableId"));
        assertEquals(attachment.id(), associations.get(0).input("transitGatewayAttachmentId"));
        var propagations = run.ofType(TGW_PROPAGATION);
        assertEquals(1, propagations.size());
        assertEquals(INSPECTION_RT_ID, propagations.get(0).input("transitGatewayRouteTableId"));
        assertEquals(attachment.id(), propagations.get(0).input("transitGatewayAttachmentId"));
    }

    @Test
    void subnetCidrsFollowTheAddressPlan() {
        var run = build(spoke("10.0.0.0/16", 2, false, false));

        // workload /20s from the start of the VPC, four slots reserved; tgw /28s after them
        assertEquals("10.0.0.0/20", run.named("app-workload-0").input("cidrBlock"));
        assertEquals("10.0.16.0/20", run.named("app-workload-1").input("cidrBlock"));
        assertEquals("10.0.64.0/28", run.named("app-tgw-0").input("cidrBlock"));
        assertEquals("10.0.64.16/28", run.named("app-tgw-1").input("cidrBlock"));
        run.ofType(SUBNET).forEach(s -> assertEquals(false, s.input("mapPublicIpOnLaunch"), s.name()));
    }

    @Test
    void aChosenWorkloadPrefixSetsTheWorkloadSubnetSize() {
        var run = build(new SpokeVpcArgs("10.2.0.0/16", Output.of(TGW_ID), Output.of(SPOKE_RT_ID),
                Output.of(INSPECTION_RT_ID), List.of("us-west-2a"), Optional.empty(), Optional.of(24), 28,
                false, false, 30, Output.of(TAGS)));

        assertEquals("10.2.0.0/24", run.named("app-workload-0").input("cidrBlock"));
        assertEquals("10.2.4.0/28", run.named("app-tgw-0").input("cidrBlock"));
        assertEquals("us-west-2a", run.named("app-tgw-0").input("availabilityZone"));
    }

    @Test
    void ssmEndpointsAdmitHttpsFromTheVpcOnly() {
        var run = build(spoke("10.3.0.0/16", 2, true, false));

        var sg = run.named("app-ssm-sg");
        assertEquals(run.named("app-vpc").id(), sg.input("vpcId"));
        assertEquals(List.of(Map.of("description", "HTTPS from the VPC", "protocol", "tcp",
                        "fromPort", 443, "toPort", 443, "cidrBlocks", List.of("10.3.0.0/16"))),
                normalizedRules(sg.list("ingress")));
        assertEquals(null, sg.input("egress"), "endpoints need no egress rule");
        for (String service : List.of("ssm", "ssmmessages", "ec2messages")) {
            var endpoint = run.named("app-" + service + "-endpoint");
            assertEquals("com.amazonaws.us-east-1." + service, endpoint.input("serviceName"));
            assertEquals("Interface", endpoint.input("vpcEndpointType"));
            assertEquals(true, endpoint.input("privateDnsEnabled"));
            assertEquals(List.of(sg.id()), endpoint.list("securityGroupIds"));
            assertEquals(List.of(run.named("app-workload-0").id(), run.named("app-workload-1").id()),
                    endpoint.list("subnetIds"));
        }
    }

    /** Numbers arrive as doubles from the mock engine; compare them as ints. */
    static List<Map<String, Object>> normalizedRules(List<Object> rules) {
        return rules.stream().map(rule -> {
            var copy = new TreeMap<String, Object>();
            ((Map<?, ?>) rule).forEach((k, v) -> copy.put((String) k, v instanceof Number n ? n.intValue() : v));
            return (Map<String, Object>) copy;
        }).toList();
    }

    @Test
    void everyChildHasTheComponentAsParent() {
        var run = build(spoke("10.0.0.0/16", 2, true, true));
        var component = run.named("app");

        assertEquals(run.all().size() - 1, run.childrenOf(component).size());
    }

    @Test
    void outputsListWorkloadSubnetsAndTablesInAzOrder() {
        var spoke = new AtomicReference<SpokeVpc>();
        var run = MockRun.ok(ctx -> spoke.set(new SpokeVpc("app", spoke("10.0.0.0/16", 2, false, false),
                ComponentResourceOptions.Empty)));
        var outputs = spoke.get().outputs();

        assertEquals(List.of("vpcId", "cidrBlock", "availabilityZones", "availabilityZoneIds", "workloadSubnetIds", "tgwSubnetIds", "routeTableIds",
                "tgwRouteTableIds", "transitGatewayAttachmentId", "ssmEndpointIds"), List.copyOf(outputs.keySet()));
        assertEquals(List.of(run.named("app-workload-0").id(), run.named("app-workload-1").id()),
                PulumiTest.extractValue(outputs.get("workloadSubnetIds")));
        assertEquals(List.of(run.named("app-workload-rt-0").id(), run.named("app-workload-rt-1").id()),
                PulumiTest.extractValue(outputs.get("routeTableIds")));
        assertEquals(List.of(), PulumiTest.extractValue(outputs.get("ssmEndpointIds")));
    }
}
