package dev.hubspoke.components;

import com.pulumi.Context;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.ProviderResource;
import com.pulumi.resources.internal.DependencyProviderResource;
import dev.hubspoke.plan.StandInAws;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import static dev.hubspoke.components.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An aws provider passed to a component (another account or region) reaches every child resource
 * and every lookup the component makes, nested components included: what Construct's
 * {@code providers} map becomes. None of them may fall back to the default provider, which would
 * build part of a spoke in the platform's account.
 */
class ExplicitProviderTest {

    record Program(String name, BiConsumer<Context, ComponentResourceOptions> build, List<String> lookups) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Program> programs() {
        return Stream.of(
                new Program("Hub shared with an organization", (ctx, o) -> new Hub("hub",
                        hub(List.of(ORGANIZATION), false), o), List.of("aws:index/getPartition:getPartition")),
                new Program("SpokeVpc on a shared Transit Gateway, zones looked up", (ctx, o) -> new SpokeVpc("team",
                        new SpokeVpcArgs("10.7.0.0/16", Output.of(TGW_ID), Optional.empty(), Optional.empty(), List.of(),
                                Optional.of(2), Optional.empty(), 28, true, true, 30, Output.of(TAGS), java.util.Map.of(),
                                Optional.empty()), o),
                        List.of(Zones.LOOKUP)),
                new Program("SpokeAttachment accepting", (ctx, o) -> new SpokeAttachment("team",
                        new SpokeAttachmentArgs(Output.of(ATTACHMENT_ID), Output.of(SPOKE_RT_ID),
                                Output.of(INSPECTION_RT_ID), true, Output.of(TAGS)), o), List.of()),
                new Program("HubAndSpoke shared, with a local and an external spoke", (ctx, o) -> new HubAndSpoke("net",
                        hubAndSpoke(List.of(new SpokeSpec("app", "10.0.0.0/16", true, true, Optional.empty()),
                                        SpokeSpec.external("team", "10.1.0.0/16", Optional.of(Output.of(ATTACHMENT_ID)),
                                                Optional.empty())),
                                List.of(OU), false), o),
                        List.of(Zones.LOOKUP, "aws:index/getPartition:getPartition")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void everyChildAndEveryLookupUsesTheProviderPassedToTheComponent(Program program) {
        assertEveryUseIsTheExplicitProvider(program, false);
    }

    /**
     * As a Construct call passes it: a {@code DependencyProviderResource} holding only the
     * provider's reference, with no resource type (the engine test that found this: an explicit
     * provider's region refused the zones the default provider's lookup had named).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void aProviderGivenOnlyByItsReferenceAsConstructGivesItIsUsedToo(Program program) {
        assertEveryUseIsTheExplicitProvider(program, true);
    }

    private static void assertEveryUseIsTheExplicitProvider(Program program, boolean byReference) {
        var aws = new StandInAws();
        var run = MockRun.of(aws, ctx -> {
            var provider = new Provider("team-account", ProviderArgs.builder().region("eu-west-1").build());
            ProviderResource given = byReference ? new DependencyProviderResource(
                    "urn:pulumi:test::project::pulumi:pulumi:Stack$pulumi:providers:aws::team-account::"
                            + StandInAws.idOf("pulumi:providers:aws", "team-account")) : provider;
            program.build().accept(ctx, ComponentResourceOptions.builder().providers(given).build());
        });
        assertEquals(List.of(), run.exceptions());

        String reference = run.named("team-account").urnNow() + "::" + run.named("team-account").id();
        var uses = aws.providerUses().stream()
                .filter(u -> !u.what().startsWith("hubspoke:") && !u.what().startsWith("pulumi:providers:"))
                .toList();
        assertTrue(uses.size() >= 3, "resources and lookups: " + uses);
        uses.forEach(use -> assertEquals(reference, use.provider(), use.what()));
        var lookedUp = uses.stream().map(StandInAws.ProviderUse::what).filter(w -> w.startsWith("aws:index/")).distinct().toList();
        assertTrue(lookedUp.containsAll(program.lookups()), "lookups: " + lookedUp);
    }
}
