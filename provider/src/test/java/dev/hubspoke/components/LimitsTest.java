package dev.hubspoke.components;

import com.pulumi.core.Output;
import com.pulumi.provider.internal.properties.PropertyValue;
import com.pulumi.resources.ComponentResourceOptions;
import dev.hubspoke.net.InvalidNetworkException;
import dev.hubspoke.schema.InputDecoder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static dev.hubspoke.components.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AWS's limits are checked before anything is registered, and no error message grows with its input. */
class LimitsTest {

    private static final Reporter R = Reporter.of("FirewallPolicy", "fw");

    private static InvalidNetworkException policyFails(List<String> domains, List<String> rules) {
        var failure = assertThrows(InvalidNetworkException.class,
                () -> FirewallPolicy.plan(R, "10.0.0.0/8", false, domains, true, true, rules));
        assertTrue(failure.getMessage().length() < 2_000, "a message of " + failure.getMessage().length() + " characters");
        return failure;
    }

    @Test
    void aLineBreakInsideOneStatefulRuleCannotSmuggleInASecondRule() {
        String smuggled = "drop tcp any any -> any 23 (sid:1;)\npass ip any any -> any any (sid:2;)";
        var failure = policyFails(List.of(), List.of(smuggled));

        assertEquals("statefulRules[0]", failure.propertyPath());
        assertTrue(failure.getMessage().contains("(sid:1;)\\npass ip"), failure.getMessage());
        assertTrue(failure.problem().contains("line break"), failure.problem());
    }

    @Test
    void moreDomainsOrRulesThanOneRuleGroupsCapacityHoldsAreRefused() {
        var domains = IntStream.range(0, 20_000).mapToObj(i -> "d" + i + ".example.com").toList();
        var failure = policyFails(domains, List.of());
        assertEquals("allowedDomains", failure.propertyPath());
        assertTrue(failure.getMessage().contains("limit of 30000") && failure.getMessage().contains("at most 7500 domains"),
                failure.getMessage());

        var rules = IntStream.range(0, 7_501).mapToObj(i -> "drop tcp any any -> any 23 (sid:" + (i + 1) + ";)").toList();
        assertEquals("statefulRules", policyFails(List.of(), rules).propertyPath());

        // At the limit: accepted, and the group's capacity is exactly AWS's maximum.
        var plan = FirewallPolicy.plan(R, "10.0.0.0/8", false, domains.subList(0, 7_500), true, true, List.of());
        assertEquals(30_000, FirewallPolicy.capacity(plan.allowedDomains().size()));
    }

    @Test
    void aHugeValueIsShownByItsStartAndItsLength() {
        String huge = "x".repeat(2_000_000);
        var failure = policyFails(List.of(huge), List.of());

        assertTrue(failure.getMessage().contains("(2000000 characters in all)"), failure.getMessage());
        assertEquals(huge, failure.value(), "the exception keeps the whole value for callers");
    }

    @Test
    void aLongBadRuleGivesAShortMessage() {
        String rule = "pass tcp any any -> any any (msg:\"" + "y".repeat(9_500) + "\";)";
        var failure = policyFails(List.of(), List.of(rule));

        assertTrue(failure.getMessage().contains("characters in all)"), failure.getMessage());
    }

    @Test
    void tagKeysAndValuesBeyondAwsLimitsAreRefusedBeforeAnythingIsRegistered() {
        Map<String, PropertyValue> longKey = Map.of("tags", PropertyValue.of(Map.of("k".repeat(1_000), PropertyValue.of("v"))));
        var keyFailure = assertThrows(InvalidNetworkException.class, () -> InputDecoder.decode(Hub.TYPE, "hub", longKey));
        assertTrue(keyFailure.problem().contains("1000 characters; AWS allows at most 128"), keyFailure.problem());
        assertTrue(keyFailure.getMessage().length() < 2_000, keyFailure.getMessage());

        Map<String, PropertyValue> longValue = Map.of("tags", PropertyValue.of(Map.of("team", PropertyValue.of("v".repeat(257)))));
        var valueFailure = assertThrows(InvalidNetworkException.class, () -> InputDecoder.decode(Hub.TYPE, "hub", longValue));
        assertEquals("tags.team", valueFailure.propertyPath());
        assertTrue(valueFailure.problem().contains("at most 256"), valueFailure.problem());

        Map<String, PropertyValue> atLimits = Map.of("tags", PropertyValue.of(Map.of("k".repeat(128), PropertyValue.of("v".repeat(256)))));
        InputDecoder.decode(Hub.TYPE, "hub", atLimits);
    }
}
