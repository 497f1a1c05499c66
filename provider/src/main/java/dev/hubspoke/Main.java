package dev.hubspoke;

import dev.hubspoke.cli.Cli;
import dev.hubspoke.plan.PlanCommand;
import dev.hubspoke.server.AsyncPool;
import dev.hubspoke.server.ProviderMode;
import dev.hubspoke.verify.DiagramCommand;
import dev.hubspoke.verify.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The provider executable. Without a subcommand it runs as a Pulumi resource provider, the way
 * the engine starts it: {@code pulumi-resource-hubspoke [flags] [ENGINE_ADDRESS]} (see
 * {@link ProviderMode}); with one of {@code plan}, {@code verify} or {@code diagram} first it runs
 * that command instead. picocli reads the command line, prints help and reports usage errors.
 *
 * <p>The engine's arguments are handed to {@link ProviderMode} exactly as given: its parser
 * ({@code ProviderArgs}) stays the one authority on them, and flags a newer engine adds, which no
 * declaration here can know, are ignored there. The options declared below are the ones the
 * engine passes today, for the help text; they are declared loosely (any value, value optional,
 * repeatable) so that picocli never refuses a command line that {@code ProviderArgs} accepts.
 */
@Command(name = Cli.PROGRAM, description = {"hubspoke's resource provider for Pulumi (run by the Pulumi engine), and tools to plan, verify and"
                + " draw a hub-and-spoke network offline.",
                "",
                "Without a command it serves the provider over gRPC: it prints its port on stdout and serves until"
                        + " the engine goes away. Run a command with --help for its own options."},
        commandListHeading = "%nCommands:%n",
        exitCodeList = {"0:success (server mode: shut down normally)", "1:a command's check failed, or the server failed",
                "2:bad arguments or input"})
public final class Main implements Callable<Integer> {

    /** The first arguments that name a command; anything else is the engine's. */
    static final Set<String> COMMANDS = Set.of("plan", "verify", "diagram");
    static final Set<String> HELP_FLAGS = Set.of("-h", "--help", "-V", "--version");
    /**
     * The launcher's class-data-sharing training run ({@code cds-training}, see {@link CdsTraining}):
     * not a user's command, so neither listed nor parsed here. It starts the server the way the
     * engine's start does and serves a preview's and an update's Construct to an engine of its own,
     * so the archive holds what a start and a first Construct load.
     */
    static final String CDS_TRAINING = "cds-training";

    /** Serves the provider with the engine's arguments. */
    @FunctionalInterface
    interface Server {
        int serve(String... engineArgs) throws Exception;
    }

    @Parameters(arity = "0..1", paramLabel = "ENGINE_ADDRESS", description = "where the engine's gRPC service listens (host:port);"
            + " without it the provider waits for the engine to attach (PULUMI_DEBUG_PROVIDERS)")
    String engineAddress;

    @Option(names = {"-v", "--v"}, arity = "0..1", paramLabel = "N", description = "log verbosity, as the engine passes it (-v=9)")
    String verbosity;

    @Option(names = "--tracing", arity = "0..1", paramLabel = "ENDPOINT", description = "the engine's tracing endpoint (accepted, not used)")
    String tracing;

    @Option(names = {"--logtostderr", "--logflow"}, description = "accepted from the engine; logs always go to stderr")
    boolean logFlags;

    private final Server server;
    private final String[] engineArgs;

    private Main(Server server, String[] engineArgs) {
        this.server = server;
        this.engineArgs = engineArgs.clone();
    }

    public static void main(String[] args) throws Exception {
        // Before anything touches CompletableFuture: the plan's mocks run the SDK too (see AsyncPool).
        AsyncPool.apply();
        System.exit(run(ProviderMode::run, Cli.Streams.system(), args));
    }

    /**
     * Runs the program. The engine's start (no command first, no help or version flag) is served
     * without building the command line: picocli and the commands' classes would add some 760
     * classes to load before the port is printed (measured with -Xlog:class+load), and the
     * engine waits for that port on every {@code pulumi up}.
     */
    static int run(Server server, Cli.Streams streams, String... args) throws Exception {
        if (args.length > 0 && args[0].equals(CDS_TRAINING)) {
            return CdsTraining.run();
        }
        if (servesDirectly(args)) {
            return server.serve(args);
        }
        return commandLine(server, streams, args).execute(args);
    }

    static boolean servesDirectly(String... args) {
        return (args.length == 0 || !COMMANDS.contains(args[0])) && Arrays.stream(args).noneMatch(HELP_FLAGS::contains);
    }

    /** The program's command line: server mode with {@code server}, and the commands writing to {@code streams}. */
    static CommandLine commandLine(Server server, Cli.Streams streams, String... args) {
        CommandLine line = Cli.commandLine(new Main(server, args), streams);
        // Flags of newer engines are not declared: let them through to ProviderArgs, which ignores them.
        line.setUnmatchedArgumentsAllowed(true);
        // --logtostderr with --logflow, or a repeated -v: ProviderArgs takes the last, picocli must not refuse.
        line.setOverwrittenOptionsAllowed(true);
        line.addSubcommand(Cli.commandLine(new PlanCommand(streams), streams));
        line.addSubcommand(Cli.commandLine(new VerifyCommand(streams), streams));
        line.addSubcommand(Cli.commandLine(new DiagramCommand(streams), streams));
        return line;
    }

    @Override
    public Integer call() throws Exception {
        return server.serve(engineArgs);
    }
}
