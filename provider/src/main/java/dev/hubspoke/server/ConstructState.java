package dev.hubspoke.server;

import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import com.pulumi.core.internal.OutputData;
import com.pulumi.provider.internal.properties.PropertyValue;
import com.pulumi.resources.Resource;
import pulumirpc.Provider.ConstructResponse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * A component's outputs as the Construct response carries them. Unlike the SDK's own serializer,
 * which turns an unknown output into a bare "computed" and so drops its secretness and
 * dependencies, every output keeps all three: unknown stays unknown, secret stays secret, and
 * the URNs of the resources it depends on travel with it.
 */
final class ConstructState {

    private ConstructState() {
    }

    /**
     * The response for a component with URN {@code urn} and these outputs.
     *
     * @param acceptsOutputValues whether the engine takes output values (value + dependencies) in
     *                            the state; without them, dependencies only go in stateDependencies
     */
    static CompletableFuture<ConstructResponse> response(String urn, Map<String, Output<?>> outputs,
                                                         boolean acceptsOutputValues) {
        var properties = new ArrayList<CompletableFuture<Property>>();
        outputs.forEach((name, output) -> properties.add(property(name, output, acceptsOutputValues)));
        return CompletableFuture.allOf(properties.toArray(CompletableFuture[]::new)).thenApply(done -> {
            var response = ConstructResponse.newBuilder().setUrn(urn);
            var state = new LinkedHashMap<String, PropertyValue>();
            for (var future : properties) {
                var property = future.join();
                state.put(property.name(), property.value());
                response.putStateDependencies(property.name(), ConstructResponse.PropertyDependencies.newBuilder()
                        .addAllUrns(property.dependencies()).build());
            }
            return response.setState(PropertyValue.marshalProperties(state)).build();
        });
    }

    private record Property(String name, PropertyValue value, Set<String> dependencies) {
    }

    private static CompletableFuture<Property> property(String name, Output<?> output, boolean acceptsOutputValues) {
        return Internal.of(output).getDataAsync().thenCompose(data -> urns(data.getResources()).thenApply(
                dependencies -> new Property(name, value(name, data, dependencies, acceptsOutputValues), dependencies)));
    }

    private static PropertyValue value(String name, OutputData<?> data, Set<String> dependencies,
                                       boolean acceptsOutputValues) {
        var plain = data.isKnown() ? plain(name, data.getValueNullable()) : PropertyValue.COMPUTED;
        var value = acceptsOutputValues && !dependencies.isEmpty()
                ? PropertyValue.of(new PropertyValue.OutputReference(plain, dependencies))
                : plain;
        return data.isSecret() ? PropertyValue.ofSecret(value) : value;
    }

    private static CompletableFuture<Set<String>> urns(Set<Resource> resources) {
        var futures = resources.stream()
                .map(resource -> Internal.of(resource.urn()).getValueNullable())
                .toList();
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).thenApply(done -> {
            var urns = new TreeSet<String>();
            futures.forEach(future -> Optional.ofNullable(future.join()).ifPresent(urns::add));
            return urns;
        });
    }

    /** A known Java value as a property value: the shapes component outputs take. */
    static PropertyValue plain(String path, Object value) {
        if (value == null) {
            return PropertyValue.NULL;
        }
        if (value instanceof Optional<?> optional) {
            return plain(path, optional.orElse(null));
        }
        if (value instanceof String string) {
            return PropertyValue.of(string);
        }
        if (value instanceof Boolean bool) {
            return PropertyValue.of(bool);
        }
        if (value instanceof Number number) {
            return PropertyValue.of(number.doubleValue());
        }
        if (value instanceof List<?> list) {
            var items = new ArrayList<PropertyValue>(list.size());
            for (int i = 0; i < list.size(); i++) {
                items.add(plain(path + "[" + i + "]", list.get(i)));
            }
            return PropertyValue.of(items);
        }
        if (value instanceof Map<?, ?> map) {
            var entries = new LinkedHashMap<String, PropertyValue>();
            map.forEach((key, item) -> entries.put(String.valueOf(key), plain(path + "." + key, item)));
            return PropertyValue.of(entries);
        }
        throw new IllegalArgumentException("output " + path + " has a value of type " + value.getClass().getName()
                + ", which a Construct response cannot carry");
    }
}
