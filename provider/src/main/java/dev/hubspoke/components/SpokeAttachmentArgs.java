package dev.hubspoke.components;

import com.pulumi.core.Output;

import java.util.Map;

/** Inputs of {@code hubspoke:index:SpokeAttachment}; mirrors its schema.json entry. */
public record SpokeAttachmentArgs(
        Output<String> attachmentId,
        Output<String> spokeRouteTableId,
        Output<String> inspectionRouteTableId,
        boolean acceptAttachment,
        Output<Map<String, String>> tags) {
}
