package dev.hubspoke.verify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubspoke.net.Cidr;
import org.junit.jupiter.api.Test;

import static dev.hubspoke.verify.StackExport.ATTACHMENT;
import static dev.hubspoke.verify.StackExport.COMPONENTS;
import static dev.hubspoke.verify.StackExport.ROUTE;
import static dev.hubspoke.verify.StackExport.SUBNET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Route lookup and packet tracing rules, on the components fixture. */
class TracerTest {

    private static Trace trace(StackExport export, String subnetName, String probe) {
        Network network = export.network();
        return new Tracer(network, new Router(network)).trace(export.id(SUBNET, subnetName), Cidr.parse(probe));
    }

    @Test
    void theLongestPrefixThatHoldsTheProbeWinsAndTheLocalRouteWinsATie() {
        StackExport export = StackExport.load(COMPONENTS);
        export.add(ROUTE, "shadow", "r-shadow", StackExport.object().put("routeTableId", export.id(StackExport.ROUTE_TABLE,
                "spoke1-workload-rt-0")).put("destinationCidrBlock", "10.0.0.0/16").put("transitGatewayId", "tgw-x"));

        Trace local = trace(export, "spoke1-workload-0", "10.0.16.0/20");
        Trace viaDefault = trace(export, "spoke1-workload-0", "10.1.0.0/16");

        assertEquals(Trace.Outcome.DELIVERED, local.outcome());
        assertEquals(1, local.hops().size());
        assertTrue(local.hops().get(0).action().contains("10.0.0.0/16 -> local"), local.hops().get(0).action());
        assertTrue(viaDefault.hops().get(0).action().contains("0.0.0.0/0 -> "), viaDefault.hops().get(0).action());
    }

    @Test
    void aStaticTgwRouteHidesAPropagatedRouteForTheSameBlock() {
        StackExport export = StackExport.load(COMPONENTS);
        export.add("aws:ec2transitgateway/route:Route", "blackhole-spoke1", "tgw-route-x", StackExport.object()
                .put("transitGatewayRouteTableId", export.id(StackExport.TGW_ROUTE_TABLE, "hub-inspection-rt"))
                .put("destinationCidrBlock", "10.0.0.0/16").put("blackhole", true));

        Trace back = trace(export, "inspection-public-0", "10.0.0.0/16");

        assertEquals(Trace.Outcome.DROPPED, back.outcome());
        assertTrue(back.reason().orElseThrow().endsWith("10.0.0.0/16 -> blackhole"), back.reason().orElseThrow());
    }

    @Test
    void aRouteBackIntoTheSameFirewallEndpointIsReportedAsALoop() {
        StackExport export = StackExport.load(COMPONENTS);
        String endpoint = export.outputs(ROUTE, "inspection-tgw-default-0").path("vpcEndpointId").asText();
        ObjectNode route = export.outputs(ROUTE, "inspection-firewall-default-0");
        route.remove("natGatewayId");
        route.put("vpcEndpointId", endpoint);

        Trace looped = trace(export, "spoke1-workload-0", "0.0.0.0/0");

        assertEquals(Trace.Outcome.DROPPED, looped.outcome());
        assertTrue(looped.reason().orElseThrow().startsWith("routing loop at "), looped.reason().orElseThrow());
    }

    @Test
    void trafficFromAnAzWhereTheAttachmentHasNoSubnetCannotReachTheTransitGateway() {
        StackExport export = StackExport.load(COMPONENTS);
        ArrayNode subnets = (ArrayNode) export.outputs(ATTACHMENT, "spoke1-tgw-attachment").path("subnetIds");
        subnets.remove(0); // spoke1-tgw-0, the us-east-1a one

        Report report = export.verify();
        Trace fromA = trace(export, "spoke1-workload-0", "0.0.0.0/0");

        assertEquals(Trace.Outcome.DROPPED, fromA.outcome());
        assertTrue(fromA.reason().orElseThrow().contains("which has no subnet in us-east-1a"), fromA.reason().orElseThrow());
        assertTrue(StackExport.failing(report).contains(Verifier.EGRESS), report.toText());
    }
}
