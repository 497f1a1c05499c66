package dev.hubspoke.components;

import com.pulumi.core.Output;

import java.util.List;
import java.util.Map;

/**
 * The contract's defaults (see schema.json). The schema layer fills them in before building an
 * Args record; the components apply them again where a Java caller left a field {@code null}, so
 * a record built by hand behaves like one built from the schema.
 */
public final class Defaults {

    public static final String SUPERNET_CIDR_BLOCK = "10.0.0.0/8";
    public static final String INSPECTION_CIDR_BLOCK = "10.129.0.0/24";
    public static final String HUB_DESCRIPTION = "hubspoke Transit Gateway";
    public static final int AMAZON_SIDE_ASN = 64512;
    public static final List<String> ALLOWED_DOMAINS = List.of(".amazon.com");
    public static final int AZ_COUNT_WITHOUT_LIST = 2;
    public static final int LOG_RETENTION_DAYS = 30;
    public static final int TGW_SUBNET_PREFIX_LENGTH = 28;
    public static final String INSTANCE_TYPE = "t3.micro";
    public static final NatGatewayMode NAT_GATEWAYS = NatGatewayMode.PER_AZ;
    /** Latest Amazon Linux 2023 x86_64 AMI, published by AWS as a public SSM parameter. */
    public static final String AMI_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
    public static final List<SpokeSpec> SPOKES = List.of(
            new SpokeSpec("spoke1", "10.0.0.0/16", true, java.util.Optional.empty(), java.util.Optional.empty()),
            new SpokeSpec("spoke2", "10.1.0.0/16", true, java.util.Optional.empty(), java.util.Optional.empty()));

    private Defaults() {
    }

    static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    static <T> List<T> list(List<T> value) {
        return value == null ? List.of() : value;
    }

    static Output<Map<String, String>> tags(Output<Map<String, String>> tags) {
        return tags == null ? Output.of(Map.of()) : tags;
    }
}
