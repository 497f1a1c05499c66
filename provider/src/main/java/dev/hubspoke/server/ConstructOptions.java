package dev.hubspoke.server;

import com.pulumi.core.Alias;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomTimeouts;
import com.pulumi.resources.DependencyResource;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.Resource;
import com.pulumi.resources.internal.DependencyProviderResource;
import pulumirpc.AliasOuterClass;
import pulumirpc.Provider.ConstructRequest;

import java.util.List;

/**
 * The resource options of a Construct request, as the Java SDK's {@link ComponentResourceOptions}.
 * The engine sends URNs and provider references; the SDK stands for each with a placeholder
 * resource that only carries the URN.
 *
 * <p>Not mapped: {@code deletedWith}, {@code replaceWith}, resource hooks and
 * {@code additionalSecretOutputs}, which SDK 1.36.1 cannot express for a component.
 */
final class ConstructOptions {

    private ConstructOptions() {
    }

    static ComponentResourceOptions from(ConstructRequest request) {
        var builder = ComponentResourceOptions.builder()
                .aliases(request.getAliasesList().stream().map(ConstructOptions::alias).toArray(Alias[]::new))
                .dependsOn(request.getDependenciesList().stream()
                        .<Resource>map(DependencyResource::new).toList())
                .providers(request.getProvidersMap().values().stream()
                        .<ProviderResource>map(DependencyProviderResource::new).toList())
                .protect(request.getProtect())
                .ignoreChanges(List.copyOf(request.getIgnoreChangesList()))
                .retainOnDelete(request.getRetainOnDelete())
                .replaceOnChanges(List.copyOf(request.getReplaceOnChangesList()));
        if (request.hasCustomTimeouts()) {
            builder.customTimeouts(timeouts(request.getCustomTimeouts()));
        }
        if (!request.getParent().isEmpty()) {
            builder.parent(new DependencyResource(request.getParent()));
        }
        return builder.build();
    }

    static Alias alias(AliasOuterClass.Alias alias) {
        if (alias.hasSpec()) {
            return alias(alias.getSpec());
        }
        return Alias.withUrn(alias.getUrn());
    }

    private static Alias alias(AliasOuterClass.Alias.Spec spec) {
        if (spec.getParentCase() == AliasOuterClass.Alias.Spec.ParentCase.NOPARENT && spec.getNoParent()) {
            return Alias.noParent();
        }
        var builder = Alias.builder();
        // The parent goes in first: SDK 1.36.1's Alias.Builder#parentUrn refuses to be called once
        // a name is set (it checks the wrong field), so an alias with both would otherwise throw.
        if (spec.getParentCase() == AliasOuterClass.Alias.Spec.ParentCase.PARENTURN) {
            builder.parentUrn(Output.of(spec.getParentUrn()));
        }
        if (!spec.getName().isEmpty()) {
            builder.name(spec.getName());
        }
        if (!spec.getType().isEmpty()) {
            builder.type(spec.getType());
        }
        if (!spec.getStack().isEmpty()) {
            builder.stack(spec.getStack());
        }
        if (!spec.getProject().isEmpty()) {
            builder.project(spec.getProject());
        }
        return builder.build();
    }

    private static CustomTimeouts timeouts(ConstructRequest.CustomTimeouts timeouts) {
        return CustomTimeouts.builder()
                .create(CustomTimeouts.parseTimeoutString(timeouts.getCreate()))
                .update(CustomTimeouts.parseTimeoutString(timeouts.getUpdate()))
                .delete(CustomTimeouts.parseTimeoutString(timeouts.getDelete()))
                .read(CustomTimeouts.parseTimeoutString(timeouts.getRead()))
                .build();
    }
}
