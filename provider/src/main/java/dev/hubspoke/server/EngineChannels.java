package dev.hubspoke.server;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import com.pulumi.core.internal.ContextAwareCompletableFuture;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.Context;
import io.grpc.MethodDescriptor;
import com.pulumi.deployment.internal.Engine;
import com.pulumi.deployment.internal.Monitor;
import com.pulumi.resources.Resource;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import pulumirpc.EngineGrpc;
import pulumirpc.EngineOuterClass.GetRootResourceRequest;
import pulumirpc.EngineOuterClass.GetRootResourceResponse;
import pulumirpc.EngineOuterClass.LogRequest;
import pulumirpc.EngineOuterClass.RequirePulumiVersionRequest;
import pulumirpc.EngineOuterClass.RequirePulumiVersionResponse;
import pulumirpc.Provider.CallResponse;
import pulumirpc.Resource.ReadResourceRequest;
import pulumirpc.Resource.ReadResourceResponse;
import pulumirpc.Resource.RegisterPackageRequest;
import pulumirpc.Resource.RegisterPackageResponse;
import pulumirpc.Resource.RegisterResourceOutputsRequest;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;
import pulumirpc.Resource.ResourceCallRequest;
import pulumirpc.Resource.ResourceInvokeRequest;
import pulumirpc.Resource.ResourceInvokeResponse;
import pulumirpc.Resource.SupportsFeatureRequest;
import pulumirpc.Resource.SupportsFeatureResponse;
import pulumirpc.ResourceMonitorGrpc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The provider's connections to the engine and its resource monitors, one channel per address,
 * shared by the Construct calls (the SDK's own clients open a channel per deployment that nothing
 * ever closes): the engine's until the provider stops, a monitor's until the last Construct using
 * it ends; and each monitor's SupportsFeature answers, kept for the provider's life.
 */
final class EngineChannels implements AutoCloseable {

    /** Inputs and states can be large; the SDK allows the same. */
    private static final int MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

    private final ConcurrentHashMap<String, ManagedChannel> channels = new ConcurrentHashMap<>();
    /**
     * The monitors' answers to SupportsFeature, by address and feature. A monitor's features do
     * not change while it runs, but the SDK asks again in every deployment, and asks once per
     * resource until the first answer is in: hundreds of round trips for a large component.
     */
    private final ConcurrentHashMap<FeatureKey, CompletableFuture<SupportsFeatureResponse>> features =
            new ConcurrentHashMap<>();

    private record FeatureKey(String address, String feature) {
    }

    /** The monitors' channels and how many Constructs in flight use each; guarded by itself. */
    private final Map<String, Lease> monitorChannels = new HashMap<>();

    private static final class Lease {
        final ManagedChannel channel;
        int users;

        Lease(ManagedChannel channel) {
            this.channel = channel;
        }
    }

    /** Where the channels' I/O runs: the provider's own threads, stopped when it stops. */
    private final EventLoopGroup eventLoops;

    /** @param eventLoops runs the channels' I/O; the caller shuts it down after {@link #close()} */
    EngineChannels(EventLoopGroup eventLoops) {
        this.eventLoops = eventLoops;
    }

    private ManagedChannel channel(String address) {
        return channels.computeIfAbsent(address, this::newChannel);
    }

    private ManagedChannel leaseMonitorChannel(String address) {
        synchronized (monitorChannels) {
            var lease = monitorChannels.computeIfAbsent(address, target -> new Lease(newChannel(target)));
            lease.users++;
            return lease.channel;
        }
    }

    /** One Construct using the monitor at {@code address} has ended; the last one closes the channel. */
    void release(String address) {
        synchronized (monitorChannels) {
            var lease = monitorChannels.get(address);
            if (lease != null && --lease.users == 0) {
                monitorChannels.remove(address);
                lease.channel.shutdown(); // calls in flight (none by now) may finish
            }
        }
    }

    private ManagedChannel newChannel(String target) {
        return NettyChannelBuilder.forTarget(target)
                .eventLoopGroup(eventLoops)
                .channelType(NioSocketChannel.class)
                .usePlaintext()
                // No retry policy is configured and a RegisterResource must never be sent twice;
                // without this every call still goes through gRPC's retry buffering (about a
                // tenth of a warm seed Construct's CPU, measured).
                .disableRetry()
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .build();
    }

    /**
     * {@code address}'s channel, with calls that do not inherit the caller's gRPC context.
     * Constructs run concurrently and their callbacks run on whichever thread completes a future,
     * so one Construct's work may run on a thread that carries the context of another Construct's
     * server call; calls started there would be cancelled ("io.grpc.Context was cancelled without
     * error") as soon as that other Construct answered.
     */
    private static Channel detached(Channel channel) {
        return ClientInterceptors.intercept(channel, new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
                                                       Channel next) {
                var previous = Context.ROOT.attach();
                try {
                    return next.newCall(method, options);
                } finally {
                    Context.ROOT.detach(previous);
                }
            }
        });
    }

    /** The engine's logging and root-resource service at {@code address}, as the SDK uses it. */
    Engine engine(String address) {
        var stub = EngineGrpc.newFutureStub(detached(channel(address)));
        return new Engine() {
            @Override
            public CompletableFuture<Void> logAsync(LogRequest request) {
                return completable(stub.log(request)).thenApply(empty -> null);
            }

            @Override
            public CompletableFuture<GetRootResourceResponse> getRootResourceAsync(GetRootResourceRequest request) {
                return completable(stub.getRootResource(request));
            }

            @Override
            public CompletableFuture<RequirePulumiVersionResponse> requirePulumiVersionAsync(
                    RequirePulumiVersionRequest request) {
                return completable(stub.requirePulumiVersion(request));
            }
        };
    }

    /**
     * The resource monitor at {@code address}, as the SDK uses it, for one Construct: call
     * {@link #release} with the same address when that Construct has ended. Its channel is shared
     * by the Constructs in flight and closed when the last of them ends. The engine stops a
     * monitor gracefully when the program ends, and its gRPC server (grpc-go) then waits up to
     * one second for each client to close its connection: a channel kept open for the provider's
     * lifetime added that second to every {@code pulumi preview} and {@code up}.
     */
    Monitor monitor(String address) {
        var stub = ResourceMonitorGrpc.newFutureStub(detached(leaseMonitorChannel(address)));
        return new Monitor() {
            @Override
            public CompletableFuture<SupportsFeatureResponse> supportsFeatureAsync(SupportsFeatureRequest request) {
                var key = new FeatureKey(address, request.getId());
                var answer = features.computeIfAbsent(key, k -> plain(stub.supportsFeature(request)));
                // A failed question is asked again next time: the monitor may have been busy.
                answer.whenComplete((response, failure) -> {
                    if (failure != null) {
                        features.remove(key, answer);
                    }
                });
                // A new future per question, carrying the deployment like every other call.
                return ContextAwareCompletableFuture.wrap(answer);
            }

            @Override
            public CompletableFuture<ResourceInvokeResponse> invokeAsync(ResourceInvokeRequest request) {
                return completable(stub.invoke(request));
            }

            @Override
            public CompletableFuture<CallResponse> callAsync(ResourceCallRequest request) {
                return completable(stub.call(request));
            }

            @Override
            public CompletableFuture<ReadResourceResponse> readResourceAsync(Resource resource,
                                                                             ReadResourceRequest request) {
                return completable(stub.readResource(request));
            }

            @Override
            public CompletableFuture<RegisterResourceResponse> registerResourceAsync(Resource resource,
                                                                                     RegisterResourceRequest request) {
                return completable(stub.registerResource(request));
            }

            @Override
            public CompletableFuture<Void> registerResourceOutputsAsync(RegisterResourceOutputsRequest request) {
                return completable(stub.registerResourceOutputs(request)).thenApply(empty -> null);
            }

            @Override
            public CompletableFuture<RegisterPackageResponse> registerPackageAsync(RegisterPackageRequest request) {
                return completable(stub.registerPackage(request));
            }
        };
    }

    /**
     * A gRPC future as the SDK expects it: a CompletableFuture that carries the current
     * deployment to whatever runs when it completes.
     */
    private static <T> CompletableFuture<T> completable(ListenableFuture<T> call) {
        return ContextAwareCompletableFuture.wrap(plain(call));
    }

    /** A gRPC future as a plain CompletableFuture, bound to no deployment. */
    private static <T> CompletableFuture<T> plain(ListenableFuture<T> call) {
        var future = new CompletableFuture<T>();
        Futures.addCallback(call, new FutureCallback<T>() {
            @Override
            public void onSuccess(T result) {
                future.complete(result);
            }

            @Override
            public void onFailure(Throwable failure) {
                future.completeExceptionally(failure);
            }
        }, MoreExecutors.directExecutor());
        return future;
    }

    @Override
    public void close() {
        var all = new ArrayList<>(channels.values());
        synchronized (monitorChannels) {
            monitorChannels.values().forEach(lease -> all.add(lease.channel));
            monitorChannels.clear();
        }
        all.forEach(ManagedChannel::shutdown);
        for (var channel : all) {
            try {
                if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
                    channel.shutdownNow();
                }
            } catch (InterruptedException e) {
                channel.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
