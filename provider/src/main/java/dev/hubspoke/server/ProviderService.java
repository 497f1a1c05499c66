package dev.hubspoke.server;

import com.google.protobuf.Empty;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import pulumirpc.Plugin.PluginAttach;
import pulumirpc.Plugin.PluginInfo;
import pulumirpc.Provider.CheckRequest;
import pulumirpc.Provider.CheckResponse;
import pulumirpc.Provider.ConfigureRequest;
import pulumirpc.Provider.ConfigureResponse;
import pulumirpc.Provider.ConstructRequest;
import pulumirpc.Provider.ConstructResponse;
import pulumirpc.Provider.DiffRequest;
import pulumirpc.Provider.DiffResponse;
import pulumirpc.Provider.GetSchemaRequest;
import pulumirpc.Provider.GetSchemaResponse;
import pulumirpc.Provider.ProviderHandshakeRequest;
import pulumirpc.Provider.ProviderHandshakeResponse;
import pulumirpc.ResourceProviderGrpc;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The hubspoke resource provider as the engine sees it: a component provider. It describes
 * itself (plugin info, schema), accepts any provider configuration, and constructs components;
 * the engine never asks it to create, read, update or delete anything itself. Each method
 * translates the protocol and delegates; nothing here knows about networks.
 */
final class ProviderService extends ResourceProviderGrpc.ResourceProviderImplBase {

    private static final Logger LOG = Logger.getLogger(ProviderService.class.getName());

    private final ConstructHandler handler;
    private final PluginResources resources;
    private final EngineChannels channels;
    private final ConstructRouter router = new ConstructRouter();
    /** Where the engine listens: from the command line, or later from Handshake or Attach. */
    private final AtomicReference<Optional<String>> engineAddress;

    ProviderService(ConstructHandler handler, PluginResources resources, EngineChannels channels,
                    Optional<String> engineAddress) {
        this.handler = handler;
        this.resources = resources;
        this.channels = channels;
        this.engineAddress = new AtomicReference<>(engineAddress);
    }

    @Override
    public void handshake(ProviderHandshakeRequest request, StreamObserver<ProviderHandshakeResponse> response) {
        if (!request.getEngineAddress().isEmpty()) {
            engineAddress.set(Optional.of(request.getEngineAddress()));
        }
        reply(response, ProviderHandshakeResponse.newBuilder()
                .setAcceptSecrets(true).setAcceptResources(true).setAcceptOutputs(true).build());
    }

    @Override
    public void attach(PluginAttach request, StreamObserver<Empty> response) {
        LOG.info(() -> "attached to the engine at " + request.getAddress());
        engineAddress.set(Optional.of(request.getAddress()));
        reply(response, Empty.getDefaultInstance());
    }

    @Override
    public void getPluginInfo(Empty request, StreamObserver<PluginInfo> response) {
        reply(response, "GetPluginInfo", () -> PluginInfo.newBuilder().setVersion(resources.version()).build());
    }

    @Override
    public void getSchema(GetSchemaRequest request, StreamObserver<GetSchemaResponse> response) {
        reply(response, "GetSchema", () -> GetSchemaResponse.newBuilder().setSchema(resources.schema()).build());
    }

    @Override
    public void checkConfig(CheckRequest request, StreamObserver<CheckResponse> response) {
        // The provider has no configuration of its own: whatever the program sets is kept as is.
        reply(response, CheckResponse.newBuilder().setInputs(request.getNews()).build());
    }

    @Override
    public void diffConfig(DiffRequest request, StreamObserver<DiffResponse> response) {
        reply(response, DiffResponse.newBuilder().setChanges(DiffResponse.DiffChanges.DIFF_NONE).build());
    }

    @Override
    public void configure(ConfigureRequest request, StreamObserver<ConfigureResponse> response) {
        reply(response, ConfigureResponse.newBuilder()
                .setAcceptSecrets(true)
                .setAcceptResources(true)
                .setAcceptOutputs(true)
                .setSupportsPreview(true)
                .build());
    }

    @Override
    public void cancel(Empty request, StreamObserver<Empty> response) {
        // Nothing runs outside a Construct call, and a Construct cannot be abandoned half-way
        // without leaving the engine with a partly registered component: let it finish.
        reply(response, Empty.getDefaultInstance());
    }

    @Override
    public void construct(ConstructRequest request, StreamObserver<ConstructResponse> response) {
        var type = request.getType();
        if (!handler.knownTypes().contains(type)) {
            var known = handler.knownTypes().isEmpty()
                    ? "this provider has no component types"
                    : "this provider constructs " + String.join(", ", handler.knownTypes());
            response.onError(Status.INVALID_ARGUMENT.withDescription("unknown component type '" + type + "'; "
                    + known).asRuntimeException());
            return;
        }
        var engine = engineAddress.get();
        if (engine.isEmpty()) {
            response.onError(Status.FAILED_PRECONDITION.withDescription(
                    "no engine address: start the provider with one, or let the engine Attach first")
                    .asRuntimeException());
            return;
        }
        var what = "Construct of " + type + " '" + request.getName() + "'";
        LOG.fine(() -> what + " started");
        ConstructCall.run(handler, router, channels, engine.get(), request).whenComplete((result, failure) -> {
            if (failure != null) {
                response.onError(Failures.toStatus(what, failure));
            } else {
                LOG.fine(() -> what + " finished");
                reply(response, result);
            }
        });
    }

    /** Replies with what {@code value} computes, or with INTERNAL when that fails. */
    private static <T> void reply(StreamObserver<T> response, String what, Supplier<T> value) {
        T computed;
        try {
            computed = value.get();
        } catch (RuntimeException failure) {
            response.onError(Failures.toStatus(what, failure));
            return;
        }
        reply(response, computed);
    }

    private static <T> void reply(StreamObserver<T> response, T value) {
        response.onNext(value);
        response.onCompleted();
    }
}
