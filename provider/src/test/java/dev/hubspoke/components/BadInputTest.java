package dev.hubspoke.components;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.hubspoke.net.InvalidNetworkException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.hubspoke.components.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every input rule: a bad value gets one error naming the component, the property path, the
 * value and the fix, and nothing at all is registered, not even the component.
 */
class BadInputTest {

    record Case(String rule, Runnable construct, String component, String path, String value, String fix,
                String problem) {
        @Override
        public String toString() {
            return rule;
        }
    }

    private static Case bad(String rule, Runnable construct, String component, String path, String value,
                            String fix, String problem) {
        return new Case(rule, construct, component, path, value, fix, problem);
    }

    private static final ComponentResourceOptions NONE = ComponentResourceOptions.Empty;

    static Stream<Case> cases() {
        return Stream.concat(singleStackCases(), SharedNetworkBadInputs.cases());
    }

    private static Stream<Case> singleStackCases() {
        return Stream.of(
                bad("hub ASN outside the private ranges", () -> new Hub("hub",
                                new HubArgs("d", 100, Output.of(TAGS)), NONE),
                        "Hub", "amazonSideAsn", "100", "64512 to 65534", "is not a private ASN"),

                bad("policy supernet with a prefix above 32", () -> new FirewallPolicy("fw",
                                new FirewallPolicyArgs("10.0.0.0/33", List.of(), true, true, List.of(), Output.of(TAGS)), NONE),
                        "FirewallPolicy", "supernetCidrBlock", "10.0.0.0/33", "such as 10.0.0.0/16", "prefix length '33'"),
                bad("a public supernet without allowPublicSupernet", () -> new FirewallPolicy("fw",
                                new FirewallPolicyArgs("8.0.0.0/8", List.of(), true, true, List.of(), Output.of(TAGS)), NONE),
                        "FirewallPolicy", "supernetCidrBlock", "8.0.0.0/8", "set allowPublicSupernet: true to keep the old behaviour",
                        "since hubspoke 0.2.0 the supernet must lie inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10"),
                bad("a supernet straddling a private range", () -> new InspectionVpc("net", new InspectionVpcArgs(
                                "10.129.0.0/24", "0.0.0.0/1", Output.of(TGW_ID), Output.of(SPOKE_RT_ID),
                                Output.of(INSPECTION_RT_ID), List.of(), Optional.of(2), NatGatewayMode.PER_AZ,
                                Optional.empty(), false, false, 30, Output.of(TAGS)), NONE),
                        "InspectionVpc", "supernetCidrBlock", "0.0.0.0/1", "use a private block", "is not a private range"),
                bad("0.0.0.0/0 as the supernet, even with allowPublicSupernet", () -> new HubAndSpoke("net",
                                new HubAndSpokeArgs("0.0.0.0/0", "10.129.0.0/24", List.of(), Optional.empty(), seedSpokes(),
                                        true, List.of(".amazon.com"), List.of(), false, false, 30, NatGatewayMode.PER_AZ,
                                        64512, Output.of(TAGS), true), NONE),
                        "HubAndSpoke", "supernetCidrBlock", "0.0.0.0/0", "such as 10.0.0.0/8", "the whole IPv4 space"),
                bad("domain with a star wildcard", () -> new FirewallPolicy("fw",
                                policy(List.of(".amazon.com", "*.example.com"), true, true, List.of()), NONE),
                        "FirewallPolicy", "allowedDomains[1]", "*.example.com", ".example.com for example.com", "'*' wildcard"),
                bad("domain with a space", () -> new FirewallPolicy("fw",
                                policy(List.of("exa mple.com"), true, true, List.of()), NONE),
                        "FirewallPolicy", "allowedDomains[0]", "exa mple.com", "www.example.com", "label 'exa mple'"),
                bad("stateful rule without a sid", () -> new FirewallPolicy("fw",
                                policy(List.of(), true, true, List.of("pass ip any any -> any any (msg:\"x\";)")), NONE),
                        "FirewallPolicy", "statefulRules[0]", "pass ip any any -> any any (msg:\"x\";)", "sid:2000001",
                        "action and a sid"),
                bad("stateful rules sharing a sid", () -> new FirewallPolicy("fw", policy(List.of(), true, true,
                                List.of("drop tcp any any -> any 23 (sid:7;)", "drop tcp any any -> any 25 (sid:7;)")), NONE),
                        "FirewallPolicy", "statefulRules[1]", "drop tcp any any -> any 25 (sid:7;)", "its own sid",
                        "reuses sid 7 of statefulRules[0]"),

                bad("inspection block too small for three tiers", () -> new InspectionVpc("net",
                                inspection("10.129.0.0/25", List.of(), Optional.of(2), 30), NONE),
                        "InspectionVpc", "cidrBlock", "10.129.0.0/25", "/24 or larger", "no room"),
                bad("inspection block with host bits", () -> new InspectionVpc("net",
                                inspection("10.129.0.1/24", List.of(), Optional.of(2), 30), NONE),
                        "InspectionVpc", "cidrBlock", "10.129.0.1/24", "network address", "host bits set"),
                bad("VPC block larger than /16", () -> new InspectionVpc("net",
                                inspection("10.0.0.0/12", List.of(), Optional.of(2), 30), NONE),
                        "InspectionVpc", "cidrBlock", "10.0.0.0/12", "/16 to /28", "AWS allows"),
                bad("inspection VPC outside the supernet", () -> new InspectionVpc("net",
                                inspection("192.168.0.0/24", List.of(), Optional.of(2), 30), NONE),
                        "InspectionVpc", "cidrBlock", "192.168.0.0/24", "inside 10.0.0.0/8",
                        "outside the supernet 10.0.0.0/8"),
                bad("azCount 0", () -> new InspectionVpc("net",
                                inspection("10.129.0.0/24", List.of(), Optional.of(0), 30), NONE),
                        "InspectionVpc", "azCount", "0", "from 1 to 4", "at least 1"),
                bad("azCount above 4", () -> new InspectionVpc("net",
                                inspection("10.129.0.0/24", List.of(), Optional.of(5), 30), NONE),
                        "InspectionVpc", "azCount", "5", "from 1 to 4", "above 4"),
                bad("azCount above the zones listed", () -> new InspectionVpc("net",
                                inspection("10.129.0.0/24", List.of("us-east-1a", "us-east-1b"), Optional.of(3), 30), NONE),
                        "InspectionVpc", "azCount", "3", "lower azCount", "lists only 2"),
                bad("more than 4 zones listed", () -> new InspectionVpc("net", inspection("10.129.0.0/24",
                                List.of("a-1a", "a-1b", "a-1c", "a-1d", "a-1e"), Optional.empty(), 30), NONE),
                        "InspectionVpc", "availabilityZones", "[a-1a, a-1b, a-1c, a-1d, a-1e]", "at most 4", "5 zones"),
                bad("a zone listed twice", () -> new InspectionVpc("net", inspection("10.129.0.0/24",
                                List.of("us-east-1a", "us-east-1b", "us-east-1a"), Optional.empty(), 30), NONE),
                        "InspectionVpc", "availabilityZones[2]", "us-east-1a", "once", "repeats availabilityZones[0]"),
                bad("log retention CloudWatch does not offer", () -> new InspectionVpc("net",
                                inspection("10.129.0.0/24", List.of(), Optional.of(2), 2), NONE),
                        "InspectionVpc", "logRetentionDays", "2", "one of [0, 1, 3, 5", "CloudWatch"),
                bad("inspection VPC without a transit gateway id", () -> new InspectionVpc("net",
                                new InspectionVpcArgs("10.129.0.0/24", "10.0.0.0/8", null, Output.of(SPOKE_RT_ID),
                                        Output.of(INSPECTION_RT_ID), List.of(), Optional.empty(), NatGatewayMode.PER_AZ,
                                        Optional.empty(), false, false, 30, Output.of(TAGS)), NONE),
                        "InspectionVpc", "transitGatewayId", null, "pass the transitGatewayId", "is required"),

                bad("workload prefix shorter than the VPC's", () -> new SpokeVpc("app",
                                spoke("10.0.0.0/16", Optional.of(15), 28), NONE),
                        "SpokeVpc", "workloadSubnetPrefixLength", "15", "from /16 to /28", "cannot lie in the VPC"),
                bad("workload subnets too large for four AZ slots", () -> new SpokeVpc("app",
                                spoke("10.0.0.0/16", Optional.of(17), 28), NONE),
                        "SpokeVpc", "workloadSubnetPrefixLength", "17", "longer prefix", "no room for 4 workload subnets"),
                bad("spoke VPC too small for the default layout", () -> new SpokeVpc("app",
                                spoke("10.0.0.0/26", Optional.empty(), 28), NONE),
                        "SpokeVpc", "cidrBlock", "10.0.0.0/26", "larger VPC block", "no room"),
                bad("tgw subnets smaller than AWS allows", () -> new SpokeVpc("app",
                                spoke("10.0.0.0/16", Optional.empty(), 29), NONE),
                        "SpokeVpc", "tgwSubnetPrefixLength", "29", "to /28", "cannot lie in the VPC"),

                bad("instance type that is no EC2 type", () -> new SpokeWorkload("probe",
                                new SpokeWorkloadArgs(Output.of("vpc-1"), Output.of("subnet-1"), "T3 Micro",
                                        Optional.empty(), Output.of(TAGS)), NONE),
                        "SpokeWorkload", "instanceType", "T3 Micro", "t3.micro", "not an EC2 instance type"),

                bad("two spokes overlapping", () -> new HubAndSpoke("net", hubAndSpoke(List.of(
                                spec("spoke1", "10.0.0.0/16"), spec("spoke2", "10.0.128.0/17")), true), NONE),
                        "HubAndSpoke", "spokes[1].cidrBlock", "10.0.128.0/17", "its own block",
                        "overlaps spokes[0] (spoke1) 10.0.0.0/16"),
                bad("a spoke overlapping the inspection VPC", () -> new HubAndSpoke("net", hubAndSpoke(List.of(
                                spec("spoke1", "10.0.0.0/16"), spec("spoke2", "10.129.0.0/16")), true), NONE),
                        "HubAndSpoke", "spokes[1].cidrBlock", "10.129.0.0/16", "its own block",
                        "overlaps the inspection VPC (inspectionCidrBlock) 10.129.0.0/24"),
                bad("a spoke outside the supernet", () -> new HubAndSpoke("net", hubAndSpoke(List.of(
                                spec("spoke1", "172.16.0.0/16")), true), NONE),
                        "HubAndSpoke", "spokes[0].cidrBlock", "172.16.0.0/16", "widen supernetCidrBlock",
                        "outside the supernet 10.0.0.0/8 (supernetCidrBlock)"),
                bad("the inspection VPC outside the supernet", () -> new HubAndSpoke("net", new HubAndSpokeArgs(
                                "10.0.0.0/8", "172.16.0.0/24", List.of(), Optional.empty(), seedSpokes(), true,
                                List.of(), List.of(), false, false, 30, NatGatewayMode.PER_AZ, 64512, Output.of(TAGS)), NONE),
                        "HubAndSpoke", "inspectionCidrBlock", "172.16.0.0/24", "inside 10.0.0.0/8", "outside the supernet"),
                bad("a spoke too small for its tiers", () -> new HubAndSpoke("net", hubAndSpoke(List.of(
                                spec("spoke1", "10.0.0.0/26")), true), NONE),
                        "HubAndSpoke", "spokes[0].cidrBlock", "10.0.0.0/26", "larger VPC block", "no room"),
                bad("a spoke's workload prefix that does not fit", () -> new HubAndSpoke("net", hubAndSpoke(List.of(
                                new SpokeSpec("spoke1", "10.0.0.0/16", false, false, Optional.of(12))), true), NONE),
                        "HubAndSpoke", "spokes[0].workloadSubnetPrefixLength", "12", "from /16 to /28", "cannot lie"),
                bad("two spokes with one name", () -> new HubAndSpoke("net", hubAndSpoke(List.of(
                                spec("app", "10.0.0.0/16"), spec("app", "10.1.0.0/16")), true), NONE),
                        "HubAndSpoke", "spokes[1].name", "app", "its own name", "repeats the name of spokes[0]"),
                bad("a spoke name with capitals and underscores", () -> new HubAndSpoke("net", hubAndSpoke(List.of(
                                spec("Spoke_1", "10.0.0.0/16")), true), NONE),
                        "HubAndSpoke", "spokes[0].name", "Spoke_1", "lower-case letters, digits and hyphens",
                        "not a spoke name"),
                bad("a spoke named like the hub's own parts", () -> new HubAndSpoke("net", hubAndSpoke(List.of(
                                spec("inspection", "10.0.0.0/16")), true), NONE),
                        "HubAndSpoke", "spokes[0].name", "inspection", "other than hub, inspection, policy", "reserved"),
                bad("a bad domain in the whole network", () -> new HubAndSpoke("net", new HubAndSpokeArgs(
                                "10.0.0.0/8", "10.129.0.0/24", List.of(), Optional.empty(), seedSpokes(), true,
                                List.of("example..com"), List.of(), false, false, 30, NatGatewayMode.PER_AZ, 64512,
                                Output.of(TAGS)), NONE),
                        "HubAndSpoke", "allowedDomains[0]", "example..com", ".example.com", "empty label"),
                bad("a public ASN for the whole network", () -> new HubAndSpoke("net", new HubAndSpokeArgs(
                                "10.0.0.0/8", "10.129.0.0/24", List.of(), Optional.empty(), seedSpokes(), true,
                                List.of(), List.of(), false, false, 30, NatGatewayMode.PER_AZ, 70000, Output.of(TAGS)), NONE),
                        "HubAndSpoke", "amazonSideAsn", "70000", "64512 to 65534", "not a private ASN"),
                bad("a log retention CloudWatch does not offer for the whole network", () -> new HubAndSpoke("net",
                                new HubAndSpokeArgs("10.0.0.0/8", "10.129.0.0/24", List.of(), Optional.empty(),
                                        seedSpokes(), true, List.of(), List.of(), false, true, 8, NatGatewayMode.PER_AZ,
                                        64512, Output.of(TAGS)), NONE),
                        "HubAndSpoke", "logRetentionDays", "8", "one of", "CloudWatch"),
                bad("azCount above 4 for the whole network", () -> new HubAndSpoke("net", new HubAndSpokeArgs(
                                "10.0.0.0/8", "10.129.0.0/24", List.of(), Optional.of(5), seedSpokes(), true,
                                List.of(), List.of(), false, false, 30, NatGatewayMode.PER_AZ, 64512, Output.of(TAGS)), NONE),
                        "HubAndSpoke", "azCount", "5", "from 1 to 4", "above 4"),
                bad("a supernet that is no CIDR block", () -> new HubAndSpoke("net", new HubAndSpokeArgs(
                                "10.0.0/8", "10.129.0.0/24", List.of(), Optional.empty(), seedSpokes(), true,
                                List.of(), List.of(), false, false, 30, NatGatewayMode.PER_AZ, 64512, Output.of(TAGS)), NONE),
                        "HubAndSpoke", "supernetCidrBlock", "10.0.0/8", "such as 10.0.0.0/16", "IPv4 address"));
    }

    private static SpokeSpec spec(String name, String cidr) {
        return new SpokeSpec(name, cidr, true, false, Optional.empty());
    }

    private static InspectionVpcArgs inspection(String cidr, List<String> zones, Optional<Integer> azCount, int retention) {
        return new InspectionVpcArgs(cidr, "10.0.0.0/8", Output.of(TGW_ID), Output.of(SPOKE_RT_ID),
                Output.of(INSPECTION_RT_ID), zones, azCount, NatGatewayMode.PER_AZ, Optional.empty(), false, false,
                retention, Output.of(TAGS));
    }

    private static SpokeVpcArgs spoke(String cidr, Optional<Integer> workloadPrefix, int tgwPrefix) {
        return new SpokeVpcArgs(cidr, Output.of(TGW_ID), Output.of(SPOKE_RT_ID), Output.of(INSPECTION_RT_ID),
                List.of(), Optional.of(2), workloadPrefix, tgwPrefix, false, false, 30, Output.of(TAGS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRejectedWithOneClearErrorBeforeAnyResourceIsRegistered(Case c) {
        var run = MockRun.of(ctx -> c.construct().run());

        // The SDK reports a failed program both bare and wrapped: count distinct errors.
        var errors = run.exceptions().stream()
                .flatMap(BadInputTest::causes)
                .filter(InvalidNetworkException.class::isInstance)
                .map(InvalidNetworkException.class::cast)
                .distinct()
                .toList();
        assertEquals(1, errors.size(), "one InvalidNetworkException among " + run.exceptions());
        var error = errors.get(0);
        assertEquals(c.component(), error.component());
        assertEquals(c.path(), error.propertyPath());
        assertEquals(c.value(), error.value());
        assertTrue(error.fix().contains(c.fix()), "fix: " + error.fix());
        assertTrue(error.problem().contains(c.problem()), "problem: " + error.problem());
        assertTrue(error.getMessage().startsWith(c.component() + " '"), error.getMessage());
        assertTrue(error.getMessage().contains(c.path()), error.getMessage());
        assertEquals(List.of(), run.all(), "nothing may be registered");
    }

    private static Stream<Throwable> causes(Throwable e) {
        return e == null ? Stream.empty() : Stream.concat(Stream.of(e), causes(e.getCause()));
    }
}
