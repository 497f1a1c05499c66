package dev.hubspoke.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.internal.Internal;
import com.pulumi.provider.internal.properties.PropertyValue;
import com.pulumi.provider.internal.properties.PropertyValue.OutputReference;
import dev.hubspoke.components.AddressBookEntry;
import dev.hubspoke.components.HubAndSpokeArgs;
import dev.hubspoke.components.HubArgs;
import dev.hubspoke.components.SpokeAttachmentArgs;
import dev.hubspoke.components.SpokeVpcArgs;
import dev.hubspoke.net.InvalidNetworkException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Decoding the inputs of sharing across accounts as the engine sends them. */
class SharingInputsTest {

    private static final String SPOKE = "hubspoke:index:SpokeVpc";
    private static final String BOOK = """
            {"team": {"cidrBlock": "10.7.0.0/16", "availabilityZoneIds": ["use1-az1", "use1-az2"],
                      "transitGatewayId": "tgw-1", "resourceShareArn": "arn:aws:ram:us-east-1:111122223333:resource-share/x"},
             "other": {"cidrBlock": "10.8.0.0/16", "availabilityZoneIds": ["use1-az1"], "transitGatewayId": "tgw-1"}}""";

    private static PropertyValue json(String text) {
        try {
            return InputDecoder.fromJson(new ObjectMapper().readTree(text));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, PropertyValue> spoke(Map<String, PropertyValue> more) {
        var inputs = new HashMap<String, PropertyValue>(Map.of(
                "cidrBlock", PropertyValue.of("10.7.0.0/16"), "transitGatewayId", PropertyValue.of("tgw-1")));
        inputs.putAll(more);
        return inputs;
    }

    @Test
    void aSpokeOnASharedTransitGatewayNeedsNoRouteTableIdsAndReadsItsAddressBook() {
        var args = (SpokeVpcArgs) InputDecoder.decode(SPOKE, "team", spoke(Map.of(
                "addressBook", json(BOOK), "addressBookEntry", PropertyValue.of("team"))));

        assertEquals(Optional.empty(), args.spokeRouteTableId());
        assertEquals(Optional.empty(), args.inspectionRouteTableId());
        assertEquals(Optional.of("team"), args.addressBookEntry());
        assertEquals(Map.of(
                "team", new AddressBookEntry("10.7.0.0/16", List.of("use1-az1", "use1-az2"), "tgw-1",
                        Optional.of("arn:aws:ram:us-east-1:111122223333:resource-share/x")),
                "other", new AddressBookEntry("10.8.0.0/16", List.of("use1-az1"), "tgw-1", Optional.empty())),
                args.addressBook());
    }

    @Test
    void withoutAnAddressBookItIsEmpty() {
        var args = (SpokeVpcArgs) InputDecoder.decode(SPOKE, "team", spoke(Map.of()));
        assertEquals(Map.of(), args.addressBook());
        assertEquals(Optional.empty(), args.addressBookEntry());
    }

    @Test
    void anAddressBookEntryWithoutItsBlockIsRefusedAtItsPath() {
        var e = assertThrows(InvalidNetworkException.class, () -> InputDecoder.decode(SPOKE, "team", spoke(Map.of(
                "addressBook", json("{\"team\": {\"transitGatewayId\": \"tgw-1\"}}"),
                "addressBookEntry", PropertyValue.of("team")))));
        assertEquals("addressBook.team.cidrBlock", e.propertyPath());
        assertTrue(e.problem().contains("is required"), e.problem());
    }

    @Test
    void anAddressBookNotKnownYetIsRefusedBecauseThePlanNeedsIt() {
        var e = assertThrows(InvalidNetworkException.class, () -> InputDecoder.decode(SPOKE, "team", spoke(Map.of(
                "addressBook", PropertyValue.of(new OutputReference(null, Set.of("urn:pulumi:dev::team::pulumi:pulumi:StackReference::platform")))))));
        assertEquals("addressBook", e.propertyPath());
        assertTrue(e.problem().contains("is unknown at this time"), e.problem());
    }

    @Test
    void spokeAttachmentTakesAnAttachmentIdNotKnownYetAndAcceptsNothingByDefault() {
        String ref = "urn:pulumi:dev::platform::pulumi:pulumi:StackReference::team";
        var args = (SpokeAttachmentArgs) InputDecoder.decode("hubspoke:index:SpokeAttachment", "team", Map.of(
                "attachmentId", PropertyValue.of(new OutputReference(null, Set.of(ref))),
                "spokeRouteTableId", PropertyValue.of("tgw-rtb-1"),
                "inspectionRouteTableId", PropertyValue.of("tgw-rtb-2")));

        var id = Internal.of(args.attachmentId()).getDataAsync().join();
        assertFalse(id.isKnown());
        assertFalse(args.acceptAttachment());
    }

    @Test
    void sharingDefaultsToNoneAndExternalSpokesCarryTheirAttachment() {
        var hub = (HubArgs) InputDecoder.decode("hubspoke:index:Hub", "hub", Map.of());
        assertEquals(List.of(), hub.shareWith());
        assertFalse(hub.autoAcceptSharedAttachments());

        var net = (HubAndSpokeArgs) InputDecoder.decode("hubspoke:index:HubAndSpoke", "net", json("""
                {"shareWith": ["111122223333"], "autoAcceptSharedAttachments": true,
                 "spokes": [{"name": "app", "cidrBlock": "10.0.0.0/16"},
                            {"name": "team", "cidrBlock": "10.1.0.0/16", "external": true,
                             "attachmentId": "tgw-attach-1", "acceptAttachment": false}]}""").getObjectValue());
        assertEquals(List.of("111122223333"), net.shareWith());
        assertTrue(net.autoAcceptSharedAttachments());
        var app = net.spokes().get(0);
        assertFalse(app.external());
        assertEquals(Optional.empty(), app.attachmentId());
        assertEquals(Optional.empty(), app.acceptAttachment());
        var team = net.spokes().get(1);
        assertTrue(team.external());
        assertEquals("tgw-attach-1", Internal.of(team.attachmentId().orElseThrow()).getDataAsync().join().getValueNullable());
        assertEquals(Optional.of(false), team.acceptAttachment());
    }
}
