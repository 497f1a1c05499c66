package dev.hubspoke.components;

import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.test.PulumiTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static dev.hubspoke.components.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SpokeVpc in another stack and account: its half of the attachment, zones by AZ ID from an address book. */
class SharedSpokeVpcTest {

    private static final ComponentResourceOptions NONE = ComponentResourceOptions.Empty;

    @Test
    void withoutTheHubsRouteTablesItBuildsItsVpcAndAttachmentAndNothingOnTheTransitGatewaysTables() {
        var run = MockRun.ok(ctx -> new SpokeVpc("team", sharedSpoke("10.7.0.0/16", List.of(), java.util.Map.of(), null),
                NONE));

        assertEquals(List.of(), run.ofType(TGW_ASSOCIATION));
        assertEquals(List.of(), run.ofType(TGW_PROPAGATION));
        var attachment = run.named("team-tgw-attachment");
        assertEquals(TGW_ID, attachment.input("transitGatewayId"));
        // AWS lets only the Transit Gateway's owner set these.
        assertFalse(attachment.inputs().containsKey("transitGatewayDefaultRouteTableAssociation"));
        assertFalse(attachment.inputs().containsKey("transitGatewayDefaultRouteTablePropagation"));
        assertEquals(2, run.ofType(ROUTE).stream().filter(r -> TGW_ID.equals(r.input("transitGatewayId"))).count());
    }

    @Test
    void aSpokeOnItsOwnAccountsTransitGatewayKeepsTheAttachmentInputsItWasCreatedWith() {
        var run = MockRun.ok(ctx -> new SpokeVpc("app", spoke("10.0.0.0/16", 2, false, false), NONE));

        var attachment = run.named("app-tgw-attachment");
        assertEquals(false, attachment.input("transitGatewayDefaultRouteTableAssociation"));
        assertEquals(false, attachment.input("transitGatewayDefaultRouteTablePropagation"));
        assertEquals(1, run.ofType(TGW_ASSOCIATION).size());
        assertEquals(1, run.ofType(TGW_PROPAGATION).size());
        // Zones by name stay zones by name: no subnet gains an availabilityZoneId input.
        run.ofType(SUBNET).forEach(s -> assertNull(s.input("availabilityZoneId"), s.name()));
    }

    @Test
    void theAddressBookGivesTheHubsPhysicalZonesByAzId() {
        var spoke = new AtomicReference<SpokeVpc>();
        var run = MockRun.ok(ctx -> spoke.set(new SpokeVpc("team",
                sharedSpoke("10.7.0.0/16", List.of(), book("10.7.0.0/16"), "team"), NONE)));

        for (String subnet : List.of("team-workload-0", "team-tgw-0", "team-workload-1", "team-tgw-1")) {
            var registered = run.named(subnet);
            assertEquals(ZONE_IDS.get(subnet.endsWith("0") ? 0 : 1), registered.input("availabilityZoneId"), subnet);
            assertNull(registered.input("availabilityZone"), subnet);
        }
        var outputs = spoke.get().outputs();
        assertEquals(ZONE_IDS, PulumiTest.extractValue(outputs.get("availabilityZoneIds")));
        // Names as this account's AWS reports them for those zones.
        assertEquals(List.of("us-east-1a", "us-east-1b"), PulumiTest.extractValue(outputs.get("availabilityZones")));
        assertEquals("10.7.0.0/16", PulumiTest.extractValue(outputs.get("cidrBlock")));
        assertTrue(run.invokes().isEmpty(), "zones from the book need no lookup: " + run.invokes());
    }

    @Test
    void listedAzIdsThatAreTheBooksAreAccepted() {
        var run = MockRun.ok(ctx -> new SpokeVpc("team",
                sharedSpoke("10.7.0.0/16", List.of("use1-az1"), book("10.7.0.0/16"), "team"), NONE));

        assertEquals(1, run.ofType(SUBNET).stream().filter(s -> s.name().startsWith("team-workload")).count());
        assertEquals("use1-az1", run.named("team-workload-0").input("availabilityZoneId"));
    }

    @Test
    void zonesByNameAreLookedUpAndReportedByAzIdToo() {
        var spoke = new AtomicReference<SpokeVpc>();
        MockRun.ok(ctx -> spoke.set(new SpokeVpc("app", spoke("10.0.0.0/16", 2, false, false), NONE)));

        assertEquals(ZONE_IDS, PulumiTest.extractValue(spoke.get().outputs().get("availabilityZoneIds")));
    }
}
