package dev.hubspoke.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The package schema, {@code schema.json}: the exact bytes served by GetSchema and the parsed
 * view the input decoder validates against. Loaded once per process, on first use, from the
 * classpath resource {@value #RESOURCE}; immutable afterwards.
 */
public final class PackageSchema {

    /** Where the build puts the repository's schema.json. */
    public static final String RESOURCE = "dev/hubspoke/schema/schema.json";

    private static final String TYPE_REF_PREFIX = "#/types/";

    /** How a property's value is shaped. */
    public enum Kind { STRING, INTEGER, NUMBER, BOOLEAN, ARRAY, MAP, OBJECT, ENUM }

    /**
     * One property of a component or object type.
     *
     * @param element      the items of an ARRAY or the values of a MAP
     * @param ref          the type token of an OBJECT or ENUM
     * @param enumValues   the allowed values of an ENUM, in schema order
     * @param defaultValue the schema's primitive {@code default}, if any
     */
    public record PropertySpec(String name, String description, Kind kind, Optional<PropertySpec> element,
                               Optional<String> ref, List<String> enumValues, Optional<JsonNode> defaultValue) {
    }

    /** Properties and the names of the required ones: component inputs, component outputs or an object type. */
    public record ObjectSpec(String token, String description, Map<String, PropertySpec> properties,
                             Set<String> required) {

        /** The last part of the token, e.g. {@code SpokeVpc}. */
        public String shortName() {
            return token.substring(token.lastIndexOf(':') + 1);
        }
    }

    /** A component resource: its type token, description, inputs and outputs. */
    public record ComponentSpec(String token, String description, ObjectSpec inputs, ObjectSpec outputs) {

        /** The last part of the token, e.g. {@code SpokeVpc}. */
        public String shortName() {
            return inputs.shortName();
        }
    }

    private final byte[] bytes;
    private final String name;
    private final String version;
    private final Map<String, ComponentSpec> components;
    private final Map<String, ObjectSpec> objectTypes;

    private PackageSchema(byte[] bytes) {
        this.bytes = bytes;
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(RESOURCE + " is not valid JSON", e);
        }
        JsonNode types = root.path("types");
        this.name = root.path("name").asText();
        this.version = root.path("version").asText();
        Map<String, ObjectSpec> objects = new LinkedHashMap<>();
        types.fields().forEachRemaining(t -> {
            if (!t.getValue().has("enum")) {
                objects.put(t.getKey(), objectSpec(t.getKey(), t.getValue(), "properties", "required", types));
            }
        });
        Map<String, ComponentSpec> resources = new LinkedHashMap<>();
        root.path("resources").fields().forEachRemaining(r -> resources.put(r.getKey(), new ComponentSpec(
                r.getKey(), r.getValue().path("description").asText(),
                objectSpec(r.getKey(), r.getValue(), "inputProperties", "requiredInputs", types),
                objectSpec(r.getKey(), r.getValue(), "properties", "required", types))));
        this.objectTypes = Collections.unmodifiableMap(objects);
        this.components = Collections.unmodifiableMap(resources);
    }

    /** The schema of this process, loaded on first use. */
    public static PackageSchema get() {
        return Holder.INSTANCE;
    }

    // The JVM initialises the holder class once, on first access, and safely publishes it.
    private static final class Holder {
        static final PackageSchema INSTANCE = load();
    }

    private static PackageSchema load() {
        try (InputStream in = PackageSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new PackageSchema(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema exactly as written in schema.json, byte for byte (a fresh copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The package name, {@code hubspoke}. */
    public String name() {
        return name;
    }

    /** The package version written in the schema. */
    public String version() {
        return version;
    }

    /** The component type tokens, in schema order. */
    public List<String> componentTokens() {
        return List.copyOf(components.keySet());
    }

    /** The component with this type token. */
    public Optional<ComponentSpec> component(String token) {
        return Optional.ofNullable(components.get(token));
    }

    /** The object type (e.g. {@code hubspoke:index:SpokeSpec}) with this token. */
    public Optional<ObjectSpec> objectType(String token) {
        return Optional.ofNullable(objectTypes.get(token));
    }

    private static ObjectSpec objectSpec(String token, JsonNode node, String propertiesKey, String requiredKey,
                                         JsonNode types) {
        Map<String, PropertySpec> properties = new LinkedHashMap<>();
        node.path(propertiesKey).fields().forEachRemaining(p ->
                properties.put(p.getKey(), property(p.getKey(), p.getValue(), types)));
        Set<String> required = new LinkedHashSet<>();
        node.path(requiredKey).forEach(r -> required.add(r.asText()));
        return new ObjectSpec(token, node.path("description").asText(),
                Collections.unmodifiableMap(properties), Collections.unmodifiableSet(required));
    }

    private static PropertySpec property(String name, JsonNode node, JsonNode types) {
        String description = node.path("description").asText();
        Optional<JsonNode> defaultValue = Optional.ofNullable(node.get("default"));
        // Only value nodes are immutable; the Pulumi schema allows nothing else as a default anyway.
        if (defaultValue.isPresent() && !defaultValue.get().isValueNode()) {
            throw new IllegalStateException("schema.json: the default of " + name + " is not a primitive");
        }
        if (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith(TYPE_REF_PREFIX) || !types.has(ref.substring(TYPE_REF_PREFIX.length()))) {
                throw new IllegalStateException("schema.json: " + name + " refers to an unknown type " + ref);
            }
            String token = ref.substring(TYPE_REF_PREFIX.length());
            JsonNode type = types.get(token);
            List<String> values = new ArrayList<>();
            type.path("enum").forEach(v -> values.add(v.path("value").asText()));
            Kind kind = type.has("enum") ? Kind.ENUM : Kind.OBJECT;
            return new PropertySpec(name, description, kind, Optional.empty(), Optional.of(token),
                    List.copyOf(values), defaultValue);
        }
        String type = node.path("type").asText();
        Optional<PropertySpec> element = switch (type) {
            case "array" -> Optional.of(property(name, node.path("items"), types));
            case "object" -> Optional.of(property(name, node.path("additionalProperties"), types));
            default -> Optional.empty();
        };
        Kind kind = switch (type) {
            case "string" -> Kind.STRING;
            case "integer" -> Kind.INTEGER;
            case "number" -> Kind.NUMBER;
            case "boolean" -> Kind.BOOLEAN;
            case "array" -> Kind.ARRAY;
            case "object" -> Kind.MAP;
            default -> throw new IllegalStateException("schema.json: " + name + " has an unsupported type '" + type + "'");
        };
        return new PropertySpec(name, description, kind, element, Optional.empty(), List.of(), defaultValue);
    }
}
