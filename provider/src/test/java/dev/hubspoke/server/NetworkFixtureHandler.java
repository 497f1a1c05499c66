package dev.hubspoke.server;

import com.pulumi.provider.internal.properties.PropertyValue;
import com.pulumi.resources.ComponentResourceOptions;
import dev.hubspoke.components.HubspokeComponent;

import java.util.List;
import java.util.Map;

/** Constructs {@link NetworkFixture}; listed in the test class path's META-INF/services. */
public final class NetworkFixtureHandler implements ConstructHandler {

    @Override
    public List<String> knownTypes() {
        return List.of(NetworkFixture.TYPE);
    }

    @Override
    public HubspokeComponent construct(String type, String name, Map<String, PropertyValue> inputs,
                                       ComponentResourceOptions options) {
        return NetworkFixture.create(name, inputs, options);
    }
}
