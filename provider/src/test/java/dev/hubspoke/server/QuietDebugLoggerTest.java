package dev.hubspoke.server;

import com.pulumi.deployment.internal.EngineLogger;
import com.pulumi.resources.Resource;
import org.junit.jupiter.api.Test;

import javax.annotation.Nullable;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuietDebugLoggerTest {

    /** Records what reaches "the engine"; counts errors as the SDK's logger does. */
    private static final class Recording implements EngineLogger {
        final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<Void> logAsync(Level level, String message, @Nullable Resource resource,
                                                @Nullable Integer streamId, @Nullable Boolean ephemeral) {
            messages.add(level.getName() + " " + message);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public int getErrorCount() {
            return (int) messages.stream().filter(m -> m.startsWith("SEVERE")).count();
        }

        @Override
        public boolean hasLoggedErrors() {
            return getErrorCount() > 0;
        }
    }

    private static void logEveryLevel(EngineLogger logger) {
        logger.debugAsync("preparing resource").join();
        logger.logAsync(Level.FINER, "finer detail", null, null, null).join();
        logger.infoAsync("progress").join();
        logger.warnAsync("careful").join();
        logger.errorAsync("broken").join();
    }

    @Test
    void debugMessagesStayInTheProviderUnlessAskedForWhileEverythingElseReachesTheEngine() {
        var engine = new Recording();
        logEveryLevel(new QuietDebugLogger(engine, false));
        assertEquals(List.of("INFO progress", "WARNING careful", "SEVERE broken"), engine.messages);
    }

    @Test
    void debugMessagesReachTheEngineWhenAskedFor() {
        var engine = new Recording();
        logEveryLevel(new QuietDebugLogger(engine, true));
        assertEquals(List.of("FINE preparing resource", "FINE finer detail", "INFO progress", "WARNING careful",
                "SEVERE broken"), engine.messages);
    }

    @Test
    void errorsAreCountedByTheEnginesLogger() {
        var logger = new QuietDebugLogger(new Recording(), false);
        logger.errorAsync("broken").join();
        assertEquals(1, logger.getErrorCount());
        assertTrue(logger.hasLoggedErrors());
    }
}
