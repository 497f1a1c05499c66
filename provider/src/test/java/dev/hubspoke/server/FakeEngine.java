package dev.hubspoke.server;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import pulumirpc.EngineOuterClass.LogRequest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The engine's own gRPC service as a provider's deployment uses it, recording every log message. */
final class FakeEngine extends StandInEngine implements AutoCloseable {

    private final List<LogRequest> logs = new CopyOnWriteArrayList<>();
    private final Server server;

    private FakeEngine(String rootUrn) throws IOException {
        super(rootUrn);
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
    protected void logged(LogRequest request) {
        logs.add(request);
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
}
