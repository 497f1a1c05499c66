package dev.hubspoke.verify;

import dev.hubspoke.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code verify FILE|- [--json] [--no-firewall]}: reads a {@code pulumi stack export} document,
 * rebuilds the network from it, traces egress, return and east-west flows hop by hop and prints
 * PASS or FAIL per check with the paths. Exit status: 0 when every check passes, 1 when one
 * fails, 2 when the input cannot be read or the arguments are wrong.
 */
@Command(name = "verify", description = "Trace egress, return and east-west flows hop by hop through the network of a `pulumi stack export`"
                + " document, and print PASS or FAIL per check with the paths.",
        exitCodeList = {"0:every check passes", "1:a check fails", "2:bad arguments or an unreadable stack export"})
public final class VerifyCommand implements Callable<Integer> {

    /** Every check passed. */
    public static final int EXIT_PASS = 0;
    /** At least one check failed. */
    public static final int EXIT_FAIL = 1;
    /** Bad arguments or an unreadable stack export. */
    public static final int EXIT_USAGE = Cli.EXIT_USAGE;

    @Parameters(paramLabel = "FILE|-", description = "the output of `pulumi stack export` (- reads it from stdin)")
    String file;

    @Option(names = "--json", description = "print the report as JSON (format " + Report.FORMAT + ")")
    boolean json;

    @Option(names = "--no-firewall", description = "the network has no firewall: flows must cross the inspection VPC"
            + " and its NAT, not a firewall endpoint")
    boolean noFirewall;

    private final Cli.Streams streams;

    /** The command, reading and writing {@code streams}. */
    public VerifyCommand(Cli.Streams streams) {
        this.streams = streams;
    }

    /** Runs the command; returns the process exit code. */
    public static int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        var streams = new Cli.Streams(stdin, out, err);
        return Cli.run("verify", new VerifyCommand(streams), args, streams);
    }

    @Override
    public Integer call() {
        Network network;
        try {
            network = read(file, streams.in());
        } catch (IOException | IllegalArgumentException unreadable) {
            streams.err().println("error: cannot read " + (file.equals("-") ? "stdin" : file) + ": " + unreadable.getMessage());
            return EXIT_USAGE;
        }
        Report report = verify(network, !noFirewall);
        streams.out().print(json ? report.toJson() : report.toText());
        return report.passed() ? EXIT_PASS : EXIT_FAIL;
    }

    static Report verify(Network network, boolean firewallRequired) {
        Verifier verifier = new Verifier(network, firewallRequired);
        return new Report(network, verifier.topology(), verifier.run());
    }

    /** Reads a stack export from a file, or from {@code stdin} when the name is {@code -}. */
    static Network read(String file, InputStream stdin) throws IOException {
        if (file.equals("-")) {
            return StackExportReader.read(stdin);
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return StackExportReader.read(in);
        }
    }
}
