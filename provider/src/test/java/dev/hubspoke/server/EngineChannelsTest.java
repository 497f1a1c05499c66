package dev.hubspoke.server;

import io.grpc.Context;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import org.junit.jupiter.api.Test;
import pulumirpc.Resource.SupportsFeatureRequest;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineChannelsTest {

    @Test
    void aCallToTheMonitorOutlivesTheGrpcContextOfTheThreadThatStartedIt() throws Exception {
        var eventLoops = new NioEventLoopGroup(1);
        try (var monitor = FakeMonitor.start(FakeMonitor.Mode.UPDATE); var channels = new EngineChannels(eventLoops)) {
            // What a Construct's work sees when it starts on a thread that served another Construct
            // which has answered since: a cancelled server-call context.
            var finished = Context.current().withCancellation();
            finished.cancel(null);
            var answer = finished.call(() -> channels.monitor(monitor.address())
                    .supportsFeatureAsync(SupportsFeatureRequest.newBuilder().setId("resourceReferences").build()));
            assertTrue(answer.get(30, TimeUnit.SECONDS).getHasSupport());
        } finally {
            eventLoops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        }
    }
}
