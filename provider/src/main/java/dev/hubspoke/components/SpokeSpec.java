package dev.hubspoke.components;

import java.util.Optional;

/** One spoke of a {@code HubAndSpoke}: the {@code hubspoke:index:SpokeSpec} type of schema.json. */
public record SpokeSpec(
        String name,
        String cidrBlock,
        boolean workload,
        boolean ssmEndpoints,
        Optional<Integer> workloadSubnetPrefixLength) {
}
