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

    @SuppressWarnings("unchecked")
    private static String rulesOf(MockRun run, String group) {
        return (String) ((Map<String, Object>) run.named(group).map("ruleGroup").get("rulesSource")).get("rulesString");
    }

    private static List<String> ruleLines(MockRun run, String group) {
        return rulesOf(run, group).lines().filter(l -> !l.startsWith("#")).toList();
    }

    @Test
    void defaultsBuildFourStatefulRuleGroupsInStrictOrderWithDropStrictAndAlertStrict() {
        var run = defaults();

        assertEquals(Map.of(FirewallPolicy.TYPE, 1L, RULE_GROUP, 4L, FIREWALL_POLICY, 1L), run.countsByType());
        var policy = policyOf(run);
        assertEquals(List.of("aws:forward_to_sfe"), policy.get("statelessDefaultActions"));
        assertEquals(List.of("aws:forward_to_sfe"), policy.get("statelessFragmentDefaultActions"));
        assertEquals(List.of("aws:drop_strict", "aws:alert_strict"), policy.get("statefulDefaultActions"));
        assertEquals(Map.of("ruleOrder", "STRICT_ORDER"), policy.get("statefulEngineOptions"));
        assertEquals(Map.of(), priorities(run, "statelessRuleGroupReferences"));
        assertEquals(Map.of(50, "fw-drop-ssh", 100, "fw-icmp", 200, "fw-tcp-handshake", 300, "fw-domains"),
                priorities(run, "statefulRuleGroupReferences"));
    }

    @Test
    void sshIsDroppedByAStatefulDropRuleSoEveryAttemptIsInTheAlertLog() {
        var run = defaults();

        assertEquals("STATEFUL", run.named("fw-drop-ssh").input("type"));
        // A stateless group would drop SSH before the stateful engine, and leave no log entry.
        assertTrue(run.ofType(RULE_GROUP).stream().noneMatch(g -> "STATELESS".equals(g.input("type"))));
        assertEquals(List.of("drop tcp any any -> any 22 (flow:to_server; msg:\"hubspoke: SSH dropped\"; sid:1000201; rev:1;)"),
                ruleLines(run, "fw-drop-ssh"));
    }

    @Test
    void everyStatefulGroupIsStrictOrderWithTheSupernetAsHomeNet() {
        var run = defaults();

        for (String name : List.of("fw-drop-ssh", "fw-icmp", "fw-tcp-handshake", "fw-domains")) {
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
    void theHandshakeGroupPassesOnlyNotEstablishedTcpBetweenHomeNetAndOutsideItOnTheAllowListsPorts() {
        var lines = ruleLines(defaults(), "fw-tcp-handshake");

        assertEquals(List.of(
                "pass tcp $HOME_NET any -> !$HOME_NET 443 (flow:not_established, to_server;",
                "pass tcp !$HOME_NET 443 -> $HOME_NET any (flow:not_established, to_client;",
                "pass tcp $HOME_NET any -> !$HOME_NET 80 (flow:not_established, to_server;",
                "pass tcp !$HOME_NET 80 -> $HOME_NET any (flow:not_established, to_client;"),
                lines.stream().map(l -> l.substring(0, l.indexOf(';') + 1)).toList());
    }

    @Test
    void noBuiltInRulePassesAnEastWestSynToAnArbitraryPort() {
        // Every built-in pass rule of TCP must name a destination outside HOME_NET or a fixed port:
        // a SYN from one spoke to port 5432 of another (both in HOME_NET) then matches none of them.
        var run = defaults();
        for (String group : List.of("fw-drop-ssh", "fw-icmp", "fw-tcp-handshake")) {
            for (String line : ruleLines(run, group)) {
                if (!line.startsWith("pass tcp")) {
                    continue;
                }
                String[] header = line.substring(0, line.indexOf('(')).trim().split("\\s+");
                // pass tcp SRC SRCPORT -> DST DSTPORT
                boolean toOutside = header[5].equals("!$HOME_NET") || header[2].equals("!$HOME_NET");
                boolean fixedPort = header[6].matches("\\d+") || header[3].matches("\\d+");
                assertTrue(toOutside && fixedPort, group + ": " + line);
            }
        }
    }

    @Test
    void everyBuiltInRuleHasItsOwnSid() {
        var run = build(policy(List.of(".amazon.com"), true, true, List.of()));
        var sids = new java.util.ArrayList<String>();
        for (String group : List.of("fw-drop-ssh", "fw-icmp", "fw-tcp-handshake")) {
            ruleLines(run, group).forEach(l -> sids.add(l.replaceAll(".*sid:(\\d+);.*", "$1")));
        }
        assertEquals(6, sids.size());
        assertEquals(sids.size(), new java.util.HashSet<>(sids).size(), sids.toString());
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
        assertEquals(Map.of(200, "fw-tcp-handshake"), priorities(run, "statefulRuleGroupReferences"));
    }

    @Test
    void customRulesAreEvaluatedBeforeEveryBuiltInGroupSoAUsersPassOrDropWins() {
        // A bastion's SSH: the user's pass must come before the built-in SSH drop to take effect.
        String rule = "pass tcp 10.0.1.10 any -> $HOME_NET 22 (msg:\"bastion\"; sid:2000001; rev:1;)";
        var run = build(policy(List.of(".amazon.com"), true, true, List.of(rule)));

        var order = priorities(run, "statefulRuleGroupReferences");
        assertEquals(Map.of(20, "fw-custom", 50, "fw-drop-ssh", 100, "fw-icmp", 200, "fw-tcp-handshake", 300, "fw-domains"),
                order);
        assertEquals("fw-custom", order.values().iterator().next());
        assertEquals(rule, rulesOf(run, "fw-custom"));
        assertEquals(100, ((Number) run.named("fw-custom").input("capacity")).intValue());
    }

    @Test
    void privateRangesAndTheSharedAddressSpaceAreSupernetsWithoutAnySwitchAndAPublicOneWithIt() {
        for (String supernet : List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "172.20.0.0/16")) {
            var run = build(new FirewallPolicyArgs(supernet, List.of(), true, true, List.of(),
                    com.pulumi.core.Output.of(TAGS)));
            assertEquals(List.of(supernet), homeNetOf(run, "fw-icmp"), supernet);
        }
        var run = build(new FirewallPolicyArgs("203.0.113.0/24", List.of(), true, true, List.of(),
                com.pulumi.core.Output.of(TAGS), true));
        assertEquals(List.of("203.0.113.0/24"), homeNetOf(run, "fw-icmp"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> homeNetOf(MockRun run, String group) {
        var variables = (Map<String, Object>) run.named(group).map("ruleGroup").get("ruleVariables");
        var ipSet = (Map<String, Object>) ((List<Map<String, Object>>) variables.get("ipSets")).get(0).get("ipSet");
        return (List<String>) ipSet.get("definitions");
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
