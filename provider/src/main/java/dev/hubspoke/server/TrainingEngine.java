package dev.hubspoke.server;

import com.google.protobuf.Empty;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import pulumirpc.Provider.CheckRequest;
import pulumirpc.Provider.ConfigureRequest;
import pulumirpc.Provider.ConstructRequest;
import pulumirpc.Provider.GetSchemaRequest;
import pulumirpc.ResourceProviderGrpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The engine of the launcher's archive training run, in process: an engine service and two
 * resource monitors ({@link StandInMonitor}: one answering as a preview does, one as an update),
 * and the calls the engine makes of a provider in {@code pulumi preview} and {@code pulumi up}:
 * plugin info, schema, config, then a Construct of the seed network (HubAndSpoke with its
 * defaults, 100 resources) in each mode. Served over gRPC, as the engine serves them, so the
 * archive holds the classes a provider's first Construct loads: the server's, the SDK's
 * deployment and serialization, and gRPC's client side. Not AWS; nothing leaves the process.
 */
public final class TrainingEngine implements AutoCloseable {

    private static final String PROJECT = "hubspoke-training";
    private static final String STACK = "training";
    private static final String STACK_URN =
            "urn:pulumi:" + STACK + "::" + PROJECT + "::pulumi:pulumi:Stack::" + PROJECT + "-" + STACK;
    private static final String SEED = "hubspoke:index:HubAndSpoke";

    private final StandInMonitor preview = new StandInMonitor(true);
    private final StandInMonitor update = new StandInMonitor(false);
    private final Server engine;
    private final Server previewMonitor;
    private final Server updateMonitor;

    private TrainingEngine() throws IOException {
        engine = serve(new StandInEngine(STACK_URN));
        previewMonitor = serve(preview);
        updateMonitor = serve(update);
    }

    private static Server serve(io.grpc.BindableService service) throws IOException {
        return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .maxInboundMessageSize(64 * 1024 * 1024)
                .addService(service).build().start();
    }

    public static TrainingEngine start() throws IOException {
        return new TrainingEngine();
    }

    /** The engine service's address, as the engine passes it to a provider it starts. */
    public String address() {
        return address(engine);
    }

    private static String address(Server server) {
        return "127.0.0.1:" + server.getPort();
    }

    /**
     * Makes the calls of a preview and then an update of the seed network, on the provider at
     * {@code port}; a Construct that fails throws.
     *
     * @return what was served, for the training run's stderr
     */
    public String previewAndUpdate(int port) throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                .maxInboundMessageSize(64 * 1024 * 1024).build();
        try {
            var provider = ResourceProviderGrpc.newBlockingStub(channel);
            for (var monitor : new Server[] {previewMonitor, updateMonitor}) {
                boolean preview = monitor == previewMonitor;
                provider.getPluginInfo(Empty.getDefaultInstance());
                provider.getSchema(GetSchemaRequest.getDefaultInstance());
                provider.checkConfig(CheckRequest.newBuilder().setUrn(STACK_URN).build());
                provider.configure(ConfigureRequest.newBuilder().setAcceptSecrets(true).setAcceptResources(true)
                        .setSendsOldInputs(true).setSendsOldInputsToDelete(true).build());
                provider.construct(ConstructRequest.newBuilder()
                        .setProject(PROJECT).setStack(STACK).setOrganization("organization")
                        .setMonitorEndpoint(address(monitor)).setDryRun(preview)
                        .setType(SEED).setName("training").setParent(STACK_URN)
                        .setInputs(WireValues.struct(Map.of()))
                        .setAcceptsOutputValues(true)
                        .build());
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        return "training: served the seed network's Construct as a preview (" + preview.answered()
                + " registrations) and as an update (" + update.answered() + " registrations)";
    }

    @Override
    public void close() throws InterruptedException {
        for (var server : new Server[] {engine, previewMonitor, updateMonitor}) {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
