package dev.hubspoke.server;

import io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLoggerFactory;
import io.grpc.netty.shaded.io.netty.util.internal.logging.JdkLoggerFactory;

/**
 * Start-up settings for the Netty inside gRPC, applied before Netty initialises. They matter for
 * the time from process start to the printed port, which the engine waits for.
 */
final class NettySetup {

    private static final String NO_NATIVE = "io.grpc.netty.shaded.io.netty.transport.noNative";

    private NettySetup() {
    }

    static void apply() {
        // The native epoll transport is unpacked to a temporary file and loaded on every start;
        // for a handful of loopback connections the NIO transport is as good and starts at once.
        if (System.getProperty(NO_NATIVE) == null) {
            System.setProperty(NO_NATIVE, "true");
        }
        // Netty prefers SLF4J when it is on the class path (it is, through the SDK), finds no
        // binding and complains on stderr; java.util.logging is what the provider configures.
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
    }
}
