package dev.hubspoke.components;

import com.pulumi.aws.networkfirewall.RuleGroup;
import com.pulumi.aws.networkfirewall.RuleGroupArgs;
import com.pulumi.aws.networkfirewall.inputs.FirewallPolicyFirewallPolicyArgs;
import com.pulumi.aws.networkfirewall.inputs.FirewallPolicyFirewallPolicyStatefulEngineOptionsArgs;
import com.pulumi.aws.networkfirewall.inputs.FirewallPolicyFirewallPolicyStatefulRuleGroupReferenceArgs;
import com.pulumi.aws.networkfirewall.inputs.RuleGroupRuleGroupArgs;
import com.pulumi.aws.networkfirewall.inputs.RuleGroupRuleGroupRuleVariablesArgs;
import com.pulumi.aws.networkfirewall.inputs.RuleGroupRuleGroupRuleVariablesIpSetArgs;
import com.pulumi.aws.networkfirewall.inputs.RuleGroupRuleGroupRuleVariablesIpSetIpSetArgs;
import com.pulumi.aws.networkfirewall.inputs.RuleGroupRuleGroupRulesSourceArgs;
import com.pulumi.aws.networkfirewall.inputs.RuleGroupRuleGroupRulesSourceRulesSourceListArgs;
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
 * {@code aws:alert_strict}: whatever no rule passes is dropped and logged. The stateful engine
 * sees every packet (the stateless default is {@code aws:forward_to_sfe}, with no stateless
 * group) and evaluates the groups by priority, lowest first:
 * <ol>
 *   <li>20: the user's {@code statefulRules} (when any), first so that a user's {@code pass} or
 *       {@code drop} wins over every built-in group;</li>
 *   <li>50: drop SSH (TCP/22) with an alert-log entry (with {@code dropSsh});</li>
 *   <li>100: pass ICMP within the supernet (with {@code allowIcmpWithinSupernet});</li>
 *   <li>200: pass the TCP handshake of web flows from the supernet to outside it, the ports the
 *       allow-list inspects (see {@link #HANDSHAKE_RULES});</li>
 *   <li>300: allow-list of {@code allowedDomains} by TLS SNI and HTTP Host (when any).</li>
 * </ol>
 * Priorities are fixed per group, so turning one group on or off never renumbers the others.
 */
public final class FirewallPolicy extends BaseComponent {

    public static final String TYPE = "hubspoke:index:FirewallPolicy";

    static final String STRICT_ORDER = "STRICT_ORDER";
    static final int CUSTOM_PRIORITY = 20;
    static final int DROP_SSH_PRIORITY = 50;
    static final int ICMP_PRIORITY = 100;
    static final int HANDSHAKE_PRIORITY = 200;
    static final int DOMAINS_PRIORITY = 300;

    /** HOME_NET of every stateful group: the supernet, which holds every spoke and the inspection VPC. */
    static final String HOME_NET = "HOME_NET";

    static final String ICMP_RULES =
            "pass icmp $HOME_NET any -> $HOME_NET any (msg:\"hubspoke: ICMP within the supernet\"; sid:1000001; rev:1;)";

    /**
     * Why this group exists: under {@code aws:drop_strict} a packet no rule passes is dropped, and
     * that includes the SYN, SYN-ACK and ACK of every TCP connection. The domain allow-list decides
     * on the TLS SNI or HTTP Host, which only travel after the handshake, so without these rules
     * no connection would ever get far enough to be allowed. AWS's pattern for a domain allow-list
     * under strict order passes exactly that handshake and nothing more: not-established TCP from
     * HOME_NET to EXTERNAL_NET on the ports the list inspects (443 for TLS_SNI, 80 for HTTP_HOST),
     * and the server's replies (see "Stateful domain list rule groups", strict rule order,
     * https://docs.aws.amazon.com/network-firewall/latest/developerguide/stateful-rule-groups-domain-names.html,
     * and https://docs.aws.amazon.com/network-firewall/latest/developerguide/suricata-examples.html).
     * The rules say {@code !$HOME_NET} where AWS's examples say {@code $EXTERNAL_NET}: the same
     * addresses (everything outside the supernet), without depending on how a rule group derives
     * EXTERNAL_NET from its own HOME_NET. East-west SYNs to any port of another spoke match none of
     * these rules, and are dropped (and logged) by the default actions.
     * {@code aws:drop_established} as the default action would not do that: it drops only packets
     * of established flows, so every SYN would still pass.
     */
    static final String HANDSHAKE_RULES = String.join("\n",
            "# drop_strict drops the TCP handshake too; pass it for the allow-list's ports so it can see TLS SNI / HTTP Host.",
            "pass tcp $HOME_NET any -> !$HOME_NET 443 (flow:not_established, to_server; msg:\"hubspoke: TLS handshake from HOME_NET\"; sid:1000103; rev:1;)",
            "pass tcp !$HOME_NET 443 -> $HOME_NET any (flow:not_established, to_client; msg:\"hubspoke: TLS handshake replies to HOME_NET\"; sid:1000104; rev:1;)",
            "pass tcp $HOME_NET any -> !$HOME_NET 80 (flow:not_established, to_server; msg:\"hubspoke: HTTP handshake from HOME_NET\"; sid:1000105; rev:1;)",
            "pass tcp !$HOME_NET 80 -> $HOME_NET any (flow:not_established, to_client; msg:\"hubspoke: HTTP handshake replies to HOME_NET\"; sid:1000106; rev:1;)");

    /**
     * A stateful drop, not a stateless one: Network Firewall writes an alert-log entry for every
     * packet a stateful {@code drop} rule matches (when alert logging is on), so SSH attempts are
     * visible; a stateless drop leaves no trace in the firewall's logs
     * (https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-logging.html).
     * It matches every direction, within the supernet and to or from outside it.
     */
    static final String DROP_SSH_RULES =
            "drop tcp any any -> any 22 (flow:to_server; msg:\"hubspoke: SSH dropped\"; sid:1000201; rev:1;)";

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
        this(name, plan(Reporter.of("FirewallPolicy", name), args.supernetCidrBlock(), args.allowPublicSupernet(),
                args.allowedDomains(), args.allowIcmpWithinSupernet(), args.dropSsh(), args.statefulRules()), args, options);
    }

    private FirewallPolicy(String name, Plan plan, FirewallPolicyArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var scope = scope(name, args.tags());

        var stateful = new ArrayList<Output<FirewallPolicyFirewallPolicyStatefulRuleGroupReferenceArgs>>();
        var groups = new ArrayList<RuleGroup>();
        var statefulGroups = new ArrayList<Map.Entry<Integer, RuleGroup>>();
        if (!plan.statefulRules().isEmpty()) {
            statefulGroups.add(Map.entry(CUSTOM_PRIORITY, suricata(scope, "custom", plan.supernet(),
                    String.join("\n", plan.statefulRules()), capacity(plan.statefulRules().size()))));
        }
        if (plan.dropSsh()) {
            statefulGroups.add(Map.entry(DROP_SSH_PRIORITY,
                    suricata(scope, "drop-ssh", plan.supernet(), DROP_SSH_RULES, 10)));
        }
        if (plan.allowIcmp()) {
            statefulGroups.add(Map.entry(ICMP_PRIORITY, suricata(scope, "icmp", plan.supernet(), ICMP_RULES, 10)));
        }
        statefulGroups.add(Map.entry(HANDSHAKE_PRIORITY,
                suricata(scope, "tcp-handshake", plan.supernet(), HANDSHAKE_RULES, 10)));
        if (!plan.allowedDomains().isEmpty()) {
            statefulGroups.add(Map.entry(DOMAINS_PRIORITY, domains(scope, plan.supernet(), plan.allowedDomains())));
        }
        for (var entry : statefulGroups) {
            groups.add(entry.getValue());
            int priority = entry.getKey();
            stateful.add(entry.getValue().arn().applyValue(arn -> FirewallPolicyFirewallPolicyStatefulRuleGroupReferenceArgs
                    .builder().priority(priority).resourceArn(arn).build()));
        }

        String policyName = scope.name("policy");
        var policy = new com.pulumi.aws.networkfirewall.FirewallPolicy(policyName,
                com.pulumi.aws.networkfirewall.FirewallPolicyArgs.builder()
                .description("hubspoke egress and east-west inspection")
                .firewallPolicy(FirewallPolicyFirewallPolicyArgs.builder()
                        .statelessDefaultActions("aws:forward_to_sfe")
                        .statelessFragmentDefaultActions("aws:forward_to_sfe")
                        .statefulEngineOptions(FirewallPolicyFirewallPolicyStatefulEngineOptionsArgs.builder()
                                .ruleOrder(STRICT_ORDER)
                                .build())
                        .statefulDefaultActions("aws:drop_strict", "aws:alert_strict")
                        // One Output for the list: see VpcParts.joined.
                        .statefulRuleGroupReferences(VpcParts.joined(stateful))
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

    static Plan plan(Reporter r, String supernetCidrBlock, boolean allowPublicSupernet, List<String> allowedDomains,
                     boolean allowIcmp, boolean dropSsh, List<String> statefulRules) {
        Cidr supernet = Checks.supernet(r, Defaults.or(supernetCidrBlock, Defaults.SUPERNET_CIDR_BLOCK), allowPublicSupernet);
        return new Plan(supernet,
                Checks.allowedDomains(r, Defaults.or(allowedDomains, Defaults.ALLOWED_DOMAINS)),
                allowIcmp, dropSsh,
                Checks.statefulRules(r, Defaults.list(statefulRules)));
    }

    /** Capacity reserved per entry (domain or rule): room to grow before a replacement. */
    static final int CAPACITY_PER_ENTRY = 4;

    /** Stateful capacity can only be set at creation: leave room to grow before a replacement. */
    static int capacity(int entries) {
        return Math.max(100, CAPACITY_PER_ENTRY * entries);
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
