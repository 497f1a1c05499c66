package dev.hubspoke.server;

import com.pulumi.core.internal.Internal;
import com.pulumi.provider.internal.properties.PropertyValue;
import pulumirpc.Provider.ConstructRequest;
import pulumirpc.Provider.ConstructResponse;

import java.util.concurrent.CompletableFuture;

/**
 * One Construct: the handler builds the component inside a deployment of its own, bound to the
 * request's resource monitor; its URN and outputs become the response.
 */
final class ConstructCall {

    private ConstructCall() {
    }

    static CompletableFuture<ConstructResponse> run(ConstructHandler handler, DeploymentSlot slot, EngineChannels channels,
                                                    String engineAddress, ConstructRequest request) {
        // Options and inputs make SDK objects (dependency resources, outputs), which belong to
        // the Construct's deployment: they are built in its turn, not on the calling thread.
        return InlineDeployment.run(slot, channels, engineAddress, request, () -> {
            var options = ConstructOptions.from(request);
            var inputs = PropertyValue.unmarshalProperties(request.getInputs());
            var component = handler.construct(request.getType(), request.getName(), inputs, options);
            return Internal.of(component.urn()).getValueNullable().thenCompose(urn -> ConstructState.response(
                    urn, component.outputs(), request.getAcceptsOutputValues()));
        });
    }
}
