package dev.hubspoke.components;

import com.pulumi.core.Output;

import java.util.Map;

/** Inputs of {@code hubspoke:index:Hub}; mirrors its schema.json entry. */
public record HubArgs(
        String description,
        int amazonSideAsn,
        Output<Map<String, String>> tags) {
}
