package dev.hubspoke.components;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.test.PulumiTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static dev.hubspoke.components.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The owner's half of a spoke built elsewhere: exactly SpokeVpc's wiring on the hub, optionally after accepting. */
class SpokeAttachmentTest {

    private static final ComponentResourceOptions NONE = ComponentResourceOptions.Empty;

    private static SpokeAttachmentArgs args(boolean accept) {
        return new SpokeAttachmentArgs(Output.of(ATTACHMENT_ID), Output.of(SPOKE_RT_ID), Output.of(INSPECTION_RT_ID),
                accept, Output.of(TAGS));
    }

    @Test
    void associatesWithTheSpokeTableAndPropagatesIntoTheInspectionTableOnly() {
        var component = new AtomicReference<SpokeAttachment>();
        var run = MockRun.ok(ctx -> component.set(new SpokeAttachment("team", args(false), NONE)));

        assertEquals(Map.of(SpokeAttachment.TYPE, 1L, TGW_ASSOCIATION, 1L, TGW_PROPAGATION, 1L), run.countsByType());
        var association = run.named("team-tgw-association");
        assertEquals(ATTACHMENT_ID, association.input("transitGatewayAttachmentId"));
        assertEquals(SPOKE_RT_ID, association.input("transitGatewayRouteTableId"));
        var propagation = run.named("team-tgw-propagation");
        assertEquals(ATTACHMENT_ID, propagation.input("transitGatewayAttachmentId"));
        assertEquals(INSPECTION_RT_ID, propagation.input("transitGatewayRouteTableId"));
        assertEquals(2, run.childrenOf(run.named("team")).size());
        assertEquals(ATTACHMENT_ID, PulumiTest.extractValue(component.get().outputs().get("transitGatewayAttachmentId")));
    }

    @Test
    void wiresTheHubExactlyAsSpokeVpcDoesForALocalSpoke() {
        var local = MockRun.ok(ctx -> new SpokeVpc("team", spoke("10.0.0.0/16", 2, false, false), NONE));
        var remote = MockRun.ok(ctx -> new SpokeAttachment("team", args(false), NONE));

        for (String type : List.of(TGW_ASSOCIATION, TGW_PROPAGATION)) {
            var mine = local.ofType(type);
            var theirs = remote.ofType(type);
            assertEquals(mine.stream().map(MockRun.Registration::name).toList(),
                    theirs.stream().map(MockRun.Registration::name).toList());
            var expected = new java.util.HashMap<>(mine.get(0).inputs());
            expected.put("transitGatewayAttachmentId", ATTACHMENT_ID);
            assertEquals(expected, theirs.get(0).inputs());
        }
    }

    @Test
    void acceptingFirstMakesTheWiringWaitForTheAccepter() {
        var run = MockRun.ok(ctx -> new SpokeAttachment("team", args(true), NONE));

        var accepter = run.named("team-accepter");
        assertEquals(TGW_ACCEPTER, accepter.type());
        assertEquals(ATTACHMENT_ID, accepter.input("transitGatewayAttachmentId"));
        assertEquals(false, accepter.input("transitGatewayDefaultRouteTableAssociation"));
        assertEquals(false, accepter.input("transitGatewayDefaultRouteTablePropagation"));
        assertEquals(Map.of("team", "net", "Name", "team-accepter"), accepter.map("tags"));
        for (String wiring : List.of("team-tgw-association", "team-tgw-propagation")) {
            assertEquals(List.of(accepter.urnNow()), run.named(wiring).dependencies(), wiring);
            assertEquals(ATTACHMENT_ID, run.named(wiring).input("transitGatewayAttachmentId"));
        }
    }
}
