package dev.hubspoke.components;

import com.pulumi.core.Output;

import java.util.List;
import java.util.Map;

/** Inputs of {@code hubspoke:index:FirewallPolicy}; mirrors its schema.json entry. */
public record FirewallPolicyArgs(
        String supernetCidrBlock,
        List<String> allowedDomains,
        boolean allowIcmpWithinSupernet,
        boolean dropSsh,
        List<String> statefulRules,
        Output<Map<String, String>> tags,
        boolean allowPublicSupernet) {

    /** The inputs before allowPublicSupernet existed: a private supernet is required. */
    public FirewallPolicyArgs(String supernetCidrBlock, List<String> allowedDomains, boolean allowIcmpWithinSupernet,
                              boolean dropSsh, List<String> statefulRules, Output<Map<String, String>> tags) {
        this(supernetCidrBlock, allowedDomains, allowIcmpWithinSupernet, dropSsh, statefulRules, tags, false);
    }
}
