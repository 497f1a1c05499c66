package dev.hubspoke.server;

import com.pulumi.provider.internal.properties.PropertyValue;
import com.pulumi.resources.ComponentResourceOptions;
import dev.hubspoke.components.HubspokeComponent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** Finds and combines {@link ConstructHandler}s. */
public final class ConstructHandlers {

    private ConstructHandlers() {
    }

    /**
     * Every handler listed under {@code META-INF/services} on the class path of this class,
     * combined into one. Handlers are instantiated here, but should defer heavy work (loading
     * the schema, the AWS classes) to their first Construct: this runs before the port is printed.
     */
    public static ConstructHandler discovered() {
        var handlers = new ArrayList<ConstructHandler>();
        ServiceLoader.load(ConstructHandler.class, ConstructHandler.class.getClassLoader()).forEach(handlers::add);
        return combined(handlers);
    }

    /**
     * One handler dispatching on the type token to the handler that knows it.
     *
     * @throws IllegalArgumentException when two handlers claim the same type token
     */
    public static ConstructHandler combined(List<ConstructHandler> handlers) {
        if (handlers.size() == 1) {
            return handlers.get(0);
        }
        var byType = new LinkedHashMap<String, ConstructHandler>();
        for (var handler : handlers) {
            for (var type : handler.knownTypes()) {
                var previous = byType.putIfAbsent(type, handler);
                if (previous != null) {
                    throw new IllegalArgumentException("component type " + type + " is claimed by both "
                            + previous.getClass().getName() + " and " + handler.getClass().getName());
                }
            }
        }
        return new Dispatching(Map.copyOf(byType), List.copyOf(byType.keySet()));
    }

    private record Dispatching(Map<String, ConstructHandler> byType, List<String> knownTypes)
            implements ConstructHandler {

        @Override
        public HubspokeComponent construct(String type, String name, Map<String, PropertyValue> inputs,
                                           ComponentResourceOptions options) {
            var handler = byType.get(type);
            if (handler == null) {
                throw new IllegalArgumentException("no handler for component type " + type);
            }
            return handler.construct(type, name, inputs, options);
        }
    }
}
