package dev.hubspoke.components;

import com.pulumi.core.Output;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Inputs of {@code hubspoke:index:HubAndSpoke}; mirrors its schema.json entry. */
public record HubAndSpokeArgs(
        String supernetCidrBlock,
        String inspectionCidrBlock,
        List<String> availabilityZones,
        Optional<Integer> azCount,
        List<SpokeSpec> spokes,
        boolean firewall,
        List<String> allowedDomains,
        List<String> statefulRules,
        boolean firewallLogging,
        boolean flowLogs,
        int logRetentionDays,
        NatGatewayMode natGateways,
        int amazonSideAsn,
        Output<Map<String, String>> tags,
        boolean allowPublicSupernet,
        List<String> shareWith,
        boolean autoAcceptSharedAttachments) {

    public HubAndSpokeArgs {
        shareWith = Defaults.list(shareWith);
    }

    /** The inputs before sharing existed: the Transit Gateway is this account's only. */
    public HubAndSpokeArgs(String supernetCidrBlock, String inspectionCidrBlock, List<String> availabilityZones,
                           Optional<Integer> azCount, List<SpokeSpec> spokes, boolean firewall,
                           List<String> allowedDomains, List<String> statefulRules, boolean firewallLogging,
                           boolean flowLogs, int logRetentionDays, NatGatewayMode natGateways, int amazonSideAsn,
                           Output<Map<String, String>> tags, boolean allowPublicSupernet) {
        this(supernetCidrBlock, inspectionCidrBlock, availabilityZones, azCount, spokes, firewall, allowedDomains,
                statefulRules, firewallLogging, flowLogs, logRetentionDays, natGateways, amazonSideAsn, tags,
                allowPublicSupernet, List.of(), false);
    }

    /** The inputs before allowPublicSupernet existed: a private supernet is required. */
    public HubAndSpokeArgs(String supernetCidrBlock, String inspectionCidrBlock, List<String> availabilityZones,
                           Optional<Integer> azCount, List<SpokeSpec> spokes, boolean firewall,
                           List<String> allowedDomains, List<String> statefulRules, boolean firewallLogging,
                           boolean flowLogs, int logRetentionDays, NatGatewayMode natGateways, int amazonSideAsn,
                           Output<Map<String, String>> tags) {
        this(supernetCidrBlock, inspectionCidrBlock, availabilityZones, azCount, spokes, firewall, allowedDomains,
                statefulRules, firewallLogging, flowLogs, logRetentionDays, natGateways, amazonSideAsn, tags, false);
    }
}
