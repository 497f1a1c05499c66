package dev.hubspoke.server;

import com.google.protobuf.Empty;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import pulumirpc.EngineGrpc;
import pulumirpc.EngineOuterClass.GetRootResourceRequest;
import pulumirpc.EngineOuterClass.GetRootResourceResponse;
import pulumirpc.EngineOuterClass.LogRequest;
import pulumirpc.EngineOuterClass.SetRootResourceRequest;
import pulumirpc.EngineOuterClass.SetRootResourceResponse;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The engine's own gRPC service as a provider's deployment uses it: logging and the root resource. */
final class FakeEngine extends EngineGrpc.EngineImplBase implements AutoCloseable {

    private final List<LogRequest> logs = new CopyOnWriteArrayList<>();
    private final String rootUrn;
    private final Server server;

    private FakeEngine(String rootUrn) throws IOException {
        this.rootUrn = rootUrn;
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(this).build().start();
    }

    static FakeEngine start(String rootUrn) throws IOException {
        return new FakeEngine(rootUrn);
    }

    String address() {
        return "127.0.0.1:" + server.getPort();
    }

    List<LogRequest> logs() {
        return List.copyOf(logs);
    }

    @Override
    public void log(LogRequest request, StreamObserver<Empty> response) {
        logs.add(request);
        response.onNext(Empty.getDefaultInstance());
        response.onCompleted();
    }

    @Override
    public void getRootResource(GetRootResourceRequest request, StreamObserver<GetRootResourceResponse> response) {
        response.onNext(GetRootResourceResponse.newBuilder().setUrn(rootUrn).build());
        response.onCompleted();
    }

    @Override
    public void setRootResource(SetRootResourceRequest request, StreamObserver<SetRootResourceResponse> response) {
        response.onNext(SetRootResourceResponse.getDefaultInstance());
        response.onCompleted();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
