package dev.hubspoke.server;

import com.pulumi.core.internal.Internal;
import com.pulumi.provider.internal.properties.PropertyValue;
import com.pulumi.provider.internal.properties.PropertyValue.OutputReference;
import pulumirpc.Provider.ConstructRequest;
import pulumirpc.Provider.ConstructResponse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One Construct: the handler builds the component inside a deployment of its own, bound to the
 * request's resource monitor; its URN and outputs become the response.
 */
final class ConstructCall {

    private ConstructCall() {
    }

    static CompletableFuture<ConstructResponse> run(ConstructHandler handler, ConstructRouter router, EngineChannels channels,
                                                    String engineAddress, ConstructRequest request) {
        // Options and inputs make SDK objects (dependency resources, outputs), which belong to
        // the Construct's deployment: they are built inside it, not on the calling thread.
        return InlineDeployment.run(router, channels, engineAddress, request, () -> {
            var options = ConstructOptions.from(request);
            var inputs = inputs(request);
            var component = handler.construct(request.getType(), request.getName(), inputs, options);
            return Internal.of(component.urn()).getValueNullable().thenCompose(urn -> ConstructState.response(
                    urn, component.outputs(), request.getAcceptsOutputValues()));
        });
    }

    /**
     * The request's inputs, each carrying the dependencies the engine sent for it. SDKs that send
     * plain values (the Java SDK does) list a property's dependencies only in
     * {@code inputDependencies}; without this, resources built from such inputs would not
     * depend on the resources the inputs came from.
     */
    static Map<String, PropertyValue> inputs(ConstructRequest request) {
        var inputs = new LinkedHashMap<>(PropertyValue.unmarshalProperties(request.getInputs()));
        request.getInputDependenciesMap().forEach((property, urns) -> {
            var value = inputs.get(property);
            if (value != null && urns.getUrnsCount() > 0) {
                inputs.put(property, PropertyValue.of(new OutputReference(value, Set.copyOf(urns.getUrnsList()))));
            }
        });
        return inputs;
    }
}
