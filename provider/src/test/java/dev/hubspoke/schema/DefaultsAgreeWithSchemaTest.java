package dev.hubspoke.schema;

import com.pulumi.provider.internal.properties.PropertyValue;
import dev.hubspoke.components.Defaults;
import dev.hubspoke.components.FirewallPolicyArgs;
import dev.hubspoke.components.HubAndSpokeArgs;
import dev.hubspoke.components.HubArgs;
import dev.hubspoke.components.InspectionVpcArgs;
import dev.hubspoke.components.SpokeVpcArgs;
import dev.hubspoke.components.SpokeWorkloadArgs;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The components fall back to {@link Defaults} when a Java caller leaves a field null, and the
 * decoder applies schema.json's defaults: the two must say the same, or a program would get a
 * different network from Java than from every other language.
 */
class DefaultsAgreeWithSchemaTest {

    private static final Map<String, PropertyValue> HUB_IDS = Map.of(
            "transitGatewayId", PropertyValue.of("tgw-1"),
            "spokeRouteTableId", PropertyValue.of("tgw-rtb-1"),
            "inspectionRouteTableId", PropertyValue.of("tgw-rtb-2"));

    private static Map<String, PropertyValue> with(Map<String, PropertyValue> base, String key, String value) {
        var inputs = new java.util.HashMap<>(base);
        inputs.put(key, PropertyValue.of(value));
        return inputs;
    }

    @Test
    void hubAndSpokeDefaultsMatchTheComponentFallbacks() {
        var args = (HubAndSpokeArgs) InputDecoder.decode("hubspoke:index:HubAndSpoke", "net", Map.of());

        assertEquals(Defaults.SUPERNET_CIDR_BLOCK, args.supernetCidrBlock());
        assertEquals(Defaults.INSPECTION_CIDR_BLOCK, args.inspectionCidrBlock());
        assertEquals(Defaults.SPOKES, args.spokes());
        assertEquals(Defaults.ALLOWED_DOMAINS, args.allowedDomains());
        assertEquals(Defaults.AMAZON_SIDE_ASN, args.amazonSideAsn());
        assertEquals(Defaults.LOG_RETENTION_DAYS, args.logRetentionDays());
        assertEquals(Defaults.NAT_GATEWAYS, args.natGateways());
    }

    @Test
    void buildingBlockDefaultsMatchTheComponentFallbacks() {
        var hub = (HubArgs) InputDecoder.decode("hubspoke:index:Hub", "hub", Map.of());
        assertEquals(Defaults.HUB_DESCRIPTION, hub.description());
        assertEquals(Defaults.AMAZON_SIDE_ASN, hub.amazonSideAsn());

        var policy = (FirewallPolicyArgs) InputDecoder.decode("hubspoke:index:FirewallPolicy", "policy", Map.of());
        assertEquals(Defaults.SUPERNET_CIDR_BLOCK, policy.supernetCidrBlock());
        assertEquals(Defaults.ALLOWED_DOMAINS, policy.allowedDomains());

        var inspection = (InspectionVpcArgs) InputDecoder.decode("hubspoke:index:InspectionVpc", "inspection",
                with(HUB_IDS, "cidrBlock", "10.129.0.0/24"));
        assertEquals(Defaults.SUPERNET_CIDR_BLOCK, inspection.supernetCidrBlock());
        assertEquals(Defaults.NAT_GATEWAYS, inspection.natGateways());
        assertEquals(Defaults.LOG_RETENTION_DAYS, inspection.logRetentionDays());

        var spoke = (SpokeVpcArgs) InputDecoder.decode("hubspoke:index:SpokeVpc", "spoke",
                with(HUB_IDS, "cidrBlock", "10.0.0.0/16"));
        assertEquals(Defaults.TGW_SUBNET_PREFIX_LENGTH, spoke.tgwSubnetPrefixLength());
        assertEquals(Defaults.LOG_RETENTION_DAYS, spoke.logRetentionDays());

        var workload = (SpokeWorkloadArgs) InputDecoder.decode("hubspoke:index:SpokeWorkload", "workload", Map.of(
                "vpcId", PropertyValue.of("vpc-1"), "subnetId", PropertyValue.of("subnet-1")));
        assertEquals(Defaults.INSTANCE_TYPE, workload.instanceType());
    }
}
