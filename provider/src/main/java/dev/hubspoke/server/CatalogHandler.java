package dev.hubspoke.server;

import com.pulumi.provider.internal.properties.PropertyValue;
import com.pulumi.resources.ComponentResourceOptions;
import dev.hubspoke.components.ComponentCatalog;
import dev.hubspoke.components.HubspokeComponent;
import dev.hubspoke.schema.InputDecoder;

import java.util.List;
import java.util.Map;

/**
 * The production handler: decodes the inputs against schema.json into the component's Args
 * record, then builds the component from the catalog. Listed in
 * {@code META-INF/services/dev.hubspoke.server.ConstructHandler}.
 */
public final class CatalogHandler implements ConstructHandler {

    @Override
    public List<String> knownTypes() {
        return ComponentCatalog.types();
    }

    @Override
    public HubspokeComponent construct(String type, String name, Map<String, PropertyValue> inputs,
                                       ComponentResourceOptions options) {
        return ComponentCatalog.construct(type, name, InputDecoder.decode(type, name, inputs), options);
    }
}
