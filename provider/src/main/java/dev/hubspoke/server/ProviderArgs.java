package dev.hubspoke.server;

import java.util.Optional;

/**
 * The command line the engine starts a provider with:
 * {@code [engine-address] [--logtostderr] [-v=N] [--tracing X] [--logflow]}.
 *
 * @param engineAddress where the engine's gRPC service listens; absent when a developer starts
 *                      the provider by hand for {@code PULUMI_DEBUG_PROVIDERS} and the engine
 *                      attaches later
 * @param verbosity     the engine's log verbosity, 0 when not given
 * @param tracing       the engine's tracing endpoint, if any (accepted, not used)
 */
public record ProviderArgs(Optional<String> engineAddress, int verbosity, Optional<String> tracing) {

    /**
     * Reads the engine's arguments. Unknown flags are ignored, so that a newer engine passing a
     * flag we do not know yet can still start us.
     *
     * @throws IllegalArgumentException for a malformed {@code -v} or two engine addresses
     */
    public static ProviderArgs parse(String... args) {
        Optional<String> engineAddress = Optional.empty();
        Optional<String> tracing = Optional.empty();
        int verbosity = 0;
        for (int i = 0; i < args.length; i++) {
            var arg = args[i];
            if (arg.startsWith("-v=") || arg.startsWith("--v=")) {
                verbosity = verbosity(arg.substring(arg.indexOf('=') + 1));
            } else if (arg.equals("--tracing") && i + 1 < args.length) {
                tracing = Optional.of(args[++i]);
            } else if (arg.startsWith("--tracing=")) {
                tracing = Optional.of(arg.substring("--tracing=".length()));
            } else if (arg.startsWith("-")) {
                continue; // --logtostderr, --logflow and flags of newer engines
            } else if (engineAddress.isPresent()) {
                throw new IllegalArgumentException("expected one engine address, got " + engineAddress.get()
                        + " and " + arg);
            } else {
                engineAddress = Optional.of(arg);
            }
        }
        return new ProviderArgs(engineAddress, verbosity, tracing);
    }

    private static int verbosity(String value) {
        try {
            return Math.max(0, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-v takes a number, not '" + value + "'", e);
        }
    }
}
