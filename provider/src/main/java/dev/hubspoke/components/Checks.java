package dev.hubspoke.components;

import com.pulumi.core.Output;
import dev.hubspoke.net.Cidr;
import dev.hubspoke.net.DomainNames;
import dev.hubspoke.net.SubnetPlanner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Input checks shared by the components. Each returns the checked value or throws the one
 * user-error type through a {@link Reporter}; none touches Pulumi state, so every check runs
 * before the component registers itself.
 */
final class Checks {

    /** AWS limits on a VPC's primary CIDR block. */
    static final int VPC_MIN_PREFIX = 16;
    static final int VPC_MAX_PREFIX = 28;

    /** Private ASNs a Transit Gateway accepts that fit the aws SDK's 32-bit signed integer. */
    static final int ASN_PRIVATE_MIN = 64512;
    static final int ASN_PRIVATE_MAX = 65534;

    /** Retention values CloudWatch Logs accepts; 0 keeps logs forever. */
    static final Set<Integer> LOG_RETENTION_DAYS = Set.of(0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365,
            400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    /** Family (letters, digits, hyphens) dot size, e.g. t3.micro, m7g.2xlarge, u-6tb1.metal. */
    private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*[a-z0-9]\\.[a-z0-9]+");

    private static final Pattern RULE_ACTION = Pattern.compile("(pass|drop|reject|alert)\\s");
    private static final Pattern SID = Pattern.compile("\\bsid\\s*:\\s*(\\d+)");

    private Checks() {
    }

    static Cidr cidr(Reporter r, String field, String value) {
        if (value == null || value.isBlank()) {
            throw r.fail(field, value, "is required", "give an IPv4 CIDR block such as 10.0.0.0/16");
        }
        return Cidr.tryParse(value).orElseThrow(() -> r.fail(field, value, cidrProblem(value),
                "write the network address, a slash and the prefix length, such as 10.0.0.0/16"));
    }

    /** The planner's own description of a bad CIDR, which {@code Cidr.parse} puts in its exception. */
    private static String cidrProblem(String value) {
        try {
            Cidr.parse(value);
            return "is not a CIDR block";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** A CIDR block AWS accepts as a VPC's primary block: /16 to /28. */
    static Cidr vpcCidr(Reporter r, String field, String value) {
        Cidr cidr = cidr(r, field, value);
        if (cidr.prefixLength() < VPC_MIN_PREFIX || cidr.prefixLength() > VPC_MAX_PREFIX) {
            throw r.fail(field, value, "has prefix length /" + cidr.prefixLength()
                            + ", but AWS allows a VPC block from /" + VPC_MIN_PREFIX + " to /" + VPC_MAX_PREFIX,
                    "use a prefix length from /" + VPC_MIN_PREFIX + " to /" + VPC_MAX_PREFIX);
        }
        return cidr;
    }

    /**
     * Private IPv4 space: RFC 1918 and the RFC 6598 shared address space, which AWS accepts for
     * VPCs (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html).
     */
    static final List<Cidr> PRIVATE_RANGES = List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.168.0.0/16"), Cidr.parse("100.64.0.0/10"));

    /**
     * The supernet must be private unless the user says the network really uses public space it
     * owns; it may never be 0.0.0.0/0, which would route the internet itself back into the network
     * (the public route tables send the supernet to the firewall, HOME_NET would be everything).
     * Version 0.1.0 accepted any block, so the message says how to keep that behaviour.
     */
    static Cidr supernet(Reporter r, String value, boolean allowPublic) {
        Cidr supernet = cidr(r, "supernetCidrBlock", value);
        if (supernet.prefixLength() == 0) {
            throw r.fail("supernetCidrBlock", value, "is the whole IPv4 space: every internet address would count as"
                            + " inside the network and be routed back into it",
                    "give the block that holds every VPC of the network, such as 10.0.0.0/8");
        }
        if (!allowPublic && PRIVATE_RANGES.stream().noneMatch(range -> range.contains(supernet))) {
            throw r.fail("supernetCidrBlock", value, "is not a private range (since hubspoke 0.2.0 the supernet must lie"
                            + " inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10)",
                    "use a private block such as 10.0.0.0/8, or, if the network really uses public addresses your"
                            + " organisation owns, set " + r.path("allowPublicSupernet") + ": true to keep the old behaviour");
        }
        return supernet;
    }

    static void inside(Reporter r, String field, Cidr block, Cidr supernet) {
        if (!supernet.contains(block)) {
            throw r.fail(field, block, "lies outside the supernet " + supernet + " (" + r.path("supernetCidrBlock") + ")",
                    "choose a block inside " + supernet + ", or widen supernetCidrBlock");
        }
    }

    static <T> T required(Reporter r, String field, T value) {
        if (value == null) {
            throw r.fail(field, null, "is required", "pass the " + field + " output of the resource that owns it");
        }
        return value;
    }

    /** {@code required} for an optional input that, when present, must hold an Output. */
    static <T> Optional<Output<T>> optional(Reporter r, String field, Optional<Output<T>> value) {
        if (value == null) {
            return Optional.empty();
        }
        value.ifPresent(v -> required(r, field, v));
        return value;
    }

    /**
     * The zones a VPC spans. {@code azCount} defaults to the number of zones listed, else
     * {@value Defaults#AZ_COUNT_WITHOUT_LIST}; it must be 1 to {@link SubnetPlanner#AZ_SLOTS} and at
     * most the number listed.
     */
    static Zones zones(Reporter r, List<String> availabilityZones, Optional<Integer> azCount) {
        List<String> listed = Defaults.list(availabilityZones);
        for (int i = 0; i < listed.size(); i++) {
            String zone = listed.get(i);
            if (zone == null || zone.isBlank()) {
                throw r.fail("availabilityZones[" + i + "]", zone, "is empty",
                        "write an availability zone name such as us-east-1a, or leave availabilityZones out");
            }
            int first = listed.indexOf(zone);
            if (first < i) {
                throw r.fail("availabilityZones[" + i + "]", zone,
                        "repeats " + r.path("availabilityZones[" + first + "]"),
                        "list each availability zone once");
            }
        }
        long byId = listed.stream().filter(Zones::isZoneId).count();
        if (byId > 0 && byId < listed.size()) {
            throw r.fail("availabilityZones", listed, "mixes AZ names and AZ IDs",
                    "list every zone by name (us-east-1a) or every zone by AZ ID (use1-az1)");
        }
        Optional<Integer> asked = azCount == null ? Optional.empty() : azCount;
        int count = asked.orElse(listed.isEmpty() ? Defaults.AZ_COUNT_WITHOUT_LIST : listed.size());
        int max = SubnetPlanner.AZ_SLOTS;
        if (asked.isPresent() && count < 1) {
            throw r.fail("azCount", count, "must be at least 1", "use from 1 to " + max + " availability zones");
        }
        if (count > max) {
            if (asked.isPresent()) {
                throw r.fail("azCount", count, "is above " + max + ", the most AZs the subnet plan reserves room for",
                        "use from 1 to " + max + " availability zones");
            }
            throw r.fail("availabilityZones", listed, "lists " + count + " zones, but at most " + max + " can be used",
                    "list at most " + max + " zones, or set azCount to pick the first ones");
        }
        if (!listed.isEmpty() && count > listed.size()) {
            throw r.fail("azCount", count, "asks for " + count + " zones but " + r.path("availabilityZones")
                            + " lists only " + listed.size(),
                    "list at least " + count + " zones, lower azCount, or leave availabilityZones out to look them up");
        }
        return new Zones(listed.isEmpty() ? List.of() : listed.subList(0, count), count);
    }

    static int logRetentionDays(Reporter r, int days) {
        if (!LOG_RETENTION_DAYS.contains(days)) {
            throw r.fail("logRetentionDays", days, "is not a retention CloudWatch Logs accepts",
                    "use one of " + new TreeSet<>(LOG_RETENTION_DAYS) + " (0 keeps logs forever)");
        }
        return days;
    }

    static int amazonSideAsn(Reporter r, int asn) {
        if (asn < ASN_PRIVATE_MIN || asn > ASN_PRIVATE_MAX) {
            throw r.fail("amazonSideAsn", asn, "is not a private ASN",
                    "use a private ASN from " + ASN_PRIVATE_MIN + " to " + ASN_PRIVATE_MAX
                            + " (AWS also accepts 4200000000 to 4294967294, but the aws SDK passes"
                            + " amazonSideAsn as a 32-bit signed integer, which cannot hold them)");
        }
        return asn;
    }

    static String instanceType(Reporter r, String instanceType) {
        if (instanceType == null || !INSTANCE_TYPE.matcher(instanceType).matches()) {
            throw r.fail("instanceType", instanceType, "is not an EC2 instance type name",
                    "write family.size in lower case, such as t3.micro or m7i.large");
        }
        return instanceType;
    }

    /**
     * Network Firewall's largest stateful rule group capacity
     * (https://docs.aws.amazon.com/network-firewall/latest/developerguide/quotas.html); a group's
     * capacity is {@link FirewallPolicy#capacity} of its entries.
     */
    static final int MAX_RULE_GROUP_CAPACITY = 30_000;

    /** The most entries whose group capacity AWS accepts. */
    static final int MAX_RULE_GROUP_ENTRIES = MAX_RULE_GROUP_CAPACITY / FirewallPolicy.CAPACITY_PER_ENTRY;

    private static void fitsOneRuleGroup(Reporter r, String field, int entries, String what) {
        if (entries > MAX_RULE_GROUP_ENTRIES) {
            throw r.fail(field, entries + " " + what, "needs a rule group capacity of "
                            + FirewallPolicy.capacity(entries) + ", above Network Firewall's limit of " + MAX_RULE_GROUP_CAPACITY,
                    "give at most " + MAX_RULE_GROUP_ENTRIES + " " + what + " (use a leading dot to cover a domain's subdomains with one entry)");
        }
    }

    static List<String> allowedDomains(Reporter r, List<String> domains) {
        fitsOneRuleGroup(r, "allowedDomains", domains.size(), "domains");
        for (int i = 0; i < domains.size(); i++) {
            String domain = domains.get(i);
            int index = i;
            DomainNames.problem(domain).ifPresent(problem -> {
                throw r.fail("allowedDomains[" + index + "]", domain, problem,
                        "write a domain such as www.example.com, or .example.com for example.com and all its subdomains");
            });
        }
        return List.copyOf(domains);
    }

    /**
     * Suricata rule lines: each starts with an action and carries a sid of its own, as Network
     * Firewall requires of the rules of one group.
     */
    static List<String> statefulRules(Reporter r, List<String> rules) {
        fitsOneRuleGroup(r, "statefulRules", rules.size(), "rules");
        var checked = new ArrayList<String>();
        var sids = new ArrayList<String>();
        for (int i = 0; i < rules.size(); i++) {
            String rule = rules.get(i) == null ? "" : rules.get(i).strip();
            // The entries are joined with line breaks into one rules string: a line break inside
            // an entry would add a rule that no check here has seen.
            if (rule.indexOf('\n') >= 0 || rule.indexOf('\r') >= 0) {
                throw r.fail("statefulRules[" + i + "]", rules.get(i),
                        "holds a line break, so the text after it would become a rule of its own",
                        "put each rule in its own entry, on one line");
            }
            Matcher sid = SID.matcher(rule);
            if (!RULE_ACTION.matcher(rule).lookingAt() || !sid.find()) {
                throw r.fail("statefulRules[" + i + "]", rules.get(i),
                        "is not a Suricata rule with an action and a sid",
                        "write one rule an entry, like: drop tcp $HOME_NET any -> any 23 (msg:\"no telnet\"; sid:2000001; rev:1;)");
            }
            int same = sids.indexOf(sid.group(1));
            if (same >= 0) {
                throw r.fail("statefulRules[" + i + "]", rules.get(i),
                        "reuses sid " + sid.group(1) + " of " + r.path("statefulRules[" + same + "]"),
                        "give every rule its own sid");
            }
            sids.add(sid.group(1));
            checked.add(rule);
        }
        return checked;
    }
}
