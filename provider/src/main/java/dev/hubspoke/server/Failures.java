package dev.hubspoke.server;

import dev.hubspoke.net.InvalidNetworkException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns a failed Construct into the gRPC status the engine shows the user: a user mistake
 * ({@link InvalidNetworkException}, wherever the SDK wrapped it) is INVALID_ARGUMENT with its
 * message; anything else is a bug, INTERNAL with the message, and its stack trace goes to stderr.
 */
final class Failures {

    private static final Logger LOG = Logger.getLogger(Failures.class.getName());

    private Failures() {
    }

    static StatusRuntimeException toStatus(String what, Throwable failure) {
        var userError = find(failure, InvalidNetworkException.class);
        if (userError.isPresent()) {
            LOG.log(Level.FINE, what + " rejected its inputs", userError.get());
            return Status.INVALID_ARGUMENT.withDescription(userError.get().getMessage()).asRuntimeException();
        }
        var cause = unwrap(failure);
        LOG.log(Level.SEVERE, what + " failed", cause);
        return Status.INTERNAL.withDescription(what + " failed: " + describe(cause)).asRuntimeException();
    }

    /**
     * The failure's class and message, followed by those of the failures it carries as suppressed
     * ones: the SDK reports several failures as one "Multiple exceptions occurred" whose own
     * message says nothing.
     */
    static String describe(Throwable failure) {
        var text = new StringBuilder(failure.getClass().getSimpleName());
        Optional.ofNullable(failure.getMessage()).ifPresent(m -> text.append(": ").append(m));
        var carried = Arrays.stream(failure.getSuppressed()).map(Failures::unwrap).map(Failures::describe)
                .distinct().toList();
        if (!carried.isEmpty()) {
            text.append(" [").append(String.join("; ", carried)).append(']');
        }
        return text.toString();
    }

    /** The first throwable of type {@code type} among the failure, its causes and suppressed ones. */
    static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        var seen = new HashSet<Throwable>();
        var queue = new ArrayDeque<Throwable>();
        queue.add(failure);
        while (!queue.isEmpty()) {
            var next = queue.poll();
            if (!seen.add(next)) {
                continue;
            }
            if (type.isInstance(next)) {
                return Optional.of(type.cast(next));
            }
            Optional.ofNullable(next.getCause()).ifPresent(queue::add);
            queue.addAll(List.of(next.getSuppressed()));
        }
        return Optional.empty();
    }

    /** The failure without the wrappers futures add around it. */
    static Throwable unwrap(Throwable failure) {
        var current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
