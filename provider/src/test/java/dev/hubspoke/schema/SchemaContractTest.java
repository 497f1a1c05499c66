package dev.hubspoke.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.core.Output;
import com.pulumi.provider.internal.properties.PropertyValue;
import dev.hubspoke.components.AddressBookEntry;
import dev.hubspoke.components.HubspokeComponent;
import dev.hubspoke.components.NatGatewayMode;
import dev.hubspoke.components.SpokeSpec;
import dev.hubspoke.schema.PackageSchema.ComponentSpec;
import dev.hubspoke.schema.PackageSchema.Kind;
import dev.hubspoke.schema.PackageSchema.ObjectSpec;
import dev.hubspoke.schema.PackageSchema.PropertySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** schema.json and the Java input contract (the Args records) cannot drift apart. */
class SchemaContractTest {

    private static final PackageSchema SCHEMA = PackageSchema.get();
    private static final String TYPES = "hubspoke:index:";

    /** The outputs of every component, as the contract lists them; optional ones marked with '?'. */
    private static final Map<String, List<String>> CONTRACT_OUTPUTS = Map.of(
            "Hub", List.of("transitGatewayId", "transitGatewayArn", "spokeRouteTableId", "inspectionRouteTableId",
                    "resourceShareArn?"),
            "FirewallPolicy", List.of("arn", "name", "ruleGroupArns"),
            "InspectionVpc", List.of("vpcId", "availabilityZones", "availabilityZoneIds", "publicSubnetIds", "firewallSubnetIds",
                    "tgwSubnetIds", "publicRouteTableIds", "firewallRouteTableIds", "tgwRouteTableIds",
                    "internetGatewayId", "natGatewayIds", "natPublicIps", "transitGatewayAttachmentId", "firewallArn?"),
            "SpokeVpc", List.of("vpcId", "cidrBlock", "availabilityZones", "availabilityZoneIds", "workloadSubnetIds", "tgwSubnetIds", "routeTableIds",
                    "tgwRouteTableIds", "transitGatewayAttachmentId", "ssmEndpointIds"),
            "SpokeWorkload", List.of("instanceId", "privateIp", "securityGroupId", "roleArn"),
            "HubAndSpoke", List.of("transitGatewayId", "spokeRouteTableId", "inspectionRouteTableId",
                    "inspectionVpcId", "natPublicIps", "spokeVpcIds", "spokeWorkloadSubnetIds", "spokeAttachmentIds",
                    "workloadInstanceIds", "workloadPrivateIps", "firewallArn?", "firewallPolicyArn?", "resourceShareArn?",
                    "addressBook"),
            "SpokeAttachment", List.of("transitGatewayAttachmentId"));

    static List<String> componentTokens() {
        return SCHEMA.componentTokens();
    }

    @Test
    void schemaDeclaresTheSevenComponentsEachWithAnArgsRecord() {
        assertEquals(Set.of("Hub", "FirewallPolicy", "InspectionVpc", "SpokeVpc", "SpokeAttachment", "SpokeWorkload",
                        "HubAndSpoke"),
                componentTokens().stream().map(t -> t.substring(TYPES.length())).collect(Collectors.toSet()));
        assertEquals(Set.copyOf(componentTokens()), InputDecoder.ARGS.keySet());
        componentTokens().forEach(t -> assertEquals(t.substring(TYPES.length()) + "Args",
                InputDecoder.ARGS.get(t).getSimpleName()));
    }

    @Test
    void packageIsNamedHubspokeAndVersionedLikeTheBuild() throws IOException {
        var build = new Properties();
        try (var in = getClass().getResourceAsStream("/dev/hubspoke/version.properties")) {
            build.load(in);
        }
        assertEquals("hubspoke", SCHEMA.name());
        assertEquals(build.getProperty("version"), SCHEMA.version());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("componentTokens")
    void argsRecordComponentsAreTheSchemaInputsInSchemaOrder(String token) {
        ComponentSpec component = SCHEMA.component(token).orElseThrow();
        assertEquals(List.copyOf(component.inputs().properties().keySet()), names(InputDecoder.ARGS.get(token)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("componentTokens")
    void argsJavaTypesAgreeWithSchemaTypes(String token) {
        assertTypesAgree(InputDecoder.ARGS.get(token), SCHEMA.component(token).orElseThrow().inputs());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("componentTokens")
    void requiredInputsAreExactlyTheNonOptionalInputsWithoutDefault(String token) {
        assertRequiredAreTheUndefaulted(InputDecoder.ARGS.get(token), SCHEMA.component(token).orElseThrow().inputs());
    }

    @Test
    void spokeSpecRecordMatchesItsSchemaType() {
        ObjectSpec spec = SCHEMA.objectType(TYPES + "SpokeSpec").orElseThrow();
        assertEquals(List.copyOf(spec.properties().keySet()), names(SpokeSpec.class));
        assertTypesAgree(SpokeSpec.class, spec);
        assertRequiredAreTheUndefaulted(SpokeSpec.class, spec);
        assertEquals(Set.of("name", "cidrBlock"), spec.required());
    }

    @Test
    void addressBookEntryRecordMatchesItsSchemaType() {
        ObjectSpec spec = SCHEMA.objectType(TYPES + "AddressBookEntry").orElseThrow();
        assertEquals(List.copyOf(spec.properties().keySet()), names(AddressBookEntry.class));
        assertTypesAgree(AddressBookEntry.class, spec);
        assertEquals(Set.of("cidrBlock", "availabilityZoneIds", "transitGatewayId"), spec.required());
    }

    @Test
    void natGatewayModeValuesAreTheSchemaEnumValues() {
        PropertySpec natGateways = SCHEMA.component(TYPES + "HubAndSpoke").orElseThrow()
                .inputs().properties().get("natGateways");
        assertEquals(Kind.ENUM, natGateways.kind());
        assertEquals(Arrays.stream(NatGatewayMode.values()).map(NatGatewayMode::schemaValue).toList(),
                natGateways.enumValues());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("componentTokens")
    void schemaOutputsAreTheContractOutputs(String token) {
        List<String> contract = CONTRACT_OUTPUTS.get(token.substring(TYPES.length()));
        ObjectSpec outputs = SCHEMA.component(token).orElseThrow().outputs();
        assertEquals(contract.stream().map(o -> o.replace("?", "")).toList(), List.copyOf(outputs.properties().keySet()));
        assertEquals(contract.stream().filter(o -> !o.endsWith("?")).collect(Collectors.toSet()), outputs.required());
    }

    /**
     * Checks a constructed component against the schema: every output it registers is a schema
     * output and every required schema output is there. The component tests (under Pulumi mocks)
     * call this for each component they build.
     */
    static void assertComponentOutputsMatchSchema(String token, HubspokeComponent component) {
        ObjectSpec outputs = SCHEMA.component(token).orElseThrow().outputs();
        Set<String> registered = component.outputs().keySet();
        assertTrue(outputs.properties().keySet().containsAll(registered),
                token + " registers outputs the schema lacks: " + registered);
        assertTrue(registered.containsAll(outputs.required()),
                token + " misses required outputs; it registers " + registered);
    }

    @Test
    void componentOutputCheckAcceptsTheSchemaOutputsAndRejectsMissingOrExtraOnes() {
        String token = TYPES + "InspectionVpc";
        Set<String> required = SCHEMA.component(token).orElseThrow().outputs().required();
        assertComponentOutputsMatchSchema(token, withOutputs(required));
        assertComponentOutputsMatchSchema(token, withOutputs(append(required, "firewallArn")));
        assertThrows(AssertionError.class, () -> assertComponentOutputsMatchSchema(token,
                withOutputs(required.stream().filter(o -> !o.equals("vpcId")).collect(Collectors.toSet()))));
        assertThrows(AssertionError.class,
                () -> assertComponentOutputsMatchSchema(token, withOutputs(append(required, "vpcArn"))));
    }

    @Test
    void everyResourceTypePropertyAndEnumValueHasADescription() throws IOException {
        JsonNode root = new ObjectMapper().readTree(SCHEMA.bytes());
        List<String> undocumented = new ArrayList<>();
        root.path("resources").fields().forEachRemaining(r -> {
            requireDescription(r.getKey(), r.getValue(), undocumented);
            for (String properties : List.of("inputProperties", "properties")) {
                r.getValue().path(properties).fields().forEachRemaining(p ->
                        requireDescription(r.getKey() + "." + p.getKey(), p.getValue(), undocumented));
            }
        });
        root.path("types").fields().forEachRemaining(t -> {
            requireDescription(t.getKey(), t.getValue(), undocumented);
            t.getValue().path("properties").fields().forEachRemaining(p ->
                    requireDescription(t.getKey() + "." + p.getKey(), p.getValue(), undocumented));
            t.getValue().path("enum").forEach(v ->
                    requireDescription(t.getKey() + "=" + v.path("value").asText(), v, undocumented));
        });
        assertEquals(List.of(), undocumented);
        assertFalse(root.path("description").asText().isBlank());
    }

    @Test
    void everyDefaultIsStatedInItsDescription() {
        List<String> unstated = new ArrayList<>();
        allInputs().forEach((where, p) -> {
            List<String> texts = new ArrayList<>();
            p.defaultValue().ifPresent(d -> texts.add(d.asText()));
            Optional.ofNullable(InputDecoder.ARRAY_DEFAULTS.get(p.name()))
                    .ifPresent(json -> collectStrings(InputDecoder.fromJson(readJson(json)), texts));
            if (!texts.isEmpty() && !p.description().contains("Defaults to")) {
                unstated.add(where);
            }
            texts.stream().filter(t -> !p.description().contains(t)).forEach(t -> unstated.add(where + ": " + t));
        });
        assertEquals(List.of(), unstated);
    }

    private static void collectStrings(PropertyValue value, List<String> into) {
        switch (value.getType()) {
            case STRING -> into.add(value.getStringValue());
            case ARRAY -> value.getArrayValue().forEach(v -> collectStrings(v, into));
            case OBJECT -> value.getObjectValue().values().forEach(v -> collectStrings(v, into));
            default -> { }
        }
    }

    private static JsonNode readJson(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, PropertySpec> allInputs() {
        Map<String, PropertySpec> all = new LinkedHashMap<>();
        componentTokens().forEach(t -> SCHEMA.component(t).orElseThrow().inputs().properties()
                .forEach((name, p) -> all.put(t + "." + name, p)));
        SCHEMA.objectType(TYPES + "SpokeSpec").orElseThrow().properties()
                .forEach((name, p) -> all.put("SpokeSpec." + name, p));
        return all;
    }

    private static void requireDescription(String where, JsonNode node, List<String> undocumented) {
        if (node.path("description").asText().isBlank()) {
            undocumented.add(where);
        }
    }

    private static List<String> names(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private static void assertTypesAgree(Class<? extends Record> type, ObjectSpec spec) {
        for (RecordComponent c : type.getRecordComponents()) {
            PropertySpec p = spec.properties().get(c.getName());
            assertEquals(schemaShape(p), javaShape(c.getGenericType()),
                    type.getSimpleName() + "." + c.getName() + " is " + c.getGenericType());
        }
    }

    private static void assertRequiredAreTheUndefaulted(Class<? extends Record> type, ObjectSpec spec) {
        Set<String> undefaulted = Arrays.stream(type.getRecordComponents())
                .filter(c -> c.getType() != Optional.class)
                .map(c -> spec.properties().get(c.getName()))
                .filter(p -> p.defaultValue().isEmpty() && p.kind() != Kind.ARRAY && p.kind() != Kind.MAP)
                .map(PropertySpec::name)
                .collect(Collectors.toSet());
        assertEquals(undefaulted, spec.required(), type.getSimpleName());
        // An Optional input is one that may stay absent, so it cannot have a default.
        Arrays.stream(type.getRecordComponents()).filter(c -> c.getType() == Optional.class)
                .forEach(c -> assertTrue(spec.properties().get(c.getName()).defaultValue().isEmpty(), c.getName()));
    }

    /** The schema type in a small notation: string, integer, boolean, array<..>, map<..>, enum:T, object:T. */
    private static String schemaShape(PropertySpec p) {
        return switch (p.kind()) {
            case ARRAY -> "array<" + schemaShape(p.element().orElseThrow()) + ">";
            case MAP -> "map<" + schemaShape(p.element().orElseThrow()) + ">";
            case ENUM -> "enum:" + p.ref().orElseThrow();
            case OBJECT -> "object:" + p.ref().orElseThrow();
            default -> p.kind().name().toLowerCase();
        };
    }

    /** The same notation for a Java type; Output and Optional wrappers do not change the schema type. */
    private static String javaShape(Type type) {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        Type argument = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : null;
        if (raw == Output.class || raw == Optional.class) {
            return javaShape(argument);
        }
        if (raw == List.class) {
            return "array<" + javaShape(argument) + ">";
        }
        if (raw == Map.class) {
            return "map<" + javaShape(((ParameterizedType) type).getActualTypeArguments()[1]) + ">";
        }
        if (raw == String.class) {
            return "string";
        }
        if (raw == int.class || raw == Integer.class) {
            return "integer";
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return "boolean";
        }
        return (raw.isEnum() ? "enum:" : raw.isRecord() ? "object:" : "unsupported:") + TYPES + raw.getSimpleName();
    }

    private static Set<String> append(Set<String> names, String name) {
        return Stream.concat(names.stream(), Stream.of(name)).collect(Collectors.toSet());
    }

    private static HubspokeComponent withOutputs(Set<String> names) {
        Map<String, Output<?>> outputs = new LinkedHashMap<>();
        names.forEach(n -> outputs.put(n, Output.of("x")));
        return new HubspokeComponent() {
            @Override
            public Map<String, Output<?>> outputs() {
                return outputs;
            }

            @Override
            public Output<String> urn() {
                return Output.of("urn:pulumi:test::test::hubspoke:index:Test::test");
            }
        };
    }
}
