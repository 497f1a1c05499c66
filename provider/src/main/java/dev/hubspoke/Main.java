package dev.hubspoke;

import dev.hubspoke.plan.PlanCommand;

import dev.hubspoke.server.ProviderMode;
import dev.hubspoke.verify.DiagramCommand;
import dev.hubspoke.verify.VerifyCommand;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The provider executable. Without a subcommand it runs as a Pulumi resource provider (the
 * engine starts it as {@code pulumi-resource-hubspoke [engine-address] [flags]}, see
 * {@link ProviderMode}).
 *
 * <p>Subcommands: a first argument naming one runs it with the remaining arguments instead. To
 * add one, add a line to {@link #SUBCOMMANDS}; an engine address ({@code host:port}) or a flag
 * never collides with a subcommand name.
 */
public final class Main {

    /** A subcommand: takes its arguments, returns the exit code. */
    @FunctionalInterface
    interface Subcommand {
        int run(String... args) throws Exception;
    }

    private static final Map<String, Subcommand> SUBCOMMANDS = Map.of(
            "plan", args -> PlanCommand.run(List.of(args), System.out, System.err),
            "verify", args -> VerifyCommand.run(List.of(args), System.in, System.out, System.err),
            "diagram", args -> DiagramCommand.run(List.of(args), System.in, System.out, System.err),
            "cds-training", CdsTraining::run);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        int exitCode = args.length > 0 && SUBCOMMANDS.containsKey(args[0])
                ? SUBCOMMANDS.get(args[0]).run(Arrays.copyOfRange(args, 1, args.length))
                : ProviderMode.run(args);
        System.exit(exitCode);
    }
}
