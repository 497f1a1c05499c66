package dev.hubspoke.components;

import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.test.PulumiTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static dev.hubspoke.components.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FirewallPolicyTest {

    private static MockRun build(FirewallPolicyArgs args) {
        return MockRun.ok(ctx -> new FirewallPolicy("fw", args, ComponentResourceOptions.Empty));
    }

    private static MockRun defaults() {
        return build(policy(List.of(".amazon.com"), true, true, List.of()));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> policyOf(MockRun run) {
        return (Map<String, Object>) run.named("fw-policy").map("firewallPolicy");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> references(MockRun run, String key) {
        return (List<Map<String, Object>>) policyOf(run).getOrDefault(key, List.of());
    }

    /** priority -> rule group resource name, from the policy's references. */
    private static Map<Integer, String> priorities(MockRun run, String key) {
        var byArn = new java.util.HashMap<String, String>();
        run.ofType(RULE_GROUP).forEach(g -> byArn.put(g.id(), g.name()));
        var result = new java.util.TreeMap<Integer, String>();
        references(run, key).forEach(ref -> result.put(((Number) ref.get("priority")).intValue(),
                byArn.get((String) ref.get("resourceArn"))));
        return result;
    }

    @Test
    void defaultsBuildFourRuleGroupsInStrictOrderWithDropStrictAndAlertStrict() {
        var run = defaults();

        assertEquals(Map.of(FirewallPolicy.TYPE, 1L, RULE_GROUP, 4L, FIREWALL_POLICY, 1L), run.countsByType());
        var policy = policyOf(run);
        assertEquals(List.of("aws:forward_to_sfe"), policy.get("statelessDefaultActions"));
        assertEquals(List.of("aws:forward_to_sfe"), policy.get("statelessFragmentDefaultActions"));
        assertEquals(List.of("aws:drop_strict", "aws:alert_strict"), policy.get("statefulDefaultActions"));
        assertEquals(Map.of("ruleOrder", "STRICT_ORDER"), policy.get("statefulEngineOptions"));
        assertEquals(Map.of(10, "fw-drop-ssh"), priorities(run, "statelessRuleGroupReferences"));
        assertEquals(Map.of(100, "fw-icmp", 200, "fw-tcp-handshake", 300, "fw-domains"),
                priorities(run, "statefulRuleGroupReferences"));
    }

    @Test
    void theStatelessGroupDropsTcpToPort22() {
        var group = defaults().named("fw-drop-ssh");

        assertEquals("STATELESS", group.input("type"));
        @SuppressWarnings("unchecked")
        var rules = (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) group.map("ruleGroup")
                .get("rulesSource")).get("statelessRulesAndCustomActions")).get("statelessRules");
        assertEquals(1, rules.size());
        @SuppressWarnings("unchecked")
        var definition = (Map<String, Object>) rules.get(0).get("ruleDefinition");
        assertEquals(List.of("aws:drop"), definition.get("actions"));
        @SuppressWarnings("unchecked")
        var match = (Map<String, Object>) definition.get("matchAttributes");
        assertEquals(List.of(6.0), match.get("protocols"));
        assertEquals(List.of(Map.of("fromPort", 22.0, "toPort", 22.0)), match.get("destinationPorts"));
    }

    @Test
    void everyStatefulGroupIsStrictOrderWithTheSupernetAsHomeNet() {
        var run = defaults();

        for (String name : List.of("fw-icmp", "fw-tcp-handshake", "fw-domains")) {
            var ruleGroup = run.named(name).map("ruleGroup");
            assertEquals("STATEFUL", run.named(name).input("type"), name);
            assertEquals(Map.of("ruleOrder", "STRICT_ORDER"), ruleGroup.get("statefulRuleOptions"), name);
            assertEquals(Map.of("ipSets", List.of(Map.of("key", "HOME_NET",
                            "ipSet", Map.of("definitions", List.of("10.0.0.0/8"))))),
                    ruleGroup.get("ruleVariables"), name);
        }
    }

    @Test
    void theDomainGroupAllowListsTlsSniAndHttpHost() {
        var run = build(policy(List.of(".amazon.com", "example.org"), true, true, List.of()));

        @SuppressWarnings("unchecked")
        var source = (Map<String, Object>) ((Map<String, Object>) run.named("fw-domains").map("ruleGroup")
                .get("rulesSource")).get("rulesSourceList");
        assertEquals(Map.of("generatedRulesType", "ALLOWLIST", "targetTypes", List.of("TLS_SNI", "HTTP_HOST"),
                "targets", List.of(".amazon.com", "example.org")), source);
    }

    @Test
    void theHandshakeGroupPassesOnlyNotEstablishedTcpOfFlowsFromHomeNet() {
        @SuppressWarnings("unchecked")
        var rules = (String) ((Map<String, Object>) defaults().named("fw-tcp-handshake").map("ruleGroup")
                .get("rulesSource")).get("rulesString");
        var ruleLines = rules.lines().filter(l -> !l.startsWith("#")).toList();

        assertEquals(2, ruleLines.size());
        assertTrue(ruleLines.get(0).startsWith("pass tcp $HOME_NET any -> any any (flow:not_established, to_server;"));
        assertTrue(ruleLines.get(1).startsWith("pass tcp any any -> $HOME_NET any (flow:not_established, to_client;"));
    }

    @Test
    void theIcmpGroupPassesIcmpWithinHomeNetOnly() {
        @SuppressWarnings("unchecked")
        var rules = (String) ((Map<String, Object>) defaults().named("fw-icmp").map("ruleGroup")
                .get("rulesSource")).get("rulesString");

        assertTrue(rules.startsWith("pass icmp $HOME_NET any -> $HOME_NET any ("), rules);
    }

    @Test
    void switchedOffGroupsAreLeftOutAndTheOthersKeepTheirPriorities() {
        var run = build(policy(List.of(), false, false, List.of()));

        assertEquals(Map.of(FirewallPolicy.TYPE, 1L, RULE_GROUP, 1L, FIREWALL_POLICY, 1L), run.countsByType());
        assertEquals(Map.of(), priorities(run, "statelessRuleGroupReferences"));
        assertEquals(Map.of(200, "fw-tcp-handshake"), priorities(run, "statefulRuleGroupReferences"));
    }

    @Test
    void customRulesGetTheirOwnGroupAfterTheAllowList() {
        String rule = "drop tcp $HOME_NET any -> any 23 (msg:\"no telnet\"; sid:2000001; rev:1;)";
        var run = build(policy(List.of(".amazon.com"), true, true, List.of(rule)));

        assertEquals(Map.of(100, "fw-icmp", 200, "fw-tcp-handshake", 300, "fw-domains", 400, "fw-custom"),
                priorities(run, "statefulRuleGroupReferences"));
        @SuppressWarnings("unchecked")
        var source = (Map<String, Object>) run.named("fw-custom").map("ruleGroup").get("rulesSource");
        assertEquals(rule, source.get("rulesString"));
        assertEquals(100, ((Number) run.named("fw-custom").input("capacity")).intValue());
    }

    @Test
    void outputsNameThePolicyAndEveryRuleGroup() {
        var policy = new AtomicReference<FirewallPolicy>();
        var run = MockRun.ok(ctx -> policy.set(new FirewallPolicy("fw", policy(List.of(".amazon.com"), true, true,
                List.of()), ComponentResourceOptions.Empty)));
        var outputs = policy.get().outputs();

        assertEquals(List.of("arn", "name", "ruleGroupArns"), List.copyOf(outputs.keySet()));
        assertEquals(run.named("fw-policy").id(), PulumiTest.extractValue(outputs.get("arn")));
        assertEquals(List.of("fw-drop-ssh", "fw-icmp", "fw-tcp-handshake", "fw-domains").stream()
                .map(n -> run.named(n).id()).toList(), PulumiTest.extractValue(outputs.get("ruleGroupArns")));
        assertEquals(run.all().size() - 1, run.childrenOf(run.named("fw")).size());
        assertFalse(run.all().isEmpty());
    }
}
