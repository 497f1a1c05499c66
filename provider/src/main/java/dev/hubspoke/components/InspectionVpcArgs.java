package dev.hubspoke.components;

import com.pulumi.core.Output;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Inputs of {@code hubspoke:index:InspectionVpc}; mirrors its schema.json entry. */
public record InspectionVpcArgs(
        String cidrBlock,
        String supernetCidrBlock,
        Output<String> transitGatewayId,
        Output<String> spokeRouteTableId,
        Output<String> inspectionRouteTableId,
        List<String> availabilityZones,
        Optional<Integer> azCount,
        NatGatewayMode natGateways,
        Optional<Output<String>> firewallPolicyArn,
        boolean firewallLogging,
        boolean flowLogs,
        int logRetentionDays,
        Output<Map<String, String>> tags,
        boolean allowPublicSupernet) {

    /** The inputs before allowPublicSupernet existed: a private supernet is required. */
    public InspectionVpcArgs(String cidrBlock, String supernetCidrBlock, Output<String> transitGatewayId,
                             Output<String> spokeRouteTableId, Output<String> inspectionRouteTableId,
                             List<String> availabilityZones, Optional<Integer> azCount, NatGatewayMode natGateways,
                             Optional<Output<String>> firewallPolicyArn, boolean firewallLogging, boolean flowLogs,
                             int logRetentionDays, Output<Map<String, String>> tags) {
        this(cidrBlock, supernetCidrBlock, transitGatewayId, spokeRouteTableId, inspectionRouteTableId,
                availabilityZones, azCount, natGateways, firewallPolicyArn, firewallLogging, flowLogs,
                logRetentionDays, tags, false);
    }
}
