package dev.hubspoke.components;

import com.pulumi.core.Output;

import java.util.List;
import java.util.Map;

/** Inputs of {@code hubspoke:index:Hub}; mirrors its schema.json entry. */
public record HubArgs(
        String description,
        int amazonSideAsn,
        Output<Map<String, String>> tags,
        List<String> shareWith,
        boolean autoAcceptSharedAttachments) {

    public HubArgs {
        shareWith = Defaults.list(shareWith);
    }

    /** The inputs before sharing existed: a Transit Gateway for this account only. */
    public HubArgs(String description, int amazonSideAsn, Output<Map<String, String>> tags) {
        this(description, amazonSideAsn, tags, List.of(), false);
    }
}
