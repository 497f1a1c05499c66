package dev.hubspoke.server;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Running as a Pulumi resource provider, the way the engine starts one: print the port on
 * stdout, serve until told to stop, and stop when the engine goes away.
 */
public final class ProviderMode {

    private static final Logger LOG = Logger.getLogger(ProviderMode.class.getName());
    /** How long calls in flight may finish after SIGTERM or the engine's exit. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);
    static final Duration PARENT_POLL = Duration.ofMillis(500);

    private ProviderMode() {
    }

    /** Work done against the started server before its port is printed. */
    @FunctionalInterface
    public interface BeforePort {
        void accept(ProviderServer server) throws Exception;
    }

    /**
     * Serves until shut down.
     *
     * @param args the engine's arguments, see {@link ProviderArgs}
     * @return the process exit code
     */
    public static int run(String... args) throws IOException, InterruptedException {
        return run(server -> { }, args);
    }

    /**
     * Serves until shut down, as {@link #run(String...)}, after {@code beforePort} has used the
     * started server (the archive's training run; its failure is logged and the server serves on).
     */
    public static int run(BeforePort beforePort, String... args) throws IOException, InterruptedException {
        AsyncPool.apply();
        var parent = ParentWatch.startingParent();
        // stdout belongs to the port alone: anything else a library prints goes to stderr.
        PrintStream portOut = System.out;
        System.setOut(System.err);
        NettySetup.apply();
        ProviderArgs parsed;
        try {
            parsed = ProviderArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("pulumi-resource-hubspoke: " + e.getMessage());
            return 2;
        }
        Logging.configure(parsed.verbosity());
        var server = ProviderServer.start(ConstructHandlers.discovered(), parsed.engineAddress());
        try {
            beforePort.accept(server);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "before the port: " + e, e);
        }
        portOut.println(server.port());
        portOut.flush();
        LOG.info(() -> "listening on 127.0.0.1:" + server.port() + parsed.engineAddress()
                .map(engine -> " for the engine at " + engine).orElse(" (no engine yet: waiting for Attach)"));

        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.shutdown(SHUTDOWN_GRACE), "hubspoke-shutdown"));
        if (parsed.engineAddress().isPresent()) {
            // Started by hand for PULUMI_DEBUG_PROVIDERS there is no engine parent to watch.
            ParentWatch.start(parent, PARENT_POLL, () -> System.exit(0));
        }
        server.awaitTermination();
        return 0;
    }
}
