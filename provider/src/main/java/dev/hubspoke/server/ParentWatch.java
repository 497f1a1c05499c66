package dev.hubspoke.server;

import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Notices that the process which started the provider (the engine) has gone. A dead parent's
 * children are re-parented, so the parent's pid changing is the signal; it cannot be fooled by
 * the old pid being reused.
 */
final class ParentWatch {

    private static final Logger LOG = Logger.getLogger(ParentWatch.class.getName());

    private ParentWatch() {
    }

    /**
     * Polls every {@code interval} on a daemon thread and runs {@code onGone} once the parent is
     * gone. Does nothing when this process has no parent to watch.
     */
    static void start(Duration interval, Runnable onGone) {
        var parent = parentPid();
        if (parent.isEmpty()) {
            LOG.warning("cannot see the parent process; the provider will not exit when the engine does");
            return;
        }
        var watcher = new Thread(() -> {
            try {
                while (parentPid().equals(parent)) {
                    Thread.sleep(interval.toMillis());
                }
                LOG.info(() -> "the engine (pid " + parent.get() + ") has gone; shutting down");
                onGone.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hubspoke-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static Optional<Long> parentPid() {
        return ProcessHandle.current().parent().map(ProcessHandle::pid);
    }
}
