package dev.hubspoke.server;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/** The provider's gRPC server, listening on a free port of the loopback interface. */
public final class ProviderServer {

    private static final Logger LOG = Logger.getLogger(ProviderServer.class.getName());
    /** Inputs and the schema can be large; the SDK's own channels allow the same. */
    private static final int MAX_MESSAGE_BYTES = 400 * 1024 * 1024;
    /** How long the I/O threads may take to stop once the server and channels are closed. */
    private static final Duration EVENT_LOOP_STOP = Duration.ofSeconds(1);

    private final Server server;
    private final EngineChannels channels;
    private final EventLoopGroup eventLoops;

    private ProviderServer(Server server, EngineChannels channels, EventLoopGroup eventLoops) {
        this.server = server;
        this.channels = channels;
        this.eventLoops = eventLoops;
    }

    /**
     * Starts serving.
     *
     * @param handler       builds the components
     * @param engineAddress the engine's address when known at start
     */
    public static ProviderServer start(ConstructHandler handler, Optional<String> engineAddress) throws IOException {
        // One group of I/O threads of our own for the server and the channels to the engine, rather
        // than gRPC's shared ones (released a second after their last user): at exit the JVM waits
        // up to 300 ms for threads in native code, and an event loop idles in epoll_wait.
        var eventLoops = new NioEventLoopGroup(2, new DefaultThreadFactory("hubspoke-io", true));
        var channels = new EngineChannels(eventLoops);
        var service = new ProviderService(handler, PluginResources.ofThisJar(), channels, engineAddress);
        var server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .bossEventLoopGroup(eventLoops)
                .workerEventLoopGroup(eventLoops)
                .channelType(NioServerSocketChannel.class)
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .addService(service)
                .build()
                .start();
        return new ProviderServer(server, channels, eventLoops);
    }

    /** The port the server listens on. */
    public int port() {
        return server.getPort();
    }

    /** Blocks until the server has shut down. */
    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /**
     * Stops taking calls, gives the ones in flight {@code grace} to finish, then cancels the rest.
     */
    public void shutdown(Duration grace) {
        server.shutdown();
        try {
            if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning(() -> "calls still running after " + grace.toSeconds() + " s; cancelling them");
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            channels.close();
            eventLoops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(EVENT_LOOP_STOP.toMillis());
        }
    }
}
