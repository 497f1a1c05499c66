package dev.hubspoke.components;

import java.util.Arrays;
import java.util.Optional;

/** How many NAT gateways the inspection VPC runs: one per AZ, or one shared by all AZs. */
public enum NatGatewayMode {
    PER_AZ("perAz"),
    SINGLE("single");

    private final String schemaValue;

    NatGatewayMode(String schemaValue) {
        this.schemaValue = schemaValue;
    }

    /** The value as written in schema.json and in user programs. */
    public String schemaValue() {
        return schemaValue;
    }

    public static Optional<NatGatewayMode> fromSchemaValue(String value) {
        return Arrays.stream(values()).filter(m -> m.schemaValue.equals(value)).findFirst();
    }
}
