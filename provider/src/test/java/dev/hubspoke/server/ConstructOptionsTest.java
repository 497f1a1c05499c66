package dev.hubspoke.server;

import com.pulumi.core.Alias;
import com.pulumi.core.internal.Internal;
import com.pulumi.resources.Resource;
import org.junit.jupiter.api.Test;
import pulumirpc.AliasOuterClass;
import pulumirpc.Provider.ConstructRequest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConstructOptionsTest {

    private static final String STACK = "urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev";
    private static final String PROVIDER = "urn:pulumi:dev::proj::pulumi:providers:aws::eu::0c6b1ec0-8f39-4aa1-a1d3-45e1a3b4c9d0";

    private static String urn(Resource resource) {
        return Internal.of(resource.urn()).getValueNullable().join();
    }

    @Test
    void theRequestsParentDependenciesProvidersAndFlagsBecomeComponentOptions() {
        var options = ConstructOptions.from(ConstructRequest.newBuilder()
                .setParent(STACK)
                .addDependencies("urn:pulumi:dev::proj::aws:s3/bucket:Bucket::logs")
                .putProviders("aws", PROVIDER)
                .setProtect(true)
                .addIgnoreChanges("tags")
                .setRetainOnDelete(true)
                .addReplaceOnChanges("cidrBlock")
                .setCustomTimeouts(ConstructRequest.CustomTimeouts.newBuilder().setCreate("30m").setDelete("1h"))
                .build());

        assertEquals(STACK, urn(options.getParent().orElseThrow()));
        var dependsOn = Internal.of(options.getDependsOn()).getValueNullable().join();
        assertEquals(List.of("urn:pulumi:dev::proj::aws:s3/bucket:Bucket::logs"), dependsOn.stream().map(ConstructOptionsTest::urn).toList());
        assertEquals(List.of(PROVIDER.substring(0, PROVIDER.lastIndexOf("::"))),
                options.getProviders().stream().map(ConstructOptionsTest::urn).toList());
        assertEquals(Optional.of(true), options.getProtect());
        assertEquals(List.of("tags"), options.getIgnoreChanges());
        assertEquals(Optional.of(true), options.getRetainOnDelete());
        assertEquals(List.of("cidrBlock"), options.getReplaceOnChanges());
        var timeouts = options.getCustomTimeouts().orElseThrow();
        assertEquals(Optional.of(Duration.ofMinutes(30)), timeouts.getCreate());
        assertEquals(Optional.of(Duration.ofHours(1)), timeouts.getDelete());
        assertEquals(Optional.empty(), timeouts.getUpdate());
    }

    @Test
    void withoutAParentOrTimeoutsNoneIsSet() {
        var options = ConstructOptions.from(ConstructRequest.getDefaultInstance());
        assertEquals(Optional.empty(), options.getParent());
        assertEquals(Optional.empty(), options.getCustomTimeouts());
    }

    @Test
    void anAliasSpecWithANameAndAParentUrnIsAccepted() {
        var alias = ConstructOptions.alias(AliasOuterClass.Alias.newBuilder().setSpec(AliasOuterClass.Alias.Spec.newBuilder()
                .setName("old-name").setParentUrn(STACK).setType("hubspoke:index:Old")).build());
        assertEquals(Optional.of("old-name"), alias.getName().map(n -> Internal.of(n).getValueNullable().join()));
        assertEquals(Optional.of(STACK), alias.getParentUrn().map(p -> Internal.of(p).getValueNullable().join()));
    }

    @Test
    void anAliasByUrnOrWithNoParentKeepsThatMeaning() {
        var byUrn = ConstructOptions.alias(AliasOuterClass.Alias.newBuilder().setUrn(STACK).build());
        assertEquals(Optional.of(STACK), byUrn.getUrn());
        var noParent = ConstructOptions.alias(AliasOuterClass.Alias.newBuilder()
                .setSpec(AliasOuterClass.Alias.Spec.newBuilder().setNoParent(true)).build());
        assertTrue(noParent.hasNoParent());
    }

    @Test
    void everyAliasOfTheRequestIsKept() {
        var options = ConstructOptions.from(ConstructRequest.newBuilder()
                .addAliases(AliasOuterClass.Alias.newBuilder().setUrn(STACK))
                .addAliases(AliasOuterClass.Alias.newBuilder().setSpec(AliasOuterClass.Alias.Spec.newBuilder().setName("n")))
                .build());
        assertEquals(2, options.getAliases().size());
        Alias first = Internal.of(options.getAliases().get(0)).getValueNullable().join();
        assertEquals(Optional.of(STACK), first.getUrn());
    }
}
