package dev.hubspoke.server;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.pulumi.Config;
import com.pulumi.context.internal.ConfigContextInternal;
import com.pulumi.context.internal.ContextInternal;
import com.pulumi.context.internal.LoggingContextInternal;
import com.pulumi.context.internal.OutputContextInternal;
import com.pulumi.core.internal.GlobalLogging;
import com.pulumi.core.internal.OutputFactory;
import com.pulumi.deployment.internal.DeploymentImpl;
import com.pulumi.internal.PulumiInternal;
import pulumirpc.Provider.ConstructRequest;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A Pulumi deployment for one Construct, built as the SDK's {@code PulumiInternal.fromInline}
 * builds one, with two differences: it runs on a {@link SettlingRunner} instead of the SDK's
 * polling runner, and it talks to the engine over the provider's shared {@link EngineChannels}.
 *
 * <p>Deployments of concurrent Constructs run side by side: the {@link ConstructRouter} lets the
 * SDK, which finds "the" deployment through a thread-local, reach the right one from any thread.
 */
final class InlineDeployment {

    private InlineDeployment() {
    }

    /** Runs {@code work} (which may register resources) in a new deployment for {@code request}. */
    static <T> CompletableFuture<T> run(ConstructRouter router, EngineChannels channels, String engineAddress,
                                        ConstructRequest request, Supplier<CompletableFuture<T>> work) {
        // Released when this Construct ends, so the monitor's channel closes with the last one.
        var monitor = channels.monitor(request.getMonitorEndpoint());
        try {
            var logger = Logger.getLogger(DeploymentImpl.class.getName());
            logger.setLevel(GlobalLogging.GlobalLevel);
            var config = new DeploymentImpl.Config(ImmutableMap.copyOf(request.getConfigMap()),
                    ImmutableSet.copyOf(request.getConfigSecretKeysList()));
            var organization = request.getOrganization().isEmpty() ? "organization" : request.getOrganization();
            var state = new DeploymentImpl.DeploymentState(config, logger, organization, request.getProject(),
                    request.getStack(), "", request.getDryRun(), channels.engine(engineAddress), monitor);
            // The deployment's parts take the runner and the engine logger when they are built.
            state.runner = new SettlingRunner();
            state.logger = QuietDebugLogger.of(state.logger);
            var deployment = new DeploymentImpl(state);

            var context = new ContextInternal(organization, request.getProject(), request.getStack(),
                    new LoggingContextInternal(deployment.getLog()),
                    new ConfigContextInternal(request.getProject(), name -> new Config(config, name)),
                    new OutputContextInternal(new OutputFactory(state.runner)),
                    List.of());
            return router.run(deployment, () -> new PulumiInternal(state.runner, context)
                    .runInlineAsync(ignored -> work.get()))
                    .whenComplete((result, failure) -> channels.release(request.getMonitorEndpoint()));
        } catch (RuntimeException failure) {
            channels.release(request.getMonitorEndpoint());
            return CompletableFuture.failedFuture(failure);
        }
    }
}
