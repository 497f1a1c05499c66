package dev.hubspoke.components;

import dev.hubspoke.plan.StandInAws;

import com.google.protobuf.Value;
import com.pulumi.Context;
import com.pulumi.Log;
import com.pulumi.core.internal.Constants;
import com.pulumi.deployment.internal.EngineLogger;
import com.pulumi.resources.Resource;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestOptions;
import com.pulumi.test.TestResult;
import com.pulumi.test.internal.MockMonitor;
import com.pulumi.test.internal.PulumiTestInternal;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import static com.pulumi.resources.internal.Stack.RootPulumiStackTypeName;

/**
 * One program run under {@link StandInAws}, with every registration as the engine would have received
 * it: type, name, parent, dependencies, which inputs were secret, and the inputs themselves.
 *
 * <p>The registrations are recorded by a {@link MockMonitor} subclass, because only the raw
 * request still says which inputs are secret and which resources a resource depends on: the
 * {@code Mocks} interface sees inputs with the secret markers removed.
 */
final class MockRun {

    /** One resource registration, components included, the root stack left out. */
    record Registration(String type, String name, String parentUrn, List<String> dependencies,
                        Set<String> secretInputs, CompletableFuture<String> urn, Map<String, Object> inputs,
                        List<String> ignoreChanges) {

        String urnNow() {
            return urn.join();
        }

        String id() {
            return StandInAws.idOf(type, name);
        }

        Object input(String key) {
            return inputs.get(key);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(String key) {
            return (Map<String, Object>) inputs.get(key);
        }

        @SuppressWarnings("unchecked")
        List<Object> list(String key) {
            return (List<Object>) inputs.get(key);
        }
    }

    private final StandInAws aws;
    private final List<Registration> registrations;
    private final TestResult result;

    private MockRun(StandInAws aws, List<Registration> registrations, TestResult result) {
        this.aws = aws;
        this.registrations = registrations;
        this.result = result;
    }

    /** Runs {@code program} to completion and cleans up the SDK's per-thread deployment. */
    static MockRun of(Consumer<Context> program) {
        return of(new StandInAws(), program);
    }

    /** Like {@link #of(Consumer)}, with {@code aws} playing the cloud (e.g. a region with fewer zones). */
    static MockRun of(StandInAws aws, Consumer<Context> program) {
        var recorded = new CopyOnWriteArrayList<Registration>();
        try {
            var result = PulumiTestInternal.builder()
                    .options(TestOptions.builder().projectName("project").stackName("test").build())
                    .mocks(aws)
                    .standardLogger(quietLogger())
                    .monitorDecorator(ignored -> new RecordingMonitor(aws, recorded))
                    .build()
                    .runTest(program);
            return new MockRun(aws, List.copyOf(recorded), result);
        } finally {
            PulumiTest.cleanup();
        }
    }

    /** The SDK logs a failed program's stack trace; the tests assert on the exceptions instead. */
    private static Logger quietLogger() {
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.OFF);
        return logger;
    }

    /** Like {@link #of}, and fails the test if the program or a resource failed. */
    static MockRun ok(Consumer<Context> program) {
        var run = of(program);
        if (!run.result.exceptions().isEmpty()) {
            var failure = new AssertionError("the program failed: " + run.result.exceptions());
            run.result.exceptions().forEach(failure::addSuppressed);
            throw failure;
        }
        return run;
    }

    List<Registration> all() {
        return registrations.stream().map(this::withInputs).toList();
    }

    List<Registration> ofType(String type) {
        return all().stream().filter(r -> r.type().equals(type)).toList();
    }

    Registration named(String name) {
        var matches = all().stream().filter(r -> r.name().equals(name)).toList();
        if (matches.size() != 1) {
            throw new AssertionError("expected one resource named " + name + ", found " + matches.size()
                    + " among " + names(r -> true));
        }
        return matches.get(0);
    }

    boolean has(String name) {
        return registrations.stream().anyMatch(r -> r.name().equals(name));
    }

    /** How many resources of each type, components included. */
    Map<String, Long> countsByType() {
        return registrations.stream().collect(Collectors.groupingBy(Registration::type, java.util.TreeMap::new,
                Collectors.counting()));
    }

    Set<String> names(Predicate<Registration> filter) {
        return registrations.stream().filter(filter).map(Registration::name)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    List<Registration> childrenOf(Registration parent) {
        String urn = parent.urnNow();
        return all().stream().filter(r -> urn.equals(r.parentUrn())).toList();
    }

    List<Exception> exceptions() {
        return result.exceptions();
    }

    List<StandInAws.Invoke> invokes() {
        return aws.invokes();
    }

    private Registration withInputs(Registration r) {
        return new Registration(r.type(), r.name(), r.parentUrn(), r.dependencies(), r.secretInputs(), r.urn(),
                aws.inputsOf(r.type(), r.name()), r.ignoreChanges());
    }

    /** Records what the engine would receive, then lets {@link MockMonitor} answer through the mocks. */
    private static final class RecordingMonitor extends MockMonitor {

        private final List<Registration> recorded;

        RecordingMonitor(StandInAws aws, List<Registration> recorded) {
            super(aws, new Log(EngineLogger.ignore()));
            this.recorded = recorded;
        }

        @Override
        public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource,
                                                                                 RegisterResourceRequest request) {
            var response = super.registerResourceAsync(resource, request);
            if (!RootPulumiStackTypeName.equals(request.getType())) {
                Set<String> secret = request.getObject().getFieldsMap().entrySet().stream()
                        .filter(e -> isSecret(e.getValue()))
                        .map(Map.Entry::getKey)
                        .collect(Collectors.toSet());
                recorded.add(new Registration(request.getType(), request.getName(), request.getParent(),
                        List.copyOf(request.getDependenciesList()), secret,
                        response.thenApply(RegisterResourceResponse::getUrn), Map.of(),
                        List.copyOf(request.getIgnoreChangesList())));
            }
            return response;
        }

        private static boolean isSecret(Value value) {
            return value.hasStructValue() && Objects.equals(Constants.SpecialSecretSig,
                    value.getStructValue().getFieldsMap().getOrDefault(Constants.SpecialSigKey,
                            Value.getDefaultInstance()).getStringValue());
        }
    }
}
