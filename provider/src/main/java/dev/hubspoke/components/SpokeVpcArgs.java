package dev.hubspoke.components;

import com.pulumi.core.Output;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Inputs of {@code hubspoke:index:SpokeVpc}; mirrors its schema.json entry. */
public record SpokeVpcArgs(
        String cidrBlock,
        Output<String> transitGatewayId,
        Optional<Output<String>> spokeRouteTableId,
        Optional<Output<String>> inspectionRouteTableId,
        List<String> availabilityZones,
        Optional<Integer> azCount,
        Optional<Integer> workloadSubnetPrefixLength,
        int tgwSubnetPrefixLength,
        boolean ssmEndpoints,
        boolean flowLogs,
        int logRetentionDays,
        Output<Map<String, String>> tags,
        Map<String, AddressBookEntry> addressBook,
        Optional<String> addressBookEntry) {

    public SpokeVpcArgs {
        spokeRouteTableId = spokeRouteTableId == null ? Optional.empty() : spokeRouteTableId;
        inspectionRouteTableId = inspectionRouteTableId == null ? Optional.empty() : inspectionRouteTableId;
        addressBook = addressBook == null ? Map.of() : addressBook;
        addressBookEntry = addressBookEntry == null ? Optional.empty() : addressBookEntry;
    }

    /** A spoke on a Transit Gateway of its own account, whose route tables it wires itself (the inputs before sharing). */
    public SpokeVpcArgs(String cidrBlock, Output<String> transitGatewayId, Output<String> spokeRouteTableId,
                        Output<String> inspectionRouteTableId, List<String> availabilityZones, Optional<Integer> azCount,
                        Optional<Integer> workloadSubnetPrefixLength, int tgwSubnetPrefixLength, boolean ssmEndpoints,
                        boolean flowLogs, int logRetentionDays, Output<Map<String, String>> tags) {
        this(cidrBlock, transitGatewayId, Optional.ofNullable(spokeRouteTableId), Optional.ofNullable(inspectionRouteTableId),
                availabilityZones, azCount, workloadSubnetPrefixLength, tgwSubnetPrefixLength, ssmEndpoints, flowLogs,
                logRetentionDays, tags, Map.of(), Optional.empty());
    }
}
