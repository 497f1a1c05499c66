package dev.hubspoke.server;

import com.pulumi.core.internal.ContextAwareCompletableFuture;
import com.pulumi.deployment.internal.Runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The task runner of one Construct's deployment: it runs the component's constructor, then
 * waits until every task the SDK registered (registrations, invokes, outputs) has finished, or
 * one has failed.
 *
 * <p>It replaces the SDK's own runner, which waits by polling its task map in a loop that never
 * sleeps and formats the whole map into a log message on every turn, whether or not that level
 * is logged. That costs time in proportion to the number of resources on every turn and keeps a
 * CPU busy while the engine works: for a component of a few hundred resources it was half the
 * provider's CPU time. This runner is woken by the tasks themselves instead.
 *
 * <p>Failures are not logged to the engine, as the SDK's runner does: the Construct's gRPC status
 * reports them.
 */
final class SettlingRunner implements Runner {

    /**
     * After the last task finishes, how long to wait for a new one before calling the work done:
     * a finished task's continuations, on other threads, may still register tasks of their own.
     */
    private static final long SETTLE_MILLIS = 2;

    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> firstFailure = new CompletableFuture<>();
    private final List<Exception> failures = new ArrayList<>();
    private final Executor settle = CompletableFuture.delayedExecutor(SETTLE_MILLIS, TimeUnit.MILLISECONDS);

    @Override
    public <T> void registerTask(String description, CompletableFuture<T> task) {
        inFlight.add(task);
        task.whenComplete((value, failure) -> {
            inFlight.remove(task);
            if (failure != null) {
                record(failure);
            }
        });
    }

    /** Keeps a failure (once, however often it is reported) and ends the wait. */
    private void record(Throwable failure) {
        var cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        var exception = cause instanceof Exception e ? e : new CompletionException(cause);
        synchronized (failures) {
            if (failures.stream().noneMatch(known -> known == exception)) {
                failures.add(exception);
            }
        }
        firstFailure.completeExceptionally(cause);
    }

    @Override
    public <T> CompletableFuture<Result<T>> runAsync(Supplier<T> callback) {
        var value = ContextAwareCompletableFuture.supplyAsync(callback);
        registerTask("the component's constructor", value);
        return value.thenCompose(result -> settled().thenApply(done -> result))
                .handle((result, failure) -> {
                    if (failure == null) {
                        return result(ProcessExitedSuccessfully, Optional.ofNullable(result));
                    }
                    record(failure);
                    return result(ProcessExitedAfterLoggingUserActionableMessage, Optional.<T>empty());
                });
    }

    /** Completes when no task is in flight any more, or exceptionally with the first failure. */
    private CompletableFuture<Void> settled() {
        if (firstFailure.isDone()) {
            return firstFailure;
        }
        // A finished task may not have left the set yet: its own callback removes it, maybe later.
        var running = inFlight.stream().filter(task -> !task.isDone()).toArray(CompletableFuture[]::new);
        if (running.length == 0) {
            return CompletableFuture.runAsync(() -> { }, settle)
                    .thenCompose(waited -> inFlight.isEmpty() && !firstFailure.isDone()
                            ? CompletableFuture.<Void>completedFuture(null)
                            : settled());
        }
        return CompletableFuture.anyOf(CompletableFuture.allOf(running), firstFailure)
                .thenCompose(any -> settled());
    }

    private <T> Result<T> result(int exitCode, Optional<T> value) {
        List<Exception> exceptions;
        synchronized (failures) {
            exceptions = List.copyOf(failures);
        }
        return new Result<>(exitCode, exceptions, value) {
        };
    }
}
