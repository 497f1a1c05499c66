package dev.hubspoke.server;

import com.pulumi.provider.internal.properties.PropertyValue;
import com.pulumi.resources.ComponentResourceOptions;
import dev.hubspoke.components.HubspokeComponent;

import java.util.List;
import java.util.Map;

/**
 * The seam between the gRPC server and the components: turns one Construct request into a
 * registered component. The server owns the protocol (options, deployment, response, errors);
 * an implementation owns decoding the inputs and building the component.
 *
 * <p>{@link #construct} runs inside a Pulumi deployment that belongs to this one call, so it
 * may register resources with the Pulumi Java SDK directly. It must validate its inputs before
 * registering anything and report a user mistake as
 * {@link dev.hubspoke.net.InvalidNetworkException}; any other exception is treated as a bug.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}: list the class in
 * {@code META-INF/services/dev.hubspoke.server.ConstructHandler} (it then needs a public
 * no-argument constructor). Several handlers may be listed; their type tokens must not overlap.
 */
public interface ConstructHandler {

    /** The type tokens this handler constructs, e.g. {@code hubspoke:index:Hub}. */
    List<String> knownTypes();

    /**
     * Builds the component {@code type} named {@code name}.
     *
     * @param type    one of {@link #knownTypes()}
     * @param name    the resource name the user gave the component
     * @param inputs  the request's inputs, unmarshalled; values may be secrets, unknowns or
     *                output values carrying dependencies
     * @param options the request's resource options, parent included
     * @return the component, whose outputs become the Construct state
     */
    HubspokeComponent construct(String type, String name, Map<String, PropertyValue> inputs,
                                ComponentResourceOptions options);
}
