package dev.hubspoke.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubspoke.components.ComponentCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import pulumirpc.Provider.GetSchemaRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The packaged jar alone builds every component. The jar is cut to the classes reachable from
 * ours (maven-shade's minimizeJar), so a class the SDK finds only by name or reflection could be
 * missing; this starts the launcher with nothing but the jar on the class path (no test
 * classes) and constructs, over gRPC, every component the jar's own schema lists, in preview and
 * in update. The list comes from the schema, so a component added later is covered as soon as
 * ProviderWireIT has inputs for it, and fails here until it has.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackagedJarWireIT {

    private FakeEngine engine;
    private ProviderProcess provider;

    @BeforeAll
    void startFromTheJarAlone() throws Exception {
        engine = FakeEngine.start(ProviderWireIT.STACK_URN);
        var launcher = ProviderProcess.stagePlugin(ProviderProcess.workDir());
        var env = ProviderProcess.environment();
        env.remove("HUBSPOKE_CLASSPATH");
        provider = ProviderProcess.start(env, launcher, engine.address());
    }

    @AfterAll
    void stop() throws Exception {
        provider.close();
        engine.close();
    }

    /** The component types of the schema the jar serves. */
    private List<String> componentTypesOfTheServedSchema() throws Exception {
        var schema = provider.blocking().getSchema(GetSchemaRequest.newBuilder().setVersion(0).build()).getSchema();
        var resources = new ObjectMapper().readTree(schema).path("resources");
        return StreamSupport.stream(((Iterable<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>>)
                        resources::fields).spliterator(), false)
                .filter(e -> e.getValue().path("isComponent").asBoolean(false))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    @Test
    void theServedSchemaListsExactlyTheCatalogue() throws Exception {
        assertEquals(ComponentCatalog.types().stream().sorted().toList(), componentTypesOfTheServedSchema());
    }

    @Test
    void everyComponentOfTheSchemaConstructsFromThePackagedJarInPreviewAndUpdate() throws Exception {
        var types = componentTypesOfTheServedSchema();
        assertFalse(types.isEmpty(), "the schema lists no component");
        var cases = ProviderWireIT.handlerCases()
                .collect(Collectors.toMap(ProviderWireIT.HandlerCase::type, Function.identity()));
        var checks = new ArrayList<org.junit.jupiter.api.function.Executable>();
        for (var type : types) {
            var c = cases.get(type);
            if (c == null) {
                checks.add(() -> {
                    throw new AssertionError(type + " has no valid inputs to construct it with: add its HandlerCase "
                            + "to ProviderWireIT.handlerCases()");
                });
                continue;
            }
            for (var mode : FakeMonitor.Mode.values()) {
                checks.add(() -> constructs(c, mode));
            }
        }
        assertAll(checks);
    }

    private void constructs(ProviderWireIT.HandlerCase c, FakeMonitor.Mode mode) throws Exception {
        try (var monitor = FakeMonitor.start(mode)) {
            var name = "packaged-" + mode.name().toLowerCase(java.util.Locale.ROOT);
            var response = provider.blocking().construct(
                    ProviderWireIT.construct(monitor, c.type(), name, c.validInputs())
                            .setDryRun(mode == FakeMonitor.Mode.PREVIEW).build());
            var urn = StandInMonitor.urn(ProviderWireIT.STACK_URN, c.type(), name);
            assertEquals(urn, response.getUrn(), c.type() + " in " + mode);
            assertEquals(c.childTypes().stream().sorted().toList(), monitor.registrations().stream()
                    .filter(r -> !r.urn().equals(urn)).map(FakeMonitor.Registration::type).sorted().toList(),
                    c.type() + " in " + mode);
            assertEquals(c.outputNames(), response.getState().getFieldsMap().keySet(), c.type() + " in " + mode);
        }
    }
}
