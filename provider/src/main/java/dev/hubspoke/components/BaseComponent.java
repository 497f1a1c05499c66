package dev.hubspoke.components;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the six components share: registration under their type token, a {@link Scope} for their
 * children, and outputs published once, in schema order, through {@code registerOutputs}.
 */
abstract class BaseComponent extends ComponentResource implements HubspokeComponent {

    private Map<String, Output<?>> outputs = Map.of();

    BaseComponent(String type, String name, ComponentResourceOptions options) {
        super(type, name, options);
    }

    /** The scope children are built in: this component as parent, names and tags from {@code name}. */
    Scope scope(String name, Output<Map<String, String>> tags) {
        return new Scope(this, new Names(name, Defaults.tags(tags)));
    }

    /** Call last in the constructor: the outputs are final from here on. */
    void publish(LinkedHashMap<String, Output<?>> outputs) {
        this.outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        registerOutputs(this.outputs);
    }

    @Override
    public Map<String, Output<?>> outputs() {
        return outputs;
    }
}
