package dev.hubspoke.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import com.pulumi.core.internal.OutputData;
import com.pulumi.provider.internal.properties.PropertyValue;
import com.pulumi.provider.internal.properties.PropertyValue.OutputReference;
import dev.hubspoke.components.FirewallPolicyArgs;
import dev.hubspoke.components.HubAndSpokeArgs;
import dev.hubspoke.components.HubArgs;
import dev.hubspoke.components.InspectionVpcArgs;
import dev.hubspoke.components.NatGatewayMode;
import dev.hubspoke.components.SpokeSpec;
import dev.hubspoke.components.SpokeVpcArgs;
import dev.hubspoke.components.SpokeWorkloadArgs;
import dev.hubspoke.net.InvalidNetworkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputDecoderTest {

    private static final String HUB = "hubspoke:index:Hub";
    private static final String POLICY = "hubspoke:index:FirewallPolicy";
    private static final String INSPECTION = "hubspoke:index:InspectionVpc";
    private static final String SPOKE = "hubspoke:index:SpokeVpc";
    private static final String WORKLOAD = "hubspoke:index:SpokeWorkload";
    private static final String BLUEPRINT = "hubspoke:index:HubAndSpoke";
    private static final String HUB_URN = "urn:pulumi:dev::net::hubspoke:index:Hub::hub";
    private static final String TGW_URN = "urn:pulumi:dev::net::hubspoke:index:Hub$aws:ec2transitgateway/transitGateway:TransitGateway::hub";

    // ---- defaults ----

    @Test
    void hubAndSpokeWithNoInputsGetsTheSeedLayout() {
        var args = (HubAndSpokeArgs) InputDecoder.decode(BLUEPRINT, "net", Map.of());
        assertEquals("10.0.0.0/8", args.supernetCidrBlock());
        assertEquals("10.129.0.0/24", args.inspectionCidrBlock());
        assertEquals(List.of(
                new SpokeSpec("spoke1", "10.0.0.0/16", true, Optional.empty(), Optional.empty()),
                new SpokeSpec("spoke2", "10.1.0.0/16", true, Optional.empty(), Optional.empty())), args.spokes());
        assertTrue(args.spokes().stream().allMatch(SpokeSpec::wantsSsmEndpoints), "a workload spoke gets SSM endpoints");
        assertEquals(List.of(), args.availabilityZones());
        assertEquals(Optional.empty(), args.azCount());
        assertEquals(NatGatewayMode.PER_AZ, args.natGateways());
        assertTrue(args.firewall());
        assertEquals(List.of(".amazon.com"), args.allowedDomains());
        assertEquals(List.of(), args.statefulRules());
        assertFalse(args.firewallLogging());
        assertFalse(args.flowLogs());
        assertEquals(30, args.logRetentionDays());
        assertEquals(64512, args.amazonSideAsn());
        assertEquals(Map.of(), data(args.tags()).getValueNullable());
    }

    @Test
    void primitiveDefaultsAreTheSchemaDefaults() {
        var hub = (HubArgs) InputDecoder.decode(HUB, "hub", Map.of());
        assertEquals("hubspoke Transit Gateway", hub.description());
        assertEquals(64512, hub.amazonSideAsn());
        var policy = (FirewallPolicyArgs) InputDecoder.decode(POLICY, "policy", Map.of());
        assertTrue(policy.allowIcmpWithinSupernet() && policy.dropSsh());
        var workload = (SpokeWorkloadArgs) InputDecoder.decode(WORKLOAD, "probe",
                Map.of("vpcId", str("vpc-1"), "subnetId", str("subnet-1")));
        assertEquals("t3.micro", workload.instanceType());
        assertEquals(Optional.empty(), workload.amiId());
    }

    @Test
    void givenValuesWinOverDefaultsAndNullMeansNotSet() {
        var args = (SpokeVpcArgs) InputDecoder.decode(SPOKE, "spoke-a", spokeInputs(Map.of(
                "availabilityZones", list(str("us-east-1a"), str("us-east-1b"), str("us-east-1c")),
                "azCount", num(3),
                "workloadSubnetPrefixLength", num(20),
                "ssmEndpoints", PropertyValue.of(true),
                "logRetentionDays", PropertyValue.NULL)));
        assertEquals("10.2.0.0/16", args.cidrBlock());
        assertEquals(List.of("us-east-1a", "us-east-1b", "us-east-1c"), args.availabilityZones());
        assertEquals(Optional.of(3), args.azCount());
        assertEquals(Optional.of(20), args.workloadSubnetPrefixLength());
        assertEquals(28, args.tgwSubnetPrefixLength());
        assertTrue(args.ssmEndpoints());
        assertEquals(30, args.logRetentionDays());
        assertEquals("tgw-1", data(args.transitGatewayId()).getValueNullable());
    }

    @Test
    void secretWrappersAroundPlainValuesAreUnwrapped() {
        var args = (SpokeVpcArgs) InputDecoder.decode(SPOKE, "spoke-a", spokeInputs(Map.of(
                "cidrBlock", PropertyValue.ofSecret(str("10.9.0.0/16")),
                "flowLogs", PropertyValue.of(new OutputReference(PropertyValue.of(true), Set.of(HUB_URN))))));
        assertEquals("10.9.0.0/16", args.cidrBlock());
        assertTrue(args.flowLogs());
    }

    // ---- ids and tags stay Outputs ----

    @Test
    void plainIdIsAKnownOutputWithoutDependencies() {
        OutputData<String> id = data(spoke(Map.of()).transitGatewayId());
        assertEquals("tgw-1", id.getValueNullable());
        assertTrue(id.isKnown());
        assertFalse(id.isSecret());
        assertTrue(id.getResources().isEmpty());
    }

    @Test
    void secretIdStaysSecret() {
        OutputData<String> id = data(spoke(Map.of("transitGatewayId", PropertyValue.ofSecret(str("tgw-9"))))
                .transitGatewayId());
        assertTrue(id.isSecret());
        assertEquals("tgw-9", id.getValueNullable());
    }

    @Test
    void computedIdBecomesUnknown() {
        OutputData<String> id = data(spoke(Map.of("transitGatewayId", PropertyValue.COMPUTED)).transitGatewayId());
        assertFalse(id.isKnown());
        assertFalse(id.isSecret());
    }

    @Test
    void outputReferenceKeepsItsValueAndDependencies() {
        OutputData<String> id = data(spoke(Map.of("transitGatewayId",
                PropertyValue.of(new OutputReference(str("tgw-7"), Set.of(HUB_URN, TGW_URN))))).transitGatewayId());
        assertEquals("tgw-7", id.getValueNullable());
        assertEquals(Set.of(HUB_URN, TGW_URN), urns(id));
    }

    @Test
    void unknownOutputReferenceStaysUnknownAndKeepsDependencies() {
        OutputData<String> id = data(spoke(Map.of("spokeRouteTableId",
                PropertyValue.of(new OutputReference(null, Set.of(HUB_URN))))).spokeRouteTableId().orElseThrow());
        assertFalse(id.isKnown());
        assertEquals(Set.of(HUB_URN), urns(id));
    }

    @Test
    void secretOutputReferenceIsSecretWithItsDependencies() {
        OutputData<String> id = data(spoke(Map.of("inspectionRouteTableId", PropertyValue.ofSecret(
                PropertyValue.of(new OutputReference(str("tgw-rtb-2"), Set.of(HUB_URN)))))).inspectionRouteTableId().orElseThrow());
        assertTrue(id.isSecret());
        assertEquals("tgw-rtb-2", id.getValueNullable());
        assertEquals(Set.of(HUB_URN), urns(id));
    }

    @Test
    void optionalIdIsAbsentUnlessGiven() {
        var without = (InspectionVpcArgs) InputDecoder.decode(INSPECTION, "inspection", inspectionInputs(Map.of()));
        assertEquals(Optional.empty(), without.firewallPolicyArn());
        var with = (InspectionVpcArgs) InputDecoder.decode(INSPECTION, "inspection", inspectionInputs(Map.of(
                "firewallPolicyArn", PropertyValue.of(new OutputReference(null, Set.of(HUB_URN))))));
        OutputData<String> arn = data(with.firewallPolicyArn().orElseThrow());
        assertFalse(arn.isKnown());
        assertEquals(Set.of(HUB_URN), urns(arn));
    }

    @Test
    void tagsWithASecretValueBecomeASecretMap() {
        OutputData<Map<String, String>> tags = data(spoke(Map.of("tags", PropertyValue.of(Map.of(
                "team", str("net"), "cost-center", PropertyValue.ofSecret(str("42")))))).tags());
        assertTrue(tags.isSecret());
        assertEquals(Map.of("team", "net", "cost-center", "42"), tags.getValueNullable());
    }

    @Test
    void tagsWithAnOutputValueDependOnItAndAreUnknownWhileItIs() {
        OutputData<Map<String, String>> tags = data(spoke(Map.of("tags", PropertyValue.of(Map.of(
                "team", str("net"), "owner", PropertyValue.of(new OutputReference(null, Set.of(HUB_URN))))))).tags());
        assertFalse(tags.isKnown());
        assertFalse(tags.isSecret());
        assertEquals(Set.of(HUB_URN), urns(tags));
    }

    @Test
    void plainTagsStayPlain() {
        OutputData<Map<String, String>> tags = data(spoke(Map.of("tags", PropertyValue.of(Map.of(
                "team", str("net"))))).tags());
        assertFalse(tags.isSecret());
        assertEquals(Map.of("team", "net"), tags.getValueNullable());
    }

    // ---- JSON and YAML go through the same decoder ----

    @Test
    void yamlConfigDecodesWithTheSameDefaults() throws IOException {
        JsonNode config = new YAMLMapper().readTree("""
                supernetCidrBlock: 10.0.0.0/8
                azCount: 3
                natGateways: single
                spokes:
                  - name: prod
                    cidrBlock: 10.4.0.0/16
                    workloadSubnetPrefixLength: 22
                  - name: dev
                    cidrBlock: 10.5.0.0/20
                    workload: true
                tags:
                  team: net
                """);
        var args = (HubAndSpokeArgs) InputDecoder.decodeJson(BLUEPRINT, "net", config);
        assertEquals(Optional.of(3), args.azCount());
        assertEquals(NatGatewayMode.SINGLE, args.natGateways());
        assertEquals(List.of(
                new SpokeSpec("prod", "10.4.0.0/16", false, Optional.empty(), Optional.of(22)),
                new SpokeSpec("dev", "10.5.0.0/20", true, Optional.empty(), Optional.empty())), args.spokes());
        assertEquals(Map.of("team", "net"), data(args.tags()).getValueNullable());
    }

    @Test
    void jsonErrorsAreTheSameAsConstructErrors() throws IOException {
        var e = assertThrows(InvalidNetworkException.class, () -> InputDecoder.decodeJson(BLUEPRINT, "net",
                new ObjectMapper().readTree("{\"spokes\": [{\"name\": \"a\", \"cidrBlock\": \"10.0.0.0/16\"}, "
                        + "{\"name\": \"b\", \"cidrBlock\": 10}]}")));
        assertEquals("HubAndSpoke 'net': spokes[1].cidrBlock = 10: expected a CIDR string such as 10.0.0.0/16, "
                + "got a number. Fix: set spokes[1].cidrBlock to a CIDR string such as 10.0.0.0/16.", e.getMessage());
    }

    @Test
    void emptyOrNullJsonMeansNoInputs() throws IOException {
        var args = (HubArgs) InputDecoder.decodeJson(HUB, "hub", new ObjectMapper().readTree("null"));
        assertEquals(64512, args.amazonSideAsn());
    }

    @Test
    void jsonThatIsNotAnObjectIsRejected() throws IOException {
        var e = assertThrows(InvalidNetworkException.class,
                () -> InputDecoder.decodeJson(HUB, "hub", new ObjectMapper().readTree("[1, 2]")));
        assertEquals("inputs", e.propertyPath());
        assertEquals("Hub", e.component());
    }

    // ---- errors: complete messages ----

    @Test
    void missingRequiredInputNamesComponentResourcePropertyAndFix() {
        Map<String, PropertyValue> inputs = new HashMap<>(spokeInputs(Map.of()));
        inputs.remove("cidrBlock");
        var e = assertThrows(InvalidNetworkException.class, () -> InputDecoder.decode(SPOKE, "spoke-a", inputs));
        assertEquals("SpokeVpc 'spoke-a': cidrBlock: is required. Fix: set cidrBlock to a CIDR string such as "
                + "10.0.0.0/16 (IPv4 CIDR block of the spoke VPC, e.g. 10.0.0.0/16, from /16 to /25).", e.getMessage());
        assertNull(e.value());
    }

    @Test
    void unknownCidrSaysItMustBeKnownBeforeAnyResourceIsCreated() {
        var e = assertThrows(InvalidNetworkException.class,
                () -> spoke(Map.of("cidrBlock", PropertyValue.of(new OutputReference(null, Set.of(HUB_URN))))));
        assertEquals("SpokeVpc 'spoke-a': cidrBlock = (unknown): is unknown at this time, but must be known before "
                + "any resource is created because hubspoke plans addresses up front. Fix: pass a literal or config "
                + "value, not the output of another resource.", e.getMessage());
    }

    @Test
    void unknownPropertySuggestsTheClosestKnownOne() {
        var e = assertThrows(InvalidNetworkException.class, () -> spoke(Map.of("cidr_block", str("10.0.0.0/16"))));
        assertEquals("SpokeVpc 'spoke-a': cidr_block = 10.0.0.0/16: is not a property of SpokeVpc "
                + "(did you mean cidrBlock?). Fix: rename it to cidrBlock.", e.getMessage());
    }

    @Test
    void unknownTypeTokenListsTheKnownOnes() {
        var e = assertThrows(InvalidNetworkException.class,
                () -> InputDecoder.decode("hubspoke:index:Spoke", "s", Map.of()));
        assertEquals("type", e.propertyPath());
        assertEquals("hubspoke:index:Spoke", e.value());
        assertEquals("use one of hubspoke:index:Hub, hubspoke:index:FirewallPolicy, hubspoke:index:InspectionVpc, "
                + "hubspoke:index:SpokeVpc, hubspoke:index:SpokeAttachment, hubspoke:index:SpokeWorkload, hubspoke:index:HubAndSpoke", e.fix());
    }

    @Test
    void secretValuesAreNeverShownInErrors() {
        var e = assertThrows(InvalidNetworkException.class, () -> spoke(Map.of("tags", PropertyValue.of(Map.of(
                "password", PropertyValue.ofSecret(PropertyValue.of(1234.0)))))));
        assertEquals("tags.password", e.propertyPath());
        assertEquals("[secret]", e.value());
        assertFalse(e.getMessage().contains("1234"));
    }

    // ---- errors: one row per kind of bad input ----

    static Stream<Arguments> badInputs() {
        return Stream.of(
                bad("required SpokeSpec name missing", BLUEPRINT,
                        json("{\"spokes\": [{\"cidrBlock\": \"10.0.0.0/16\"}]}"),
                        "spokes[0].name", null, "is required", "set spokes[0].name to a string"),
                bad("number where a CIDR belongs", SPOKE, spokeInputs(Map.of("cidrBlock", num(10))),
                        "cidrBlock", "10", "expected a CIDR string such as 10.0.0.0/16, got a number",
                        "set cidrBlock to a CIDR string such as 10.0.0.0/16"),
                bad("string where a boolean belongs", BLUEPRINT, json("{\"firewall\": \"yes\"}"),
                        "firewall", "yes", "expected true or false, got a string", "set firewall to true or false"),
                bad("string where a list belongs", POLICY, json("{\"allowedDomains\": \".example.com\"}"),
                        "allowedDomains", ".example.com", "expected a list of strings, got a string",
                        "set allowedDomains to a list of strings"),
                bad("number inside a list of strings", POLICY, json("{\"allowedDomains\": [\".a.com\", 7]}"),
                        "allowedDomains[1]", "7", "expected a string, got a number", "set allowedDomains[1] to a string"),
                bad("object where a list of spokes belongs", BLUEPRINT,
                        json("{\"spokes\": {\"name\": \"a\", \"cidrBlock\": \"10.0.0.0/16\"}}"),
                        "spokes", "{cidrBlock: \"10.0.0.0/16\", name: \"a\"}",
                        "expected a list of SpokeSpec objects, got an object", "set spokes to a list of SpokeSpec objects"),
                bad("string where a spoke object belongs", BLUEPRINT, json("{\"spokes\": [\"spoke1\"]}"),
                        "spokes[0]", "spoke1", "expected an object with name and cidrBlock, got a string",
                        "set spokes[0] to an object with name and cidrBlock"),
                bad("number as a tag value", HUB, json("{\"tags\": {\"team\": 5}}"),
                        "tags.team", "5", "expected a string, got a number", "set tags.team to a string"),
                bad("tag key that is not an identifier", HUB, json("{\"tags\": {\"cost center\": true}}"),
                        "tags[\"cost center\"]", "true", "expected a string, got a boolean",
                        "set tags[\"cost center\"] to a string"),
                bad("list where tags belong", HUB, json("{\"tags\": [\"team\"]}"),
                        "tags", "[\"team\"]", "expected a map of names to strings, got a list",
                        "set tags to a map of names to strings"),
                bad("number where an id belongs", SPOKE, spokeInputs(Map.of("transitGatewayId", num(12))),
                        "transitGatewayId", "12", "expected a string, got a number", "set transitGatewayId to a string"),
                bad("integer with a fraction", SPOKE, spokeInputs(Map.of("azCount", num(2.5))),
                        "azCount", "2.5", "is not a whole number", "use a whole number such as 2 or 3"),
                bad("integer out of range", HUB, json("{\"amazonSideAsn\": 4200000000}"),
                        "amazonSideAsn", "4200000000", "is out of range", "use a whole number from"),
                bad("enum value in the wrong case", BLUEPRINT, json("{\"natGateways\": \"perAZ\"}"),
                        "natGateways", "perAZ", "is not one of the allowed values perAz, single (did you mean perAz?)",
                        "use perAz"),
                bad("enum value far from any allowed", INSPECTION, inspectionInputs(Map.of("natGateways", str("none"))),
                        "natGateways", "none", "is not one of the allowed values perAz, single",
                        "use one of perAz, single"),
                bad("misspelt top-level property", SPOKE, spokeInputs(Map.of("azcount", num(2))),
                        "azcount", "2", "is not a property of SpokeVpc (did you mean azCount?)", "rename it to azCount"),
                bad("misspelt SpokeSpec property", BLUEPRINT,
                        json("{\"spokes\": [{\"name\": \"a\", \"cidr\": \"10.0.0.0/16\"}]}"),
                        "spokes[0].cidr", "10.0.0.0/16", "is not a property of SpokeSpec (did you mean cidrBlock?)",
                        "rename it to cidrBlock"),
                bad("property no component has", HUB, json("{\"region\": \"us-east-1\"}"),
                        "region", "us-east-1", "is not a property of Hub",
                        "remove it, or use one of description, amazonSideAsn, tags"),
                bad("computed CIDR", BLUEPRINT, Map.of("supernetCidrBlock", PropertyValue.COMPUTED),
                        "supernetCidrBlock", "(unknown)", "must be known before any resource is created",
                        "pass a literal or config value"),
                bad("computed azCount", SPOKE, spokeInputs(Map.of("azCount", PropertyValue.COMPUTED)),
                        "azCount", "(unknown)", "hubspoke plans addresses up front", "pass a literal or config value"),
                bad("output without a value for a boolean", BLUEPRINT,
                        Map.of("firewall", PropertyValue.of(new OutputReference(null, Set.of(HUB_URN)))),
                        "firewall", "(unknown)", "is unknown at this time", "pass a literal or config value"),
                bad("computed enum", BLUEPRINT, Map.of("natGateways", PropertyValue.COMPUTED),
                        "natGateways", "(unknown)", "is unknown at this time", "pass a literal or config value"),
                bad("computed list", POLICY, Map.of("allowedDomains", PropertyValue.COMPUTED),
                        "allowedDomains", "(unknown)", "is unknown at this time", "pass a literal or config value"),
                bad("computed list element", BLUEPRINT,
                        Map.of("availabilityZones", list(str("us-east-1a"), PropertyValue.COMPUTED)),
                        "availabilityZones[1]", "(unknown)", "is unknown at this time", "pass a literal or config value"),
                bad("secret computed CIDR in a spoke", BLUEPRINT, json("{\"spokes\": [{\"name\": \"a\"}]}",
                                "spokes", list(PropertyValue.of(Map.of("name", str("a"),
                                        "cidrBlock", PropertyValue.ofSecret(PropertyValue.COMPUTED))))),
                        "spokes[0].cidrBlock", "[secret]", "is unknown at this time", "pass a literal or config value"),
                bad("secret number where a CIDR belongs", SPOKE,
                        spokeInputs(Map.of("cidrBlock", PropertyValue.ofSecret(num(10)))),
                        "cidrBlock", "[secret]", "expected a CIDR string such as 10.0.0.0/16, got a number",
                        "set cidrBlock to a CIDR string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsRejectedWithPathValueProblemAndFix(String caseName, String type, Map<String, PropertyValue> inputs,
                                                      String path, String value, String problem, String fix) {
        var e = assertThrows(InvalidNetworkException.class, () -> InputDecoder.decode(type, "it", inputs));
        assertEquals(type.substring(type.lastIndexOf(':') + 1), e.component());
        assertEquals("it", e.resourceName());
        assertEquals(path, e.propertyPath());
        assertEquals(value, e.value());
        assertTrue(e.problem().contains(problem), e.problem());
        assertTrue(e.fix().contains(fix), e.fix());
        assertTrue(e.getMessage().startsWith(e.component() + " 'it': " + path), e.getMessage());
    }

    private static Arguments bad(String caseName, String type, Map<String, PropertyValue> inputs, String path,
                                 String value, String problem, String fix) {
        return Arguments.of(caseName, type, inputs, path, value, problem, fix);
    }

    // ---- helpers ----

    private static SpokeVpcArgs spoke(Map<String, PropertyValue> overrides) {
        return (SpokeVpcArgs) InputDecoder.decode(SPOKE, "spoke-a", spokeInputs(overrides));
    }

    private static Map<String, PropertyValue> spokeInputs(Map<String, PropertyValue> overrides) {
        Map<String, PropertyValue> inputs = new HashMap<>(Map.of(
                "cidrBlock", str("10.2.0.0/16"),
                "transitGatewayId", str("tgw-1"),
                "spokeRouteTableId", str("tgw-rtb-1"),
                "inspectionRouteTableId", str("tgw-rtb-2")));
        inputs.putAll(overrides);
        return inputs;
    }

    private static Map<String, PropertyValue> inspectionInputs(Map<String, PropertyValue> overrides) {
        Map<String, PropertyValue> inputs = spokeInputs(Map.of("cidrBlock", str("10.129.0.0/24")));
        inputs.putAll(overrides);
        return inputs;
    }

    /** Inputs written as JSON, optionally with some properties replaced by values JSON cannot express. */
    private static Map<String, PropertyValue> json(String text, Object... replacements) {
        try {
            Map<String, PropertyValue> inputs =
                    new HashMap<>(InputDecoder.fromJson(new ObjectMapper().readTree(text)).getObjectValue());
            for (int i = 0; i < replacements.length; i += 2) {
                inputs.put((String) replacements[i], (PropertyValue) replacements[i + 1]);
            }
            return inputs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PropertyValue str(String s) {
        return PropertyValue.of(s);
    }

    private static PropertyValue num(double d) {
        return PropertyValue.of(d);
    }

    private static PropertyValue list(PropertyValue... items) {
        return PropertyValue.of(List.of(items));
    }

    private static <T> OutputData<T> data(Output<T> output) {
        return Internal.of(output).getDataAsync().join();
    }

    private static Set<String> urns(OutputData<?> data) {
        return data.getResources().stream()
                .map(r -> Internal.of(r.urn()).getDataAsync().join().getValueNullable())
                .collect(Collectors.toSet());
    }
}
