package dev.hubspoke.components;

import com.pulumi.core.Output;

import java.util.Map;

/**
 * What every hubspoke component exposes to the provider: its outputs by schema name, the same
 * map it passed to {@code registerOutputs}. The server turns these into the Construct state.
 */
public interface HubspokeComponent {

    /** Outputs keyed by their schema.json property names, in a stable order. */
    Map<String, Output<?>> outputs();

    /** The component's URN. */
    Output<String> urn();
}
