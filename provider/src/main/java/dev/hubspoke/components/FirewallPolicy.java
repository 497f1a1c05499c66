package dev.hubspoke.components;

import com.pulumi.aws.networkfirewall.RuleGroup;
import com.pulumi.aws.networkfirewall.RuleGroupArgs;
import com.pulumi.aws.networkfirewall.inputs.FirewallPolicyFirewallPolicyArgs;
import com.pulumi.aws.networkfirewall.inputs.FirewallPolicyFirewallPolicyStatefulEngineOptionsArgs;
import com.pulumi.aws.networkfirewall.inputs.FirewallPolicyFirewallPolicyStatefulRuleGroupReferenceArgs;
import com.pulumi.aws.networkfirewall.inputs.FirewallPolicyFirewallPolicyStatelessRuleGroupReferenceArgs;
import com.pulumi.aws.networkfirewall.inputs.RuleGroupRuleGroupArgs;
import com.pulumi.aws.networkfirewall.inputs.RuleGroupRuleGroupRuleVariablesArgs;
import com.pulumi.aws.networkfirewall.inputs.RuleGroupRuleGroupRuleVariablesIpSetArgs;
import com.pulumi.aws.networkfirewall.inputs.RuleGroupRuleGroupRuleVariablesIpSetIpSetArgs;
import com.pulumi.aws.networkfirewall.inputs.RuleGroupRuleGroupRulesSourceArgs;
import com.pulumi.aws.networkfirewall.inputs.RuleGroupRuleGroupRulesSourceRulesSourceListArgs;
import com.pulumi.aws.networkfirewall.inputs.RuleGroupRuleGroupRulesSourceStatelessRulesAndCustomActionsArgs;
import com.pulumi.aws.networkfirewall.inputs.RuleGroupRuleGroupRulesSourceStatelessRulesAndCustomActionsStatelessRuleArgs;
import com.pulumi.aws.networkfirewall.inputs.RuleGroupRuleGroupRulesSourceStatelessRulesAndCustomActionsStatelessRuleRuleDefinitionArgs;
import com.pulumi.aws.networkfirewall.inputs.RuleGroupRuleGroupRulesSourceStatelessRulesAndCustomActionsStatelessRuleRuleDefinitionMatchAttributesArgs;
import com.pulumi.aws.networkfirewall.inputs.RuleGroupRuleGroupRulesSourceStatelessRulesAndCustomActionsStatelessRuleRuleDefinitionMatchAttributesDestinationArgs;
import com.pulumi.aws.networkfirewall.inputs.RuleGroupRuleGroupRulesSourceStatelessRulesAndCustomActionsStatelessRuleRuleDefinitionMatchAttributesDestinationPortArgs;
import com.pulumi.aws.networkfirewall.inputs.RuleGroupRuleGroupRulesSourceStatelessRulesAndCustomActionsStatelessRuleRuleDefinitionMatchAttributesSourceArgs;
import com.pulumi.aws.networkfirewall.inputs.RuleGroupRuleGroupStatefulRuleOptionsArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.hubspoke.net.Cidr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code hubspoke:index:FirewallPolicy}: Network Firewall rule groups and the policy that orders
 * them. Stateful evaluation is STRICT_ORDER with default actions {@code aws:drop_strict} and
 * {@code aws:alert_strict}: whatever no rule passes is dropped and logged. In priority order:
 * <ol>
 *   <li>stateless: drop TCP/22 (with {@code dropSsh}); everything else goes to the stateful engine;</li>
 *   <li>stateful 100: pass ICMP within the supernet (with {@code allowIcmpWithinSupernet});</li>
 *   <li>stateful 200: pass the TCP handshake of flows from the supernet (see {@link #HANDSHAKE_RULES});</li>
 *   <li>stateful 300: allow-list of {@code allowedDomains} by TLS SNI and HTTP Host (when any);</li>
 *   <li>stateful 400: the user's {@code statefulRules} (when any).</li>
 * </ol>
 * Priorities are fixed per group, so turning one group on or off never renumbers the others.
 */
public final class FirewallPolicy extends BaseComponent {

    public static final String TYPE = "hubspoke:index:FirewallPolicy";

    static final String STRICT_ORDER = "STRICT_ORDER";
    static final int ICMP_PRIORITY = 100;
    static final int HANDSHAKE_PRIORITY = 200;
    static final int DOMAINS_PRIORITY = 300;
    static final int CUSTOM_PRIORITY = 400;
    static final int DROP_SSH_PRIORITY = 10;

    /** HOME_NET of every stateful group: the supernet, which holds every spoke and the inspection VPC. */
    static final String HOME_NET = "HOME_NET";

    static final String ICMP_RULES =
            "pass icmp $HOME_NET any -> $HOME_NET any (msg:\"hubspoke: ICMP within the supernet\"; sid:1000001; rev:1;)";

    /**
     * Why this group exists: under {@code aws:drop_strict} a packet no rule passes is dropped, and
     * that includes the SYN, SYN-ACK and ACK of every TCP connection. The domain allow-list decides
     * on the TLS SNI or HTTP Host, which only travel after the handshake, so without these rules
     * no connection would ever get far enough to be allowed. They pass only packets of flows that
     * are not established yet and were opened from HOME_NET (client to server, and the server's
     * reply to that client); once established, a flow's packets must be passed by a later group.
     */
    static final String HANDSHAKE_RULES = String.join("\n",
            "# drop_strict drops the TCP handshake too; pass it so later groups can see TLS SNI / HTTP Host.",
            "pass tcp $HOME_NET any -> any any (flow:not_established, to_server; msg:\"hubspoke: TCP handshake from HOME_NET\"; sid:1000101; rev:1;)",
            "pass tcp any any -> $HOME_NET any (flow:not_established, to_client; msg:\"hubspoke: TCP handshake replies to HOME_NET\"; sid:1000102; rev:1;)");

    /** The checked inputs: everything the constructor needs, known before anything is registered. */
    record Plan(Cidr supernet, List<String> allowedDomains, boolean allowIcmp, boolean dropSsh, List<String> statefulRules) {
    }

    private final Output<String> arn;

    /**
     * @param name    the component's resource name; children are named {@code <name>-drop-ssh}, ...
     * @param args    the inputs, as in schema.json
     * @param options resource options; children inherit its providers through {@code parent}
     * @throws dev.hubspoke.net.InvalidNetworkException for a bad input, before anything is registered
     */
    public FirewallPolicy(String name, FirewallPolicyArgs args, ComponentResourceOptions options) {
        this(name, plan(Reporter.of("FirewallPolicy", name), args.supernetCidrBlock(), args.allowedDomains(),
                args.allowIcmpWithinSupernet(), args.dropSsh(), args.statefulRules()), args, options);
    }

    private FirewallPolicy(String name, Plan plan, FirewallPolicyArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var scope = scope(name, args.tags());

        var stateless = new ArrayList<FirewallPolicyFirewallPolicyStatelessRuleGroupReferenceArgs>();
        var stateful = new ArrayList<FirewallPolicyFirewallPolicyStatefulRuleGroupReferenceArgs>();
        var groups = new ArrayList<RuleGroup>();
        if (plan.dropSsh()) {
            var group = dropSsh(scope);
            groups.add(group);
            stateless.add(FirewallPolicyFirewallPolicyStatelessRuleGroupReferenceArgs.builder()
                    .priority(DROP_SSH_PRIORITY).resourceArn(group.arn()).build());
        }
        var statefulGroups = new ArrayList<Map.Entry<Integer, RuleGroup>>();
        if (plan.allowIcmp()) {
            statefulGroups.add(Map.entry(ICMP_PRIORITY, suricata(scope, "icmp", plan.supernet(), ICMP_RULES, 10)));
        }
        statefulGroups.add(Map.entry(HANDSHAKE_PRIORITY,
                suricata(scope, "tcp-handshake", plan.supernet(), HANDSHAKE_RULES, 10)));
        if (!plan.allowedDomains().isEmpty()) {
            statefulGroups.add(Map.entry(DOMAINS_PRIORITY, domains(scope, plan.supernet(), plan.allowedDomains())));
        }
        if (!plan.statefulRules().isEmpty()) {
            statefulGroups.add(Map.entry(CUSTOM_PRIORITY, suricata(scope, "custom", plan.supernet(),
                    String.join("\n", plan.statefulRules()), capacity(plan.statefulRules().size()))));
        }
        for (var entry : statefulGroups) {
            groups.add(entry.getValue());
            stateful.add(FirewallPolicyFirewallPolicyStatefulRuleGroupReferenceArgs.builder()
                    .priority(entry.getKey()).resourceArn(entry.getValue().arn()).build());
        }

        String policyName = scope.name("policy");
        var policy = new com.pulumi.aws.networkfirewall.FirewallPolicy(policyName,
                com.pulumi.aws.networkfirewall.FirewallPolicyArgs.builder()
                .description("hubspoke egress and east-west inspection")
                .firewallPolicy(FirewallPolicyFirewallPolicyArgs.builder()
                        .statelessDefaultActions("aws:forward_to_sfe")
                        .statelessFragmentDefaultActions("aws:forward_to_sfe")
                        .statelessRuleGroupReferences(stateless)
                        .statefulEngineOptions(FirewallPolicyFirewallPolicyStatefulEngineOptionsArgs.builder()
                                .ruleOrder(STRICT_ORDER)
                                .build())
                        .statefulDefaultActions("aws:drop_strict", "aws:alert_strict")
                        .statefulRuleGroupReferences(stateful)
                        .build())
                .tags(scope.tags(policyName))
                .build(), scope.options());

        this.arn = policy.arn();
        var out = new LinkedHashMap<String, Output<?>>();
        out.put("arn", policy.arn());
        out.put("name", policy.name());
        out.put("ruleGroupArns", Output.all(groups.stream().map(RuleGroup::arn).toList()));
        publish(out);
    }

    static Plan plan(Reporter r, String supernetCidrBlock, List<String> allowedDomains, boolean allowIcmp,
                     boolean dropSsh, List<String> statefulRules) {
        Cidr supernet = Checks.cidr(r, "supernetCidrBlock", Defaults.or(supernetCidrBlock, Defaults.SUPERNET_CIDR_BLOCK));
        return new Plan(supernet,
                Checks.allowedDomains(r, Defaults.or(allowedDomains, Defaults.ALLOWED_DOMAINS)),
                allowIcmp, dropSsh,
                Checks.statefulRules(r, Defaults.list(statefulRules)));
    }

    /** Stateful capacity can only be set at creation: leave room to grow before a replacement. */
    static int capacity(int entries) {
        return Math.max(100, 4 * entries);
    }

    /** Drops TCP to port 22 from anywhere to anywhere before the stateful engine sees it. */
    private static RuleGroup dropSsh(Scope scope) {
        String name = scope.name("drop-ssh");
        var anywhereFrom = RuleGroupRuleGroupRulesSourceStatelessRulesAndCustomActionsStatelessRuleRuleDefinitionMatchAttributesSourceArgs
                .builder().addressDefinition("0.0.0.0/0").build();
        var anywhereTo = RuleGroupRuleGroupRulesSourceStatelessRulesAndCustomActionsStatelessRuleRuleDefinitionMatchAttributesDestinationArgs
                .builder().addressDefinition("0.0.0.0/0").build();
        var port22 = RuleGroupRuleGroupRulesSourceStatelessRulesAndCustomActionsStatelessRuleRuleDefinitionMatchAttributesDestinationPortArgs
                .builder().fromPort(22).toPort(22).build();
        var rule = RuleGroupRuleGroupRulesSourceStatelessRulesAndCustomActionsStatelessRuleArgs.builder()
                .priority(1)
                .ruleDefinition(RuleGroupRuleGroupRulesSourceStatelessRulesAndCustomActionsStatelessRuleRuleDefinitionArgs.builder()
                        .actions("aws:drop")
                        .matchAttributes(RuleGroupRuleGroupRulesSourceStatelessRulesAndCustomActionsStatelessRuleRuleDefinitionMatchAttributesArgs.builder()
                                .protocols(6)
                                .sources(anywhereFrom)
                                .destinations(anywhereTo)
                                .destinationPorts(port22)
                                .build())
                        .build())
                .build();
        return new RuleGroup(name, RuleGroupArgs.builder()
                .type("STATELESS")
                .capacity(10)
                .description("hubspoke: drop SSH")
                .ruleGroup(RuleGroupRuleGroupArgs.builder()
                        .rulesSource(RuleGroupRuleGroupRulesSourceArgs.builder()
                                .statelessRulesAndCustomActions(RuleGroupRuleGroupRulesSourceStatelessRulesAndCustomActionsArgs.builder()
                                        .statelessRules(rule)
                                        .build())
                                .build())
                        .build())
                .tags(scope.tags(name))
                .build(), scope.options());
    }

    private static RuleGroup suricata(Scope scope, String role, Cidr supernet, String rules, int capacity) {
        return stateful(scope, role, supernet, capacity,
                RuleGroupRuleGroupRulesSourceArgs.builder().rulesString(rules).build());
    }

    /** Allow-list by TLS SNI and HTTP Host; HOME_NET is the supernet so spoke traffic is inspected. */
    private static RuleGroup domains(Scope scope, Cidr supernet, List<String> domains) {
        return stateful(scope, "domains", supernet, capacity(domains.size()),
                RuleGroupRuleGroupRulesSourceArgs.builder()
                        .rulesSourceList(RuleGroupRuleGroupRulesSourceRulesSourceListArgs.builder()
                                .generatedRulesType("ALLOWLIST")
                                .targetTypes("TLS_SNI", "HTTP_HOST")
                                .targets(domains)
                                .build())
                        .build());
    }

    private static RuleGroup stateful(Scope scope, String role, Cidr supernet, int capacity,
                                      RuleGroupRuleGroupRulesSourceArgs source) {
        String name = scope.name(role);
        return new RuleGroup(name, RuleGroupArgs.builder()
                .type("STATEFUL")
                .capacity(capacity)
                .description("hubspoke: " + role)
                .ruleGroup(RuleGroupRuleGroupArgs.builder()
                        .ruleVariables(RuleGroupRuleGroupRuleVariablesArgs.builder()
                                .ipSets(RuleGroupRuleGroupRuleVariablesIpSetArgs.builder()
                                        .key(HOME_NET)
                                        .ipSet(RuleGroupRuleGroupRuleVariablesIpSetIpSetArgs.builder()
                                                .definitions(supernet.toString())
                                                .build())
                                        .build())
                                .build())
                        .rulesSource(source)
                        // A strict-order policy accepts only strict-order stateful groups.
                        .statefulRuleOptions(RuleGroupRuleGroupStatefulRuleOptionsArgs.builder()
                                .ruleOrder(STRICT_ORDER)
                                .build())
                        .build())
                .tags(scope.tags(name))
                .build(), scope.options());
    }

    Output<String> arn() {
        return arn;
    }
}
