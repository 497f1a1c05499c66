package dev.hubspoke.components;

import com.pulumi.deployment.InvokeOptions;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.ProviderResource;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Invokes a component makes before it registers itself (zone lookup, partition), asked of the aws
 * provider its children will use: the one in the component's own {@code providers}, else the one
 * its parent passes down (a child of HubAndSpoke gets only {@code parent}), else the default one.
 */
final class Lookups {

    private Lookups() {
    }

    /** Invoke options naming the component's aws provider, or its parent to take the provider from. */
    static InvokeOptions options(ComponentResourceOptions options) {
        if (options == null) {
            return new InvokeOptions();
        }
        return new InvokeOptions(options.getParent().orElse(null), awsProvider(options).orElse(null), null);
    }

    /** Waits for a plain invoke; its failure is thrown as it is, not wrapped. */
    static <T> T now(CompletableFuture<T> invoke) {
        try {
            return invoke.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * The aws provider among the component's providers; none means the parent's or the default
     * provider. Found by package, not by resource type: the providers of a Construct call are
     * {@code DependencyProviderResource}s, whose resource type the SDK leaves empty (they stand for
     * a reference only), so a type filter found none and the zone lookup asked the default
     * provider's region, whose zones the explicit provider's region then refused.
     */
    static Optional<ProviderResource> awsProvider(ComponentResourceOptions options) {
        return Optional.ofNullable(options).flatMap(o -> Optional.ofNullable(o.getProviders())).stream()
                .flatMap(List::stream)
                .filter(p -> AWS.equals(ProviderResource.ProviderResourceInternal.from(p).getPackage()))
                .findFirst();
    }

    private static final String AWS = "aws";
}
