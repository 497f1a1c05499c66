package dev.hubspoke.components;

import com.pulumi.core.Output;

import java.util.Map;
import java.util.Optional;

/** Inputs of {@code hubspoke:index:SpokeWorkload}; mirrors its schema.json entry. */
public record SpokeWorkloadArgs(
        Output<String> vpcId,
        Output<String> subnetId,
        String instanceType,
        Optional<Output<String>> amiId,
        Output<Map<String, String>> tags) {
}
