package dev.hubspoke.components;

import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.test.PulumiTest;
import dev.hubspoke.plan.StandInAws;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static dev.hubspoke.components.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hub.shareWith: the Transit Gateway shared through AWS RAM, and autoAcceptSharedAttachments. */
class SharingTest {

    private static final ComponentResourceOptions NONE = ComponentResourceOptions.Empty;

    @Test
    void aSharedHubPutsItsTransitGatewayInOneShareWithAPrincipalAssociationPerEntry() {
        var hub = new AtomicReference<Hub>();
        var run = MockRun.ok(ctx -> hub.set(new Hub("hub", hub(List.of(ACCOUNT, OU, ORGANIZATION), false), NONE)));

        assertEquals(1, run.ofType(RESOURCE_SHARE).size());
        String shareArn = StandInAws.arnOf(RESOURCE_SHARE, "hub-share");
        var share = run.named("hub-share");
        assertEquals("hub-share", share.input("name"));
        assertEquals(true, share.input("allowExternalPrincipals"));
        assertEquals(Map.of("team", "net", "Name", "hub-share"), share.map("tags"));

        var association = run.named("hub-share-tgw");
        assertEquals(RESOURCE_ASSOCIATION, association.type());
        assertEquals(StandInAws.arnOf(TGW, "hub-tgw"), association.input("resourceArn"));
        assertEquals(shareArn, association.input("resourceShareArn"));

        // Named by the principal, not its position: dropping one entry leaves the others alone.
        assertEquals(Map.of("hub-share-111122223333", ACCOUNT, "hub-share-ou-ab12-cdef5678", OU,
                        "hub-share-o-a1b2c3d4e5", ORGANIZATION),
                Map.copyOf(run.ofType(PRINCIPAL_ASSOCIATION).stream().collect(java.util.stream.Collectors.toMap(
                        MockRun.Registration::name, r -> (String) r.input("principal")))));
        run.ofType(PRINCIPAL_ASSOCIATION).forEach(p -> assertEquals(shareArn, p.input("resourceShareArn")));

        var component = run.named("hub");
        assertEquals(run.all().size() - 1, run.childrenOf(component).size(), "every RAM resource is the Hub's child");
        assertEquals(shareArn, PulumiTest.extractValue(hub.get().outputs().get("resourceShareArn")));
    }

    @Test
    void principalsOutsideTheOrganizationAreAllowedOnlyWhenAnAccountIsListed() {
        var run = MockRun.ok(ctx -> new Hub("hub", hub(List.of(OU, ORGANIZATION), false), NONE));

        assertEquals(false, run.named("hub-share").input("allowExternalPrincipals"));
    }

    @Test
    void anUnsharedHubHasNoShareAndLeavesAttachmentsToBeAccepted() {
        var hub = new AtomicReference<Hub>();
        var run = MockRun.ok(ctx -> hub.set(new Hub("hub", hub(List.of(), false), NONE)));

        assertEquals(List.of(), run.ofType(RESOURCE_SHARE));
        assertEquals(List.of(), run.ofType(RESOURCE_ASSOCIATION));
        assertEquals(List.of(), run.ofType(PRINCIPAL_ASSOCIATION));
        assertEquals("disable", run.named("hub-tgw").input("autoAcceptSharedAttachments"));
        assertFalse(hub.get().outputs().containsKey("resourceShareArn"));
        // Only an ARN needs the partition: an unshared hub asks nothing.
        assertTrue(run.invokes().isEmpty(), "invokes: " + run.invokes());
    }

    @Test
    void autoAcceptSharedAttachmentsTurnsOnTheTransitGatewaysAutoAccept() {
        var run = MockRun.ok(ctx -> new Hub("hub", hub(List.of(ACCOUNT), true), NONE));

        assertEquals("enable", run.named("hub-tgw").input("autoAcceptSharedAttachments"));
    }

    @Test
    void hubAndSpokeSharesItsHubAndPassesTheShareOn() {
        var net = new AtomicReference<HubAndSpoke>();
        var run = MockRun.ok(ctx -> net.set(new HubAndSpoke("net", hubAndSpoke(
                List.of(new SpokeSpec("app", "10.0.0.0/16", false, false, java.util.Optional.empty())),
                List.of(ORGANIZATION), true), NONE)));

        assertEquals("enable", run.named("net-hub-tgw").input("autoAcceptSharedAttachments"));
        assertEquals(ORGANIZATION, run.named("net-hub-share-o-a1b2c3d4e5").input("principal"));
        String shareArn = StandInAws.arnOf(RESOURCE_SHARE, "net-hub-share");
        assertEquals(shareArn, PulumiTest.extractValue(net.get().outputs().get("resourceShareArn")));
        Map<?, ?> book = (Map<?, ?>) PulumiTest.extractValue(net.get().outputs().get("addressBook"));
        assertEquals(shareArn, ((Map<?, ?>) book.get("app")).get("resourceShareArn"));
    }
}
