package dev.hubspoke.components;

import java.util.Optional;

/**
 * One spoke of a {@code HubAndSpoke}: the {@code hubspoke:index:SpokeSpec} type of schema.json.
 * {@code ssmEndpoints} is empty when the user did not say: the spoke then gets the endpoints
 * exactly when it has a workload, whose probe is reached through Session Manager.
 */
public record SpokeSpec(
        String name,
        String cidrBlock,
        boolean workload,
        Optional<Boolean> ssmEndpoints,
        Optional<Integer> workloadSubnetPrefixLength) {

    public SpokeSpec {
        ssmEndpoints = ssmEndpoints == null ? Optional.empty() : ssmEndpoints;
        workloadSubnetPrefixLength = workloadSubnetPrefixLength == null ? Optional.empty() : workloadSubnetPrefixLength;
    }

    /** A spoke whose SSM endpoints are switched explicitly. */
    public SpokeSpec(String name, String cidrBlock, boolean workload, boolean ssmEndpoints,
                     Optional<Integer> workloadSubnetPrefixLength) {
        this(name, cidrBlock, workload, Optional.of(ssmEndpoints), workloadSubnetPrefixLength);
    }

    /** Whether the spoke gets SSM interface endpoints: as the user said, else when it has a workload. */
    public boolean wantsSsmEndpoints() {
        return ssmEndpoints.orElse(workload);
    }
}
