package dev.hubspoke.components;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.test.PulumiTest;
import dev.hubspoke.plan.StandInAws;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static dev.hubspoke.components.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HubAndSpoke spokes with external: true, built in other stacks, and the addressBook that tells those stacks their part. */
class ExternalSpokesTest {

    private static final ComponentResourceOptions NONE = ComponentResourceOptions.Empty;
    private static final SpokeSpec APP = new SpokeSpec("app", "10.0.0.0/16", false, false, Optional.empty());

    private static SpokeSpec team(Optional<Boolean> accept) {
        return SpokeSpec.external("team", "10.1.0.0/16", Optional.of(Output.of(ATTACHMENT_ID)), accept);
    }

    @Test
    void anExternalSpokeIsInTheAddressBookButNothingIsBuiltForIt() {
        var net = new AtomicReference<HubAndSpoke>();
        var run = MockRun.ok(ctx -> net.set(new HubAndSpoke("net", hubAndSpoke(
                List.of(APP, SpokeSpec.external("team", "10.1.0.0/16", Optional.empty(), Optional.empty())),
                List.of(), false), NONE)));

        assertEquals(java.util.Set.of(), run.names(r -> r.name().startsWith("net-team")));
        var outputs = net.get().outputs();
        assertEquals(Map.of("app", run.named("net-app-vpc").id()), PulumiTest.extractValue(outputs.get("spokeVpcIds")));
        assertEquals(List.of("app"), List.copyOf(((Map<?, ?>) PulumiTest.extractValue(outputs.get("spokeAttachmentIds"))).keySet()));

        Map<?, ?> book = (Map<?, ?>) PulumiTest.extractValue(outputs.get("addressBook"));
        assertEquals(List.of("app", "team"), List.copyOf(book.keySet()));
        String tgw = run.named("net-hub-tgw").id();
        assertEquals(Map.of("cidrBlock", "10.1.0.0/16", "availabilityZoneIds", ZONE_IDS, "transitGatewayId", tgw),
                book.get("team"));
        assertEquals(Map.of("cidrBlock", "10.0.0.0/16", "availabilityZoneIds", ZONE_IDS, "transitGatewayId", tgw),
                book.get("app"));
    }

    @Test
    void withItsAttachmentIdTheExternalSpokeIsAcceptedAssociatedAndPropagatedLikeALocalOne() {
        var net = new AtomicReference<HubAndSpoke>();
        var run = MockRun.ok(ctx -> net.set(new HubAndSpoke("net", hubAndSpoke(
                List.of(APP, team(Optional.empty())), List.of(ACCOUNT), false), NONE)));

        var attachment = run.named("net-team");
        assertEquals(SpokeAttachment.TYPE, attachment.type());
        assertEquals(run.named("net").urnNow(), attachment.parentUrn());
        assertEquals(ATTACHMENT_ID, run.named("net-team-accepter").input("transitGatewayAttachmentId"));
        assertEquals(run.named("net-hub-spoke-rt").id(), run.named("net-team-tgw-association").input("transitGatewayRouteTableId"));
        assertEquals(run.named("net-hub-inspection-rt").id(), run.named("net-team-tgw-propagation").input("transitGatewayRouteTableId"));
        // The local spoke's wiring is the same one.
        assertEquals(run.named("net-hub-spoke-rt").id(), run.named("net-app-tgw-association").input("transitGatewayRouteTableId"));
        assertEquals(Map.of("app", run.named("net-app-tgw-attachment").id(), "team", ATTACHMENT_ID),
                PulumiTest.extractValue(net.get().outputs().get("spokeAttachmentIds")));
    }

    @Test
    void noAccepterWhenAwsAcceptsOnItsOwnOrTheSpokeIsInTheOwnersAccount() {
        var auto = MockRun.ok(ctx -> new HubAndSpoke("net", hubAndSpoke(List.of(team(Optional.empty())), List.of(), true), NONE));
        var sameAccount = MockRun.ok(ctx -> new HubAndSpoke("net", hubAndSpoke(List.of(team(Optional.of(false))), List.of(), false), NONE));

        for (var run : List.of(auto, sameAccount)) {
            assertEquals(List.of(), run.ofType(TGW_ACCEPTER));
            assertEquals(ATTACHMENT_ID, run.named("net-team-tgw-association").input("transitGatewayAttachmentId"));
            assertTrue(run.named("net-team-tgw-association").dependencies().stream().noneMatch(d -> d.contains("Accepter")));
        }
    }

    @Test
    void aLocalSpokesAttachmentKeepsTheInputsItWasCreatedWith() {
        var run = MockRun.ok(ctx -> new HubAndSpoke("net", hubAndSpoke(List.of(APP, team(Optional.empty())),
                List.of(ORGANIZATION), false), NONE));

        var attachment = run.named("net-app-tgw-attachment");
        assertEquals(false, attachment.input("transitGatewayDefaultRouteTableAssociation"));
        assertEquals(false, attachment.input("transitGatewayDefaultRouteTablePropagation"));
        assertFalse(run.has("net-app-accepter"));
        assertEquals(StandInAws.idOf(TGW, "net-hub-tgw"), attachment.input("transitGatewayId"));
    }
}
