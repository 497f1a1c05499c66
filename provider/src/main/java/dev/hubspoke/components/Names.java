package dev.hubspoke.components;

import com.pulumi.core.Output;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place resource names and tags come from. Every child of a component is named
 * {@code <component name>-<role>} or {@code <component name>-<role>-<az index>} (e.g.
 * {@code net-tgw-rt-0}, {@code net-nat-1}): derived from inputs only, never from cloud ids, so a
 * second {@code pulumi up} and an added AZ or spoke leave existing names alone.
 *
 * <p>Tags: every taggable child gets the user's tags plus {@code Name} = its resource name. The
 * {@code Name} tag wins over a user tag of the same key: one user-supplied {@code Name} would
 * otherwise label every subnet, route table and gateway alike, and the console would no longer
 * tell them apart. The merge is an {@code applyValue} on the user's tags, so secret tags stay
 * secret on every child.
 */
record Names(String prefix, Output<Map<String, String>> userTags) {

    static final String NAME_TAG = "Name";

    /** {@code <prefix>-<role>}, e.g. {@code net-vpc}. */
    String of(String role) {
        return prefix + "-" + role;
    }

    /** {@code <prefix>-<role>-<azIndex>}, e.g. {@code net-tgw-rt-0}. */
    String of(String role, int azIndex) {
        return of(role) + "-" + azIndex;
    }

    /** The user's tags plus {@code Name = resourceName}, secret when the user's tags are. */
    Output<Map<String, String>> tags(String resourceName) {
        return userTags.applyValue(user -> merge(user, resourceName));
    }

    /** The pure merge behind {@link #tags}: user tags in their order, then {@code Name}, which wins. */
    static Map<String, String> merge(Map<String, String> userTags, String resourceName) {
        var merged = new LinkedHashMap<String, String>();
        if (userTags != null) {
            merged.putAll(userTags);
        }
        merged.remove(NAME_TAG);
        merged.put(NAME_TAG, resourceName);
        return merged;
    }
}
