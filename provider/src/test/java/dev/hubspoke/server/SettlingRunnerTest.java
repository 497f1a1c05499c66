package dev.hubspoke.server;

import com.pulumi.deployment.internal.Runner;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettlingRunnerTest {

    private static CompletableFuture<String> after(long millis, String value) {
        return CompletableFuture.supplyAsync(() -> value,
                CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
    }

    @Test
    void theResultWaitsForTasksTheCallbackRegisteredAndForTasksTheyRegisterInTurn() throws Exception {
        var runner = new SettlingRunner();
        var second = new CompletableFuture<CompletableFuture<String>>();
        var result = runner.runAsync(() -> {
            var first = after(50, "vpc");
            runner.registerTask("register the vpc", first);
            first.thenAccept(id -> {
                var subnet = after(50, "subnet in " + id);
                runner.registerTask("register a subnet", subnet);
                second.complete(subnet);
            });
            return "component";
        }).get(10, TimeUnit.SECONDS);

        assertEquals(List.of(), result.exceptions());
        assertEquals(Runner.ProcessExitedSuccessfully, result.exitCode());
        assertEquals(Optional.of("component"), result.result());
        assertEquals(List.of(), result.exceptions());
        assertTrue(second.get().isDone(), "the result came before the subnet's registration finished");
    }

    @Test
    void theFirstFailureEndsTheWaitThoughOtherTasksAreStillRunning() throws Exception {
        var runner = new SettlingRunner();
        var failure = new IllegalStateException("the monitor refused the subnet");
        var result = runner.runAsync(() -> {
            runner.registerTask("never finishes", new CompletableFuture<Void>());
            runner.registerTask("fails", CompletableFuture.failedFuture(failure));
            return "component";
        }).get(10, TimeUnit.SECONDS);

        assertEquals(Optional.empty(), result.result());
        assertEquals(List.of(failure), result.exceptions());
        assertTrue(result.exitCode() != Runner.ProcessExitedSuccessfully);
    }

    @Test
    void aFailingCallbackIsTheFailureReported() throws Exception {
        var runner = new SettlingRunner();
        var failure = new IllegalArgumentException("bad cidr");
        var result = runner.<String>runAsync(() -> {
            throw failure;
        }).get(10, TimeUnit.SECONDS);

        assertEquals(Optional.empty(), result.result());
        assertEquals(List.of(failure), result.exceptions());
    }
}
