package dev.hubspoke.components;

import com.pulumi.core.Output;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Inputs of {@code hubspoke:index:SpokeVpc}; mirrors its schema.json entry. */
public record SpokeVpcArgs(
        String cidrBlock,
        Output<String> transitGatewayId,
        Output<String> spokeRouteTableId,
        Output<String> inspectionRouteTableId,
        List<String> availabilityZones,
        Optional<Integer> azCount,
        Optional<Integer> workloadSubnetPrefixLength,
        int tgwSubnetPrefixLength,
        boolean ssmEndpoints,
        boolean flowLogs,
        int logRetentionDays,
        Output<Map<String, String>> tags) {
}
