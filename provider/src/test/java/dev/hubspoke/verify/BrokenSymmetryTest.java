package dev.hubspoke.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubspoke.verify.CheckResult.Case;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;

import static dev.hubspoke.verify.StackExport.BLUEPRINT;
import static dev.hubspoke.verify.StackExport.COMPONENTS;
import static dev.hubspoke.verify.StackExport.NAT;
import static dev.hubspoke.verify.StackExport.ROUTE;
import static dev.hubspoke.verify.StackExport.ROUTE_TABLE;
import static dev.hubspoke.verify.StackExport.failing;
import static dev.hubspoke.verify.StackExport.failingCases;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Broken on purpose for the symmetry check: networks whose every flow gets through and crosses a
 * firewall endpoint, so that egress, return and east-west pass, but whose two directions cross
 * different endpoints for some AZ the TGW may pick. Exactly symmetry fails, at the hop named.
 */
class BrokenSymmetryTest {

    private static Hop faulty(Case c) {
        return c.path().get(c.faultyHop().orElseThrow());
    }

    /**
     * The routing hubspoke used with {@code natGateways: single} before it routed internet-bound
     * traffic to the NAT's AZ: one NAT gateway in us-east-1a, and each tgw subnet still sending
     * 0.0.0.0/0 to its own AZ's endpoint. A flow the TGW hands to us-east-1b goes out through
     * endpoint b, and its reply comes back from the NAT through public route table a to endpoint a.
     */
    @ParameterizedTest
    @ValueSource(strings = {COMPONENTS, BLUEPRINT})
    void aSingleNatGatewayWithSameAzTgwRoutesDropsRepliesOfFlowsPickedIntoTheOtherAz(String fixture) {
        StackExport export = StackExport.load(fixture);
        String natA = export.id(NAT, "inspection-nat-0");
        export.remove(NAT, "inspection-nat-1");
        export.outputs(ROUTE, "inspection-firewall-default-1").put("natGatewayId", natA);
        String publicRtA = export.id(ROUTE_TABLE, "inspection-public-rt-0");
        String endpointA = export.outputs(ROUTE, "inspection-tgw-default-0").path("vpcEndpointId").asText();

        Report report = export.verify();

        assertEquals(Set.of(Verifier.SYMMETRY), failing(report), report.toText());
        List<Case> cases = failingCases(report, Verifier.SYMMETRY);
        assertEquals(4, cases.size(), "2 spokes x 2 workload subnets, each when the TGW picks us-east-1b");
        for (Case c : cases) {
            assertTrue(c.subject().contains("<-> 0.0.0.0/0") && c.subject().endsWith("TGW picks us-east-1b"), c.subject());
            Hop fault = faulty(c);
            assertEquals(Hop.Kind.NAT_GATEWAY, fault.kind());
            assertEquals(natA, fault.id());
            assertEquals(publicRtA, fault.routeTable().orElseThrow());
            assertTrue(fault.action().contains("10.0.0.0/8 -> " + endpointA + " (firewall endpoint, us-east-1a)"), fault.action());
            assertTrue(c.detail().contains("the request crosses firewall endpoint") && c.detail().contains("[us-east-1b], but the reply"),
                    c.detail());
        }
    }

    /**
     * A route for spoke2's block in tgw route table b that sends it to endpoint a: spoke1 -> spoke2
     * flows picked into us-east-1b cross endpoint a, their replies (0.0.0.0/0 in the same table)
     * endpoint b; and spoke2 -> spoke1 the other way round. The cross-AZ route is the fault in both.
     */
    @ParameterizedTest
    @ValueSource(strings = {COMPONENTS, BLUEPRINT})
    void aCrossAzRouteForOneSpokeMakesEastWestFlowsAsymmetricAtThatRoute(String fixture) {
        StackExport export = StackExport.load(fixture);
        String tgwRtB = export.id(ROUTE_TABLE, "inspection-tgw-rt-1");
        String endpointA = export.outputs(ROUTE, "inspection-tgw-default-0").path("vpcEndpointId").asText();
        ObjectNode route = StackExport.object().put("routeTableId", tgwRtB).put("destinationCidrBlock", "10.1.0.0/16")
                .put("vpcEndpointId", endpointA);
        export.add(ROUTE, "spoke2-via-a", "r-spoke2-via-a", route);

        Report report = export.verify();

        assertEquals(Set.of(Verifier.SYMMETRY), failing(report), report.toText());
        List<Case> cases = failingCases(report, Verifier.SYMMETRY);
        assertEquals(8, cases.size(), "2 ordered pairs x 2 x 2 subnet pairs, each when the TGW picks us-east-1b");
        for (Case c : cases) {
            assertTrue(c.subject().endsWith("TGW picks us-east-1b") && !c.subject().contains("0.0.0.0/0"), c.subject());
            Hop fault = faulty(c);
            assertEquals(Hop.Kind.SUBNET, fault.kind());
            assertEquals(tgwRtB, fault.routeTable().orElseThrow());
            assertTrue(fault.action().contains("10.1.0.0/16 -> " + endpointA + " (firewall endpoint, us-east-1a)"), fault.action());
        }
    }
}
