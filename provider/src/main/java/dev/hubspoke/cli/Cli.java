package dev.hubspoke.cli;

import dev.hubspoke.server.PluginResources;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How every command of the plugin parses its arguments, prints help and reports usage errors:
 * picocli, set up once here so that {@code plan}, {@code verify}, {@code diagram} and the server
 * mode behave alike (each command's annotation says only what is its own). A usage error prints {@code error: MESSAGE} and the command's usage on
 * stderr and exits {@value #EXIT_USAGE}; {@code -h}/{@code --help} prints the usage on stdout and
 * exits 0.
 */
public final class Cli {

    /** The program name, as the engine and users run it. */
    public static final String PROGRAM = "pulumi-resource-hubspoke";
    /** Bad arguments or unreadable input (picocli's own code for invalid input). */
    public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;

    private Cli() {
    }

    /** Where a command reads and writes: the process's streams, or a test's. */
    public record Streams(InputStream in, PrintStream out, PrintStream err) {

        /** The process's standard streams. */
        public static Streams system() {
            return new Streams(System.in, System.out, System.err);
        }
    }

    /** A command line for {@code command} (an object annotated with picocli's {@code @Command}) writing to {@code streams}. */
    public static CommandLine commandLine(Object command, Streams streams) {
        CommandLine line = new CommandLine(command);
        // An engine address or a file name starting with @ is not an argument file.
        line.setExpandAtFiles(false);
        line.setOut(new PrintWriter(streams.out(), true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(streams.err(), true, StandardCharsets.UTF_8));
        line.setParameterExceptionHandler(USAGE_ERROR);
        CommandSpec spec = line.getCommandSpec();
        spec.mixinStandardHelpOptions(true);
        spec.versionProvider(new Version());
        spec.usageMessage().synopsisHeading("usage: ").exitCodeListHeading("%nExit status:%n");
        return line;
    }

    /**
     * Runs {@code command} as the subcommand {@code name} of the program (so that its usage reads
     * {@code pulumi-resource-hubspoke NAME ...}) and returns the exit code.
     */
    public static int run(String name, Object command, List<String> args, Streams streams) {
        CommandLine line = commandLine(command, streams);
        line.setCommandName(PROGRAM + " " + name);
        return line.execute(args.toArray(String[]::new));
    }

    /** {@code --version}: the build version of this jar. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {PROGRAM + " " + PluginResources.ofThisJar().version()};
        }
    }

    private static final IParameterExceptionHandler USAGE_ERROR = (ParameterException e, String[] args) -> {
        CommandLine line = e.getCommandLine();
        PrintWriter err = line.getErr();
        err.println("error: " + e.getMessage());
        line.usage(err);
        return EXIT_USAGE;
    };
}
