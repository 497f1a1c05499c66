package dev.hubspoke.server;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.pulumi.core.internal.Internal;
import com.pulumi.deployment.DeploymentInstance;
import com.pulumi.deployment.internal.DeploymentInstanceHolder;
import com.pulumi.deployment.internal.InlineDeploymentSettings;
import com.pulumi.internal.PulumiInternal;
import com.pulumi.provider.internal.properties.PropertyValue;
import com.pulumi.resources.StackOptions;
import pulumirpc.Provider.ConstructRequest;
import pulumirpc.Provider.ConstructResponse;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One Construct: a Pulumi deployment of its own, bound to the request's resource monitor, in
 * which the handler builds the component.
 *
 * <p>The SDK finds "the" deployment through a thread-local that its futures carry from thread
 * to thread. Creating the deployment sets that thread-local on the calling gRPC thread; it is
 * cleared again before the thread goes back to the pool, so a later call on the same thread can
 * never see this call's deployment. Every callback the SDK schedules carries the deployment
 * that was current when it was created, so concurrent calls each keep to their own.
 */
final class ConstructCall {

    private ConstructCall() {
    }

    static CompletableFuture<ConstructResponse> run(ConstructHandler handler, String engineAddress,
                                                    ConstructRequest request) {
        var options = ConstructOptions.from(request);
        var inputs = PropertyValue.unmarshalProperties(request.getInputs());
        var settings = InlineDeploymentSettings.builder()
                .monitorAddr(request.getMonitorEndpoint())
                .engineAddr(engineAddress)
                .project(request.getProject())
                .stack(request.getStack())
                .organization(request.getOrganization())
                .isDryRun(request.getDryRun())
                .config(ImmutableMap.copyOf(request.getConfigMap()))
                .configSecretKeys(ImmutableSet.copyOf(request.getConfigSecretKeysList()))
                .build();
        Optional<DeploymentInstance> deployment = Optional.empty();
        try {
            var pulumi = PulumiInternal.fromInline(settings, StackOptions.Empty);
            deployment = DeploymentInstanceHolder.getInstanceOptional();
            var response = pulumi.<ConstructResponse>runInlineAsync(context -> {
                // A failure is returned, not thrown: thrown, the SDK would also report it to the
                // engine as an unhandled program error with a stack trace, next to our status.
                try {
                    var component = handler.construct(request.getType(), request.getName(), inputs, options);
                    return Internal.of(component.urn()).getValueNullable().thenCompose(urn -> ConstructState.response(
                            urn, component.outputs(), request.getAcceptsOutputValues()));
                } catch (RuntimeException | Error failure) {
                    return CompletableFuture.failedFuture(failure);
                }
            });
            var finished = deployment;
            return response.whenComplete((result, failure) -> finished.ifPresent(DeploymentInstance::markInvalid));
        } catch (RuntimeException failure) {
            deployment.ifPresent(DeploymentInstance::markInvalid);
            return CompletableFuture.failedFuture(failure);
        } finally {
            DeploymentInstanceHolder.setInstance(null);
        }
    }
}
