package dev.hubspoke.server;

import com.pulumi.deployment.internal.EngineLogger;
import com.pulumi.resources.Resource;

import javax.annotation.Nullable;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The engine logger of one Construct's deployment: info, warnings and errors go to the engine
 * through the SDK's own logger, debug messages only when asked to: {@link #of} asks when this
 * provider logs at FINE itself (engine verbosity 4 or more, see {@link Logging}).
 *
 * <p>The SDK sends four debug messages for every resource it registers ("Preparing resource",
 * "Registering resource monitor start", ...), one Log call to the engine each, chained so that
 * they arrive in order, and a Construct is not done until the last has arrived. With hundreds of
 * resources those round trips were most of a Construct's time, for messages the engine shows
 * only with {@code --debug}.
 */
final class QuietDebugLogger implements EngineLogger {

    private static final Logger LOG = Logger.getLogger(QuietDebugLogger.class.getName());

    private final EngineLogger engine;
    private final boolean forwardDebug;

    QuietDebugLogger(EngineLogger engine, boolean forwardDebug) {
        this.engine = engine;
        this.forwardDebug = forwardDebug;
    }

    /** Wraps the SDK's logger, forwarding debug messages when this provider logs at FINE. */
    static QuietDebugLogger of(EngineLogger engine) {
        return new QuietDebugLogger(engine, LOG.isLoggable(Level.FINE));
    }

    @Override
    public CompletableFuture<Void> logAsync(Level level, String message, @Nullable Resource resource,
                                            @Nullable Integer streamId, @Nullable Boolean ephemeral) {
        // The SDK's logger takes FINEST as debug and refuses FINE and FINER: all three are debug here.
        return level.intValue() < Level.INFO.intValue()
                ? debugAsync(message, resource, streamId, ephemeral)
                : engine.logAsync(level, message, resource, streamId, ephemeral);
    }

    @Override
    public CompletableFuture<Void> debugAsync(String message, @Nullable Resource resource,
                                              @Nullable Integer streamId, @Nullable Boolean ephemeral) {
        if (forwardDebug) {
            return engine.debugAsync(message, resource, streamId, ephemeral);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> infoAsync(String message, @Nullable Resource resource,
                                             @Nullable Integer streamId, @Nullable Boolean ephemeral) {
        return engine.infoAsync(message, resource, streamId, ephemeral);
    }

    @Override
    public CompletableFuture<Void> warnAsync(String message, @Nullable Resource resource,
                                             @Nullable Integer streamId, @Nullable Boolean ephemeral) {
        return engine.warnAsync(message, resource, streamId, ephemeral);
    }

    @Override
    public CompletableFuture<Void> errorAsync(String message, @Nullable Resource resource,
                                              @Nullable Integer streamId, @Nullable Boolean ephemeral) {
        return engine.errorAsync(message, resource, streamId, ephemeral);
    }

    @Override
    public int getErrorCount() {
        return engine.getErrorCount();
    }

    @Override
    public boolean hasLoggedErrors() {
        return engine.hasLoggedErrors();
    }
}
