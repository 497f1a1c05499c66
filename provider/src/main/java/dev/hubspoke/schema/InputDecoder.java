package dev.hubspoke.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableSet;
import com.pulumi.core.Output;
import com.pulumi.core.internal.OutputData;
import com.pulumi.core.internal.OutputInternal;
import com.pulumi.provider.internal.properties.PropertyValue;
import com.pulumi.resources.DependencyResource;
import com.pulumi.resources.Resource;
import dev.hubspoke.components.FirewallPolicyArgs;
import dev.hubspoke.components.HubAndSpokeArgs;
import dev.hubspoke.components.HubArgs;
import dev.hubspoke.components.InspectionVpcArgs;
import dev.hubspoke.components.NatGatewayMode;
import dev.hubspoke.components.SpokeAttachmentArgs;
import dev.hubspoke.components.SpokeVpcArgs;
import dev.hubspoke.components.SpokeWorkloadArgs;
import dev.hubspoke.net.InvalidNetworkException;
import dev.hubspoke.schema.PackageSchema.Kind;
import dev.hubspoke.schema.PackageSchema.ObjectSpec;
import dev.hubspoke.schema.PackageSchema.PropertySpec;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns a component's inputs, as the engine sends them to Construct, into its Args record: checks
 * them against schema.json, applies the defaults and keeps ids and tags as {@link Output}s with
 * their secrecy, unknown-ness and dependencies. Every user mistake, an unknown type token included
 * (property path {@code type}), is an {@link InvalidNetworkException} raised before anything is
 * registered. Needs no running deployment.
 *
 * <p>Which inputs may be unknown follows from the Args record: only {@code Output} components
 * (ids and tags) may; every other input feeds the address planner and must be known. A secret or
 * an output with a known value is accepted there too, as its plain value: the Args field cannot
 * carry secrecy or dependencies, and a known value needs no ordering.
 */
public final class InputDecoder {

    static final Map<String, Class<? extends Record>> ARGS = Map.of(
            "hubspoke:index:Hub", HubArgs.class,
            "hubspoke:index:FirewallPolicy", FirewallPolicyArgs.class,
            "hubspoke:index:InspectionVpc", InspectionVpcArgs.class,
            "hubspoke:index:SpokeVpc", SpokeVpcArgs.class,
            "hubspoke:index:SpokeAttachment", SpokeAttachmentArgs.class,
            "hubspoke:index:SpokeWorkload", SpokeWorkloadArgs.class,
            "hubspoke:index:HubAndSpoke", HubAndSpokeArgs.class);

    /**
     * Defaults of array inputs, by property name. A Pulumi schema {@code default} must be a
     * primitive, so these live here and in the property descriptions; any other array defaults to
     * empty (for availabilityZones: look the zones up).
     */
    static final Map<String, String> ARRAY_DEFAULTS = Map.of(
            "allowedDomains", "[\".amazon.com\"]",
            "spokes", """
                    [{"name": "spoke1", "cidrBlock": "10.0.0.0/16", "workload": true},
                     {"name": "spoke2", "cidrBlock": "10.1.0.0/16", "workload": true}]""");

    private static final String UNKNOWN = "(unknown)";
    private static final String SECRET = "[secret]";

    private InputDecoder() {
    }

    /**
     * Decodes the Construct inputs of one component.
     *
     * @param type   the component type token, e.g. {@code hubspoke:index:SpokeVpc}
     * @param name   the resource name the user gave the component
     * @param inputs the inputs by schema property name
     * @return the component's Args record, e.g. a {@link SpokeVpcArgs}
     * @throws InvalidNetworkException for any input the schema does not accept, or an unknown type
     */
    public static Object decode(String type, String name, Map<String, PropertyValue> inputs) {
        var component = PackageSchema.get().component(type).orElseThrow(() -> new InvalidNetworkException(
                type, name, "type", type, "is not a component type of the hubspoke package",
                "use one of " + String.join(", ", PackageSchema.get().componentTokens())));
        var at = new At(component.shortName(), name, "", false);
        return record(ARGS.get(type), component.inputs(), inputs, at);
    }

    /**
     * Decodes inputs written as JSON or YAML (e.g. a config file read with Jackson), with exactly
     * the validation and defaults of {@link #decode}. A null or missing node means no inputs.
     */
    public static Object decodeJson(String type, String name, JsonNode inputs) {
        PropertyValue value = fromJson(inputs);
        if (value.isNull()) {
            return decode(type, name, Map.of());
        }
        if (value.getType() != PropertyValue.ValueType.OBJECT) {
            String component = type.substring(type.lastIndexOf(':') + 1);
            throw new InvalidNetworkException(component, name, "inputs", render(value),
                    "is not a map of property names to values", "write the inputs as property: value pairs");
        }
        return decode(type, name, value.getObjectValue());
    }

    /** The PropertyValue the engine would send for this JSON value. */
    static PropertyValue fromJson(JsonNode node) {
        if (node == null) {
            return PropertyValue.NULL;
        }
        return switch (node.getNodeType()) {
            case NULL, MISSING -> PropertyValue.NULL;
            case BOOLEAN -> PropertyValue.of(node.booleanValue());
            case NUMBER -> PropertyValue.of(node.doubleValue());
            case ARRAY -> {
                List<PropertyValue> items = new ArrayList<>();
                node.forEach(item -> items.add(fromJson(item)));
                yield PropertyValue.of(items);
            }
            case OBJECT -> {
                Map<String, PropertyValue> fields = new LinkedHashMap<>();
                node.fields().forEachRemaining(f -> fields.put(f.getKey(), fromJson(f.getValue())));
                yield PropertyValue.of(fields);
            }
            default -> PropertyValue.of(node.asText());
        };
    }

    /** Where in the inputs a value sits, and whether it came wrapped as a secret (then it is never shown). */
    private record At(String component, String resourceName, String path, boolean secret) {

        At property(String name) {
            return new At(component, resourceName, path.isEmpty() ? name : path + "." + name, secret);
        }

        At key(String key) {
            return key.matches("[A-Za-z_][A-Za-z0-9_]*") ? property(key)
                    : new At(component, resourceName, path + "[\"" + key + "\"]", secret);
        }

        At index(int i) {
            return new At(component, resourceName, path + "[" + i + "]", secret);
        }

        At secret(boolean wrapped) {
            return new At(component, resourceName, path, secret || wrapped);
        }

        InvalidNetworkException error(Optional<PropertyValue> value, String problem, String fix) {
            return new InvalidNetworkException(component, resourceName, path,
                    value.map(v -> secret ? SECRET : render(v)).orElse(null), problem, fix);
        }
    }

    /**
     * A value with its secret and output wrappers taken off.
     *
     * @param value empty when the value is not known yet
     */
    private record Unwrapped(Optional<PropertyValue> value, boolean secret, Set<String> dependencies) {

        static Unwrapped of(PropertyValue v) {
            boolean secret = false;
            Set<String> dependencies = new TreeSet<>();
            while (true) {
                switch (v.getType()) {
                    case SECRET -> {
                        secret = true;
                        v = v.getSecretValue();
                    }
                    case OUTPUT -> {
                        var ref = v.getOutputValue();
                        dependencies.addAll(ref.getDependencies());
                        if (ref.getValue() == null) {
                            return new Unwrapped(Optional.empty(), secret, dependencies);
                        }
                        v = ref.getValue();
                    }
                    case COMPUTED -> {
                        return new Unwrapped(Optional.empty(), secret, dependencies);
                    }
                    default -> {
                        return new Unwrapped(Optional.of(v), secret, dependencies);
                    }
                }
            }
        }
    }

    /**
     * An Output built the way the SDK deserializes one: each dependency URN becomes a
     * {@link DependencyResource}. Works with or without a running deployment.
     */
    private static <T> Output<T> output(Optional<T> value, boolean secret, Set<String> dependencies) {
        ImmutableSet<Resource> resources = dependencies.stream()
                .map(DependencyResource::new).collect(ImmutableSet.toImmutableSet());
        return new OutputInternal<>(OutputData.ofNullable(resources, value.orElse(null), value.isPresent(), secret));
    }

    private static Record record(Class<? extends Record> type, ObjectSpec spec, Map<String, PropertyValue> given,
                                 At at) {
        for (String key : new TreeSet<>(given.keySet())) {
            if (!spec.properties().containsKey(key)) {
                throw unknownProperty(spec, key, given.get(key), at.property(key));
            }
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            PropertySpec property = spec.properties().get(name);
            if (property == null) {
                throw new IllegalStateException(type.getSimpleName() + "." + name + " is not in schema.json");
            }
            values[i] = input(components[i].getGenericType(), property, spec.required().contains(name),
                    Optional.ofNullable(given.get(name)).filter(InputDecoder::isSet), at.property(name));
        }
        try {
            return type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new))
                    .newInstance(values);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getSimpleName(), e);
        }
    }

    /** Absent, null and a secret or output of null all mean "not set"; unknown values are set. */
    private static boolean isSet(PropertyValue v) {
        return !Unwrapped.of(v).value().map(PropertyValue::isNull).orElse(false);
    }

    private static Object input(Type javaType, PropertySpec property, boolean required, Optional<PropertyValue> given,
                                At at) {
        if (raw(javaType) == Optional.class) {
            return given.map(v -> convert(typeArgument(javaType, 0), property, v, at));
        }
        if (given.isEmpty() && required) {
            throw at.error(Optional.empty(), "is required",
                    "set " + at.path() + " to " + expectation(property) + " (" + firstSentence(property) + ")");
        }
        PropertyValue value = given.or(() -> defaultOf(property)).orElseThrow(() -> new IllegalStateException(
                "schema.json: " + at.path() + " is optional but has no default"));
        return convert(javaType, property, value, at);
    }

    private static Optional<PropertyValue> defaultOf(PropertySpec property) {
        if (property.defaultValue().isPresent()) {
            return property.defaultValue().map(InputDecoder::fromJson);
        }
        return switch (property.kind()) {
            case ARRAY -> Optional.of(Optional.ofNullable(ARRAY_DEFAULTS.get(property.name()))
                    .map(InputDecoder::parseJson).orElse(PropertyValue.of(List.<PropertyValue>of())));
            case MAP -> Optional.of(PropertyValue.of(Map.<String, PropertyValue>of()));
            default -> Optional.empty();
        };
    }

    private static PropertyValue parseJson(String json) {
        try {
            return fromJson(new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new IllegalStateException("bad built-in default " + json, e);
        }
    }

    private static Object convert(Type javaType, PropertySpec property, PropertyValue value, At at) {
        if (raw(javaType) == Output.class) {
            return raw(typeArgument(javaType, 0)) == Map.class ? tags(property, value, at) : id(property, value, at);
        }
        Unwrapped unwrapped = Unwrapped.of(value);
        At inner = at.secret(unwrapped.secret());
        PropertyValue known = unwrapped.value().orElseThrow(() -> at.error(Optional.of(value),
                "is unknown at this time, but must be known before any resource is created because hubspoke "
                        + "plans addresses up front",
                "pass a literal or config value, not the output of another resource"));
        checkShape(property, known, inner);
        return switch (property.kind()) {
            case STRING -> known.getStringValue();
            case INTEGER -> (int) known.getNumberValue().doubleValue();
            case BOOLEAN -> known.getBooleanValue();
            case ENUM -> NatGatewayMode.fromSchemaValue(known.getStringValue()).orElseThrow(() ->
                    new IllegalStateException("NatGatewayMode lacks schema value " + known.getStringValue()));
            case ARRAY -> {
                List<PropertyValue> items = known.getArrayValue();
                List<Object> result = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    result.add(convert(typeArgument(javaType, 0), property.element().orElseThrow(), items.get(i),
                            inner.index(i)));
                }
                yield List.copyOf(result);
            }
            case OBJECT -> {
                @SuppressWarnings("unchecked")
                Class<? extends Record> type = (Class<? extends Record>) raw(javaType);
                yield record(type, objectType(property), known.getObjectValue(), inner);
            }
            case MAP -> {
                // A map that feeds the plan (e.g. SpokeVpc's addressBook): every value must be known.
                Map<String, Object> result = new LinkedHashMap<>();
                for (var entry : new TreeMap<>(known.getObjectValue()).entrySet()) {
                    if (isSet(entry.getValue())) {
                        result.put(entry.getKey(), convert(typeArgument(javaType, 1), property.element().orElseThrow(),
                                entry.getValue(), inner.key(entry.getKey())));
                    }
                }
                yield Collections.unmodifiableMap(result);
            }
            case NUMBER -> throw new IllegalStateException(at.path() + ": no plain Java form for " + property.kind());
        };
    }

    /** An id from another resource: may be unknown, secret or an output with dependencies. */
    private static Output<String> id(PropertySpec property, PropertyValue value, At at) {
        Unwrapped unwrapped = Unwrapped.of(value);
        unwrapped.value().ifPresent(v -> checkShape(property, v, at.secret(unwrapped.secret())));
        return output(unwrapped.value().map(PropertyValue::getStringValue), unwrapped.secret(),
                unwrapped.dependencies());
    }

    /** Tags: known only when every value is, secret when any value is, depending on every value's resources. */
    private static Output<Map<String, String>> tags(PropertySpec property, PropertyValue value, At at) {
        Unwrapped whole = Unwrapped.of(value);
        if (whole.value().isEmpty()) {
            return output(Optional.empty(), whole.secret(), whole.dependencies());
        }
        At inner = at.secret(whole.secret());
        checkShape(property, whole.value().get(), inner);
        boolean known = true;
        boolean secret = whole.secret();
        Set<String> dependencies = new TreeSet<>(whole.dependencies());
        Map<String, String> result = new TreeMap<>();
        for (var entry : new TreeMap<>(whole.value().get().getObjectValue()).entrySet()) {
            if (!isSet(entry.getValue())) {
                continue;
            }
            Unwrapped tag = Unwrapped.of(entry.getValue());
            secret |= tag.secret();
            dependencies.addAll(tag.dependencies());
            if (tag.value().isEmpty()) {
                known = false;
                continue;
            }
            At tagAt = inner.key(entry.getKey()).secret(tag.secret());
            checkShape(property.element().orElseThrow(), tag.value().get(), tagAt);
            checkTagSize(entry.getKey(), tag.value().get().getStringValue(), tagAt);
            result.put(entry.getKey(), tag.value().get().getStringValue());
        }
        return output(known ? Optional.of(Collections.unmodifiableMap(result)) : Optional.empty(), secret, dependencies);
    }

    /** AWS's tag limits: keys up to 128 characters, values up to 256 (https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html). */
    static final int MAX_TAG_KEY = 128;
    static final int MAX_TAG_VALUE = 256;

    private static void checkTagSize(String key, String value, At at) {
        if (key.length() > MAX_TAG_KEY) {
            throw at.error(Optional.empty(), "is a tag key of " + key.length() + " characters; AWS allows at most " + MAX_TAG_KEY,
                    "use a tag key of at most " + MAX_TAG_KEY + " characters");
        }
        if (value.length() > MAX_TAG_VALUE) {
            throw at.error(Optional.of(PropertyValue.of(value)), "is " + value.length() + " characters long; AWS allows tag values of at most "
                    + MAX_TAG_VALUE, "use a tag value of at most " + MAX_TAG_VALUE + " characters");
        }
    }

    /** Checks a known value against the property's schema type. */
    private static void checkShape(PropertySpec property, PropertyValue value, At at) {
        PropertyValue.ValueType expected = switch (property.kind()) {
            case STRING, ENUM -> PropertyValue.ValueType.STRING;
            case INTEGER, NUMBER -> PropertyValue.ValueType.NUMBER;
            case BOOLEAN -> PropertyValue.ValueType.BOOL;
            case ARRAY -> PropertyValue.ValueType.ARRAY;
            case MAP, OBJECT -> PropertyValue.ValueType.OBJECT;
        };
        if (value.getType() != expected) {
            throw at.error(Optional.of(value), "expected " + expectation(property) + ", got " + kindOf(value),
                    "set " + at.path() + " to " + expectation(property));
        }
        if (property.kind() == Kind.INTEGER) {
            double d = value.getNumberValue();
            if (d != Math.rint(d)) {
                throw at.error(Optional.of(value), "is not a whole number",
                        "use a whole number such as " + (long) Math.floor(d) + " or " + (long) Math.ceil(d));
            }
            if (d < Integer.MIN_VALUE || d > Integer.MAX_VALUE) {
                throw at.error(Optional.of(value), "is out of range",
                        "use a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
            }
        }
        if (property.kind() == Kind.ENUM && !property.enumValues().contains(value.getStringValue())) {
            String allowed = String.join(", ", property.enumValues());
            Optional<String> meant = closest(value.getStringValue(), property.enumValues());
            throw at.error(Optional.of(value), "is not one of the allowed values " + allowed
                            + meant.map(c -> " (did you mean " + c + "?)").orElse(""),
                    meant.map(c -> "use " + c).orElse("use one of " + allowed));
        }
    }

    private static InvalidNetworkException unknownProperty(ObjectSpec spec, String key, PropertyValue value, At at) {
        List<String> known = List.copyOf(spec.properties().keySet());
        Optional<String> meant = closest(key, known);
        return at.error(Optional.of(value), "is not a property of " + spec.shortName()
                        + meant.map(c -> " (did you mean " + c + "?)").orElse(""),
                meant.map(c -> "rename it to " + c).orElse("remove it, or use one of " + String.join(", ", known)));
    }

    private static ObjectSpec objectType(PropertySpec property) {
        String token = property.ref().orElseThrow();
        return PackageSchema.get().objectType(token)
                .orElseThrow(() -> new IllegalStateException("schema.json has no object type " + token));
    }

    /** What a property takes, as a noun phrase for messages. */
    private static String expectation(PropertySpec property) {
        return switch (property.kind()) {
            case STRING -> property.name().toLowerCase().endsWith("cidrblock")
                    ? "a CIDR string such as 10.0.0.0/16" : "a string";
            case INTEGER -> "a whole number";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case ENUM -> "one of " + String.join(", ", property.enumValues());
            case ARRAY -> {
                PropertySpec element = property.element().orElseThrow();
                yield "a list of " + (element.kind() == Kind.OBJECT
                        ? objectType(element).shortName() + " objects" : element.kind().name().toLowerCase() + "s");
            }
            case MAP -> "a map of names to strings";
            case OBJECT -> "an object with " + String.join(" and ", objectType(property).required());
        };
    }

    private static String kindOf(PropertyValue value) {
        return switch (value.getType()) {
            case NULL -> "null";
            case BOOL -> "a boolean";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case RESOURCE -> "a resource reference";
            default -> "an " + value.getType().name().toLowerCase();
        };
    }

    /** The first sentence of a property's description ("e.g." does not end a sentence). */
    private static String firstSentence(PropertySpec property) {
        return property.description().split("(?<!e\\.g)\\.(\\s|$)", 2)[0];
    }

    /** The value roughly as the user wrote it; secrets and unknowns are never shown. */
    static String render(PropertyValue value) {
        return switch (value.getType()) {
            case NULL -> "null";
            case STRING -> value.getStringValue();
            case NUMBER -> {
                double d = value.getNumberValue();
                yield d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
            }
            case BOOL -> value.getBooleanValue().toString();
            case ARRAY -> value.getArrayValue().stream().map(InputDecoder::renderNested)
                    .collect(Collectors.joining(", ", "[", "]"));
            case OBJECT -> new TreeMap<>(value.getObjectValue()).entrySet().stream()
                    .map(e -> e.getKey() + ": " + renderNested(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
            case SECRET -> SECRET;
            case OUTPUT -> Optional.ofNullable(value.getOutputValue().getValue()).map(InputDecoder::render).orElse(UNKNOWN);
            case COMPUTED -> UNKNOWN;
            default -> kindOf(value);
        };
    }

    private static String renderNested(PropertyValue value) {
        return value.getType() == PropertyValue.ValueType.STRING ? "\"" + value.getStringValue() + "\"" : render(value);
    }

    /**
     * The candidate the user most likely meant: equal ignoring case, '_' and '-', a prefix either
     * way, or within a few edits.
     */
    static Optional<String> closest(String given, List<String> candidates) {
        String g = normalize(given);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String c = normalize(candidate);
            boolean prefix = g.length() >= 3 && (c.startsWith(g) || g.startsWith(c));
            int distance = prefix ? Math.abs(c.length() - g.length()) : editDistance(g, c);
            if ((prefix || distance <= Math.max(1, c.length() / 3)) && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String normalize(String s) {
        return s.replace("_", "").replace("-", "").toLowerCase();
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            previous = current;
        }
        return previous[b.length()];
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    private static Type typeArgument(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }
}
