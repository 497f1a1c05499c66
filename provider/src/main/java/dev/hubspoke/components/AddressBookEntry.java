package dev.hubspoke.components;

import java.util.List;
import java.util.Optional;

/**
 * One spoke's entry of a HubAndSpoke's {@code addressBook}: the {@code hubspoke:index:AddressBookEntry}
 * type of schema.json, what a spoke stack (often in another account) needs to build its part.
 */
public record AddressBookEntry(
        String cidrBlock,
        List<String> availabilityZoneIds,
        String transitGatewayId,
        Optional<String> resourceShareArn) {

    public AddressBookEntry {
        availabilityZoneIds = Defaults.list(availabilityZoneIds);
        resourceShareArn = resourceShareArn == null ? Optional.empty() : resourceShareArn;
    }
}
