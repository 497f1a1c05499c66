package dev.hubspoke.server;

import com.google.common.collect.ImmutableMap;
import com.google.protobuf.Empty;
import com.pulumi.test.Mocks;
import dev.hubspoke.plan.StandInAws;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import pulumirpc.Resource.RegisterResourceOutputsRequest;
import pulumirpc.Resource.RegisterResourceRequest;
import pulumirpc.Resource.RegisterResourceResponse;
import pulumirpc.Resource.ResourceInvokeRequest;
import pulumirpc.Resource.ResourceInvokeResponse;
import pulumirpc.Resource.SupportsFeatureRequest;
import pulumirpc.Resource.SupportsFeatureResponse;
import pulumirpc.ResourceMonitorGrpc;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's resource monitor, played in process with {@link StandInAws} as the cloud: each
 * registration is answered with the URN the engine would give and, for a custom resource, its
 * inputs echoed as outputs; in an update also the id and the outputs AWS computes (arns, IPs,
 * endpoints). Invokes get the stand-in's answers. The archive's training run serves a Construct
 * against it ({@code CdsTraining}); the wire tests extend it to record what a Construct sent.
 * Not AWS, and not for deploying anything.
 */
public class StandInMonitor extends ResourceMonitorGrpc.ResourceMonitorImplBase {

    /** The features the engine this project pins (v3.274) reports. */
    private static final Set<String> FEATURES =
            Set.of("secrets", "resourceReferences", "outputValues", "deletedWith", "aliasSpecs", "transforms");

    private final boolean preview;
    private final StandInAws aws = new StandInAws();
    private final AtomicInteger registrations = new AtomicInteger();

    /** @param preview answer as in {@code pulumi preview} (ids and computed outputs unknown), else as in an update */
    public StandInMonitor(boolean preview) {
        this.preview = preview;
    }

    protected final StandInAws aws() {
        return aws;
    }

    /** How many registrations it has answered. */
    public final int answered() {
        return registrations.get();
    }

    /** The URN the engine would give: the parent's type chain, except the stack's, then type and name. */
    public static String urn(String parent, String type, String name) {
        var parts = parent.split("::");
        var stack = parts[0].substring("urn:pulumi:".length());
        var project = parts[1];
        var parentType = parts[2];
        var qualified = parentType.endsWith("pulumi:pulumi:Stack") ? type : parentType + "$" + type;
        return "urn:pulumi:" + stack + "::" + project + "::" + qualified + "::" + name;
    }

    /**
     * What the engine answers to {@code request}: the URN; for a custom resource the inputs as
     * outputs, and in an update its id and the outputs the stand-in cloud computes. The inputs
     * keep their secret markers, as the engine keeps an output secret when its input was.
     */
    protected final RegisterResourceResponse answer(RegisterResourceRequest request) {
        registrations.incrementAndGet();
        var reply = RegisterResourceResponse.newBuilder()
                .setUrn(urn(request.getParent(), request.getType(), request.getName()));
        if (!request.getCustom()) {
            return reply.build();
        }
        var object = request.getObject().toBuilder();
        if (!preview) {
            var created = aws.newResourceAsync(new Mocks.ResourceArgs(request.getType(), request.getName(),
                    WireValues.bare(request.getObject()), request.getProvider(), null)).join();
            var id = created.id.orElse("");
            if (created.state instanceof Map<?, ?> state) {
                state.forEach((key, value) -> {
                    if (!object.containsFields(key.toString())) {
                        object.putFields(key.toString(), WireValues.value(value));
                    }
                });
            }
            object.putFields("id", WireValues.value(id));
            reply.setId(id);
        }
        return reply.setObject(object).build();
    }

    @Override
    public void supportsFeature(SupportsFeatureRequest request, StreamObserver<SupportsFeatureResponse> response) {
        reply(response, SupportsFeatureResponse.newBuilder().setHasSupport(FEATURES.contains(request.getId())).build());
    }

    @Override
    public void registerResource(RegisterResourceRequest request, StreamObserver<RegisterResourceResponse> response) {
        reply(response, answer(request));
    }

    @Override
    public void registerResourceOutputs(RegisterResourceOutputsRequest request, StreamObserver<Empty> response) {
        reply(response, Empty.getDefaultInstance());
    }

    @Override
    public void invoke(ResourceInvokeRequest request, StreamObserver<ResourceInvokeResponse> response) {
        Map<String, Object> result;
        try {
            result = aws.callAsync(new Mocks.CallArgs(request.getTok(),
                    ImmutableMap.copyOf(WireValues.bare(request.getArgs())), request.getProvider())).join();
        } catch (IllegalArgumentException unanswered) {
            response.onError(Status.UNIMPLEMENTED
                    .withDescription("the stand-in monitor does not answer " + request.getTok()).asRuntimeException());
            return;
        }
        reply(response, ResourceInvokeResponse.newBuilder().setReturn(WireValues.struct(result)).build());
    }

    protected static <T> void reply(StreamObserver<T> response, T value) {
        response.onNext(value);
        response.onCompleted();
    }
}
