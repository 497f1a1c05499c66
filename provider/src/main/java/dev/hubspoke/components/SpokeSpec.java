package dev.hubspoke.components;

import com.pulumi.core.Output;

import java.util.Optional;

/**
 * One spoke of a {@code HubAndSpoke}: the {@code hubspoke:index:SpokeSpec} type of schema.json.
 * {@code ssmEndpoints} is empty when the user did not say: the spoke then gets the endpoints
 * exactly when it has a workload, whose probe is reached through Session Manager. An
 * {@code external} spoke is built in another stack: only its block (and, with {@code attachmentId},
 * its attachment's place on the hub) belongs to this one.
 */
public record SpokeSpec(
        String name,
        String cidrBlock,
        boolean workload,
        Optional<Boolean> ssmEndpoints,
        Optional<Integer> workloadSubnetPrefixLength,
        boolean external,
        Optional<Output<String>> attachmentId,
        Optional<Boolean> acceptAttachment) {

    public SpokeSpec {
        ssmEndpoints = ssmEndpoints == null ? Optional.empty() : ssmEndpoints;
        workloadSubnetPrefixLength = workloadSubnetPrefixLength == null ? Optional.empty() : workloadSubnetPrefixLength;
        attachmentId = attachmentId == null ? Optional.empty() : attachmentId;
        acceptAttachment = acceptAttachment == null ? Optional.empty() : acceptAttachment;
    }

    /** A spoke this component builds (the inputs before external spokes existed). */
    public SpokeSpec(String name, String cidrBlock, boolean workload, Optional<Boolean> ssmEndpoints,
                     Optional<Integer> workloadSubnetPrefixLength) {
        this(name, cidrBlock, workload, ssmEndpoints, workloadSubnetPrefixLength, false, Optional.empty(), Optional.empty());
    }

    /** A spoke whose SSM endpoints are switched explicitly. */
    public SpokeSpec(String name, String cidrBlock, boolean workload, boolean ssmEndpoints,
                     Optional<Integer> workloadSubnetPrefixLength) {
        this(name, cidrBlock, workload, Optional.of(ssmEndpoints), workloadSubnetPrefixLength);
    }

    /** A spoke built in another stack, with its attachment id once that stack has run. */
    public static SpokeSpec external(String name, String cidrBlock, Optional<Output<String>> attachmentId,
                                     Optional<Boolean> acceptAttachment) {
        return new SpokeSpec(name, cidrBlock, false, Optional.empty(), Optional.empty(), true, attachmentId,
                acceptAttachment);
    }

    /** Whether the spoke gets SSM interface endpoints: as the user said, else when it has a workload. */
    public boolean wantsSsmEndpoints() {
        return ssmEndpoints.orElse(workload);
    }

    /** Whether this component accepts the external spoke's attachment: as the user said, else when AWS does not. */
    boolean accepts(boolean autoAcceptSharedAttachments) {
        return acceptAttachment.orElse(!autoAcceptSharedAttachments);
    }
}
