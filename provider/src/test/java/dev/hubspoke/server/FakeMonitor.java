package dev.hubspoke.server;

import com.google.protobuf.Empty;
import com.google.protobuf.Struct;
import dev.hubspoke.plan.StandInAws;
import io.grpc.Attributes;
import io.grpc.Server;
import io.grpc.ServerTransportFilter;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import pulumirpc.Resource.RegisterResourceOutputsRequest;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;
import pulumirpc.Resource.ResourceInvokeRequest;
import pulumirpc.Resource.ResourceInvokeResponse;
import pulumirpc.Resource.SupportsFeatureRequest;
import pulumirpc.Resource.SupportsFeatureResponse;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's resource monitor as a provider's Construct talks to it, playing AWS: every
 * registration is recorded and answered with a URN, an AWS-shaped id and the inputs echoed back
 * as outputs (plus an ARN); the invokes the components use get fixed answers. In preview mode
 * ids and computed outputs are unknown, as in a first {@code pulumi preview}.
 */
final class FakeMonitor extends StandInMonitor implements AutoCloseable {

    static final String REGION = StandInAws.REGION;
    static final List<String> ZONES = StandInAws.REGION_ZONES;
    static final String AMI = StandInAws.AL2023_AMI;

    /** One RegisterResource call. */
    record Registration(String type, String name, String parent, boolean custom, Struct inputs, String urn,
                        String id, List<String> dependencies) {
    }

    /**
     * One custom resource's registration as the monitor served it: when it arrived and when it
     * was answered, by {@link System#nanoTime}. In update mode that span plays the cloud's create.
     */
    record Create(String name, String parent, long startNanos, long endNanos) {

        boolean overlaps(Create other) {
            return startNanos < other.endNanos && other.startNanos < endNanos;
        }
    }

    /** One RegisterResourceOutputs call. */
    record Outputs(String urn, Struct outputs) {
    }

    enum Mode { UPDATE, PREVIEW }

    private final Mode mode;
    /** How long each custom resource's registration takes, to keep a Construct in flight. */
    private final Duration registrationDelay;
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private final List<Outputs> outputs = new CopyOnWriteArrayList<>();
    private final List<Create> creates = new CopyOnWriteArrayList<>();
    /** Resources whose registration is refused, as the cloud refuses a create: name to message. */
    private final Map<String, String> refusals;
    private final List<String> invokes = new CopyOnWriteArrayList<>();
    private final List<String> featureQuestions = new CopyOnWriteArrayList<>();
    private final Server server;
    /** Client connections open now. */
    private final AtomicInteger openConnections = new AtomicInteger();

    /**
     * The ports of every monitor started in this JVM. The provider remembers a monitor's answers by
     * address, as it may (an engine run's monitor keeps its address and its features); a monitor
     * on a port the system hands out again would find the answers its predecessor gave.
     */
    private static final Set<Integer> PORTS_USED = ConcurrentHashMap.newKeySet();

    private FakeMonitor(Mode mode, Duration registrationDelay, Map<String, String> refusals) throws IOException {
        super(mode == Mode.PREVIEW);
        this.mode = mode;
        this.registrationDelay = registrationDelay;
        this.refusals = Map.copyOf(refusals);
        this.server = startOnFreshPort();
    }

    private Server startOnFreshPort() throws IOException {
        for (int attempt = 0; ; attempt++) {
            Server started = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .maxInboundMessageSize(64 * 1024 * 1024)
                    .addTransportFilter(new ServerTransportFilter() {
                        @Override
                        public Attributes transportReady(Attributes attributes) {
                            openConnections.incrementAndGet();
                            return attributes;
                        }

                        @Override
                        public void transportTerminated(Attributes attributes) {
                            openConnections.decrementAndGet();
                        }
                    })
                    .addService(this).build().start();
            if (PORTS_USED.add(started.getPort())) {
                return started;
            }
            started.shutdownNow();
            if (attempt == 100) {
                throw new IOException("no port the test run has not used yet after 100 tries");
            }
        }
    }

    static FakeMonitor start(Mode mode) throws IOException {
        return new FakeMonitor(mode, Duration.ZERO, Map.of());
    }

    static FakeMonitor start(Mode mode, Duration registrationDelay) throws IOException {
        return new FakeMonitor(mode, registrationDelay, Map.of());
    }

    /**
     * A monitor whose registrations of the resources named in {@code refusals} fail after the
     * delay with the message given, the way a create the cloud refuses fails {@code pulumi up}.
     */
    static FakeMonitor start(Mode mode, Duration registrationDelay, Map<String, String> refusals) throws IOException {
        return new FakeMonitor(mode, registrationDelay, refusals);
    }

    /** How many client connections are open now. */
    int openConnections() {
        return openConnections.get();
    }

    String address() {
        return "127.0.0.1:" + server.getPort();
    }

    List<Registration> registrations() {
        return List.copyOf(registrations);
    }

    List<Outputs> registeredOutputs() {
        return List.copyOf(outputs);
    }

    /** Every custom resource's registration span, in the order they were answered. */
    List<Create> creates() {
        return List.copyOf(creates);
    }

    /** The provider reference of every custom resource created (in update mode) and every invoke, in order. */
    List<StandInAws.ProviderUse> providerUses() {
        return aws().providerUses();
    }

    List<String> invokes() {
        return List.copyOf(invokes);
    }

    /** The feature of every SupportsFeature call, in order. */
    List<String> featureQuestions() {
        return List.copyOf(featureQuestions);
    }

    Optional<Registration> registration(String urn) {
        return registrations.stream().filter(r -> r.urn().equals(urn)).findFirst();
    }

    @Override
    public void supportsFeature(SupportsFeatureRequest request, StreamObserver<SupportsFeatureResponse> response) {
        featureQuestions.add(request.getId());
        super.supportsFeature(request, response);
    }

    @Override
    public void registerResource(RegisterResourceRequest request, StreamObserver<RegisterResourceResponse> response) {
        var started = System.nanoTime();
        var answer = answer(request);
        registrations.add(new Registration(request.getType(), request.getName(), request.getParent(),
                request.getCustom(), request.getObject(), answer.getUrn(), answer.getId(),
                List.copyOf(request.getDependenciesList())));
        if (request.getCustom()) {
            sleep(registrationDelay);
            creates.add(new Create(request.getName(), request.getParent(), started, System.nanoTime()));
            var refusal = refusals.get(request.getName());
            if (refusal != null) {
                response.onError(io.grpc.Status.UNKNOWN.withDescription(refusal).asRuntimeException());
                return;
            }
        }
        reply(response, answer);
    }

    @Override
    public void registerResourceOutputs(RegisterResourceOutputsRequest request, StreamObserver<Empty> response) {
        outputs.add(new Outputs(request.getUrn(), request.getOutputs()));
        super.registerResourceOutputs(request, response);
    }

    @Override
    public void invoke(ResourceInvokeRequest request, StreamObserver<ResourceInvokeResponse> response) {
        invokes.add(request.getTok());
        super.invoke(request, response);
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
