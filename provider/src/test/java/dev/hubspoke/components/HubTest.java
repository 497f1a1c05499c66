package dev.hubspoke.components;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HubTest {

    static final String TGW = "aws:ec2transitgateway/transitGateway:TransitGateway";
    static final String TGW_RT = "aws:ec2transitgateway/routeTable:RouteTable";

    @Test
    void buildsATransitGatewayWithDefaultRoutingOffAndTwoRouteTables() {
        var run = MockRun.ok(ctx -> new Hub("hub", new HubArgs("my hub", 64600, Output.of(Map.of("team", "net"))),
                ComponentResourceOptions.Empty));

        assertEquals(Map.of(Hub.TYPE, 1L, TGW, 1L, TGW_RT, 2L), run.countsByType());
        var tgw = run.named("hub-tgw");
        assertEquals("my hub", tgw.input("description"));
        assertEquals(64600, ((Number) tgw.input("amazonSideAsn")).intValue());
        assertEquals("disable", tgw.input("defaultRouteTableAssociation"));
        assertEquals("disable", tgw.input("defaultRouteTablePropagation"));
        assertEquals("disable", tgw.input("autoAcceptSharedAttachments"));
        assertEquals("enable", tgw.input("dnsSupport"));
        assertEquals("enable", tgw.input("vpnEcmpSupport"));
        assertEquals(Map.of("team", "net", "Name", "hub-tgw"), tgw.map("tags"));
        for (String table : new String[]{"hub-spoke-rt", "hub-inspection-rt"}) {
            assertEquals(tgw.id(), run.named(table).input("transitGatewayId"));
            assertEquals(Map.of("team", "net", "Name", table), run.named(table).map("tags"));
        }
    }
}
