package dev.hubspoke.server;

import com.google.protobuf.Empty;
import io.grpc.stub.StreamObserver;
import pulumirpc.EngineGrpc;
import pulumirpc.EngineOuterClass.GetRootResourceRequest;
import pulumirpc.EngineOuterClass.GetRootResourceResponse;
import pulumirpc.EngineOuterClass.LogRequest;
import pulumirpc.EngineOuterClass.SetRootResourceRequest;
import pulumirpc.EngineOuterClass.SetRootResourceResponse;

/**
 * The engine's own gRPC service (logging and the root resource) as a provider's deployment uses
 * it, played in process: for the archive's training run and, extended, for the wire tests.
 */
public class StandInEngine extends EngineGrpc.EngineImplBase {

    private final String rootUrn;

    /** @param rootUrn the stack's URN, the root resource the engine reports */
    public StandInEngine(String rootUrn) {
        this.rootUrn = rootUrn;
    }

    /** Called with every log message a deployment sends; drops it. */
    protected void logged(LogRequest request) {
    }

    @Override
    public final void log(LogRequest request, StreamObserver<Empty> response) {
        logged(request);
        StandInMonitor.reply(response, Empty.getDefaultInstance());
    }

    @Override
    public void getRootResource(GetRootResourceRequest request, StreamObserver<GetRootResourceResponse> response) {
        StandInMonitor.reply(response, GetRootResourceResponse.newBuilder().setUrn(rootUrn).build());
    }

    @Override
    public void setRootResource(SetRootResourceRequest request, StreamObserver<SetRootResourceResponse> response) {
        StandInMonitor.reply(response, SetRootResourceResponse.getDefaultInstance());
    }
}
