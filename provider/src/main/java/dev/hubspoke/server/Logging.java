package dev.hubspoke.server;

import com.pulumi.core.internal.GlobalLogging;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.logging.StreamHandler;

/**
 * java.util.logging for the provider process: everything to stderr (stdout carries only the
 * port), quiet by default because the engine shows a provider's stderr to the user, louder with
 * the engine's {@code -v=N}.
 */
final class Logging {

    private Logging() {
    }

    static void configure(int verbosity) {
        // The SDK's logging class resets the root handlers' level the first time it is used,
        // which would otherwise happen in the middle of the first Construct: let it do so now.
        var sdkLevel = GlobalLogging.GlobalLevel;
        var level = level(verbosity);
        var handler = new ConsoleHandler(); // writes to System.err
        handler.setFormatter(new OneLine());
        handler.setLevel(level);
        var root = LogManager.getLogManager().getLogger("");
        for (var existing : root.getHandlers()) {
            root.removeHandler(existing);
        }
        root.addHandler(handler);
        logFile().ifPresent(root::addHandler);
        root.setLevel(level);
        Logger.getLogger(Logging.class.getName()).fine(() -> "log level " + level + ", SDK level " + sdkLevel);
    }

    /**
     * With {@code HUBSPOKE_LOG_FILE} set, warnings and errors (stack traces included) also go to
     * that file, appended: the engine shows a provider's stderr only at high verbosity, and a
     * failed Construct's stack trace is what a bug report needs.
     */
    private static Optional<Handler> logFile() {
        return Optional.ofNullable(System.getenv("HUBSPOKE_LOG_FILE")).filter(path -> !path.isBlank()).flatMap(path -> {
            try {
                var handler = new StreamHandler(new FileOutputStream(path, true), new OneLine()) {
                    @Override
                    public synchronized void publish(LogRecord record) {
                        super.publish(record);
                        flush();
                    }
                };
                handler.setLevel(Level.WARNING);
                return Optional.of(handler);
            } catch (IOException unwritable) {
                System.err.println("HUBSPOKE_LOG_FILE " + path + " cannot be written: " + unwritable.getMessage());
                return Optional.empty();
            }
        });
    }

    /** The engine's verbosity (glog style: 0 quiet .. 9 everything) as a j.u.l level. */
    static Level level(int verbosity) {
        if (verbosity <= 0) {
            return Level.WARNING;
        }
        if (verbosity <= 3) {
            return Level.INFO;
        }
        if (verbosity <= 6) {
            return Level.FINE;
        }
        if (verbosity <= 8) {
            return Level.FINER;
        }
        return Level.ALL;
    }

    /** {@code HH:mm:ss.SSS LEVEL logger: message}, then the stack trace if there is one. */
    private static final class OneLine extends Formatter {
        @Override
        public String format(LogRecord record) {
            var line = new StringBuilder()
                    .append(LocalTime.ofInstant(record.getInstant(), ZoneId.systemDefault()).truncatedTo(ChronoUnit.MILLIS))
                    .append(' ').append(record.getLevel().getName())
                    .append(' ').append(record.getLoggerName())
                    .append(": ").append(formatMessage(record))
                    .append(System.lineSeparator());
            if (record.getThrown() != null) {
                var trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }
    }
}
