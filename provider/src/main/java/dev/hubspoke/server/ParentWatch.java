package dev.hubspoke.server;

import java.time.Duration;
import java.util.Map;
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

    /** Set by the launcher to the pid of the process that started it (and so started us). */
    static final String PARENT_PID_VARIABLE = "HUBSPOKE_PARENT_PID";

    /**
     * The pid of the process that started the provider: as the launcher saw it, else the current
     * parent. Take it first thing: the parent may die while the JVM is still starting.
     */
    static Optional<Long> startingParent() {
        return startingParent(System.getenv());
    }

    static Optional<Long> startingParent(Map<String, String> environment) {
        return Optional.ofNullable(environment.get(PARENT_PID_VARIABLE))
                .filter(pid -> pid.matches("\\d+"))
                .map(Long::valueOf)
                .or(ParentWatch::parentPid);
    }

    private static Optional<Long> parentPid() {
        return ProcessHandle.current().parent().map(ProcessHandle::pid);
    }

    /**
     * Polls every {@code interval} on a daemon thread and runs {@code onGone} once the process is
     * no longer the child of {@code parent}. Does nothing without a parent to watch.
     */
    static void start(Optional<Long> parent, Duration interval, Runnable onGone) {
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
}
