package dev.hubspoke.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubspoke.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code verify FILE... [--json] [--no-firewall]}: reads one or more {@code pulumi stack export}
 * documents (several: the platform stack's and the spoke stacks', joined into one network with
 * zones lined up by AZ ID), rebuilds the network from them, traces egress, return and east-west
 * flows hop by hop and prints PASS or FAIL per check with the paths. Exit status: 0 when every
 * check passes, 1 when one fails, 2 when the input cannot be read or the arguments are wrong.
 */
@Command(name = "verify", description = "Trace egress, return and east-west flows hop by hop through the network of"
                + " `pulumi stack export` documents, and print PASS or FAIL per check with the paths.",
        exitCodeList = {"0:every check passes", "1:a check fails", "2:bad arguments or an unreadable stack export"})
public final class VerifyCommand implements Callable<Integer> {

    /** Every check passed. */
    public static final int EXIT_PASS = 0;
    /** At least one check failed. */
    public static final int EXIT_FAIL = 1;
    /** Bad arguments or an unreadable stack export. */
    public static final int EXIT_USAGE = Cli.EXIT_USAGE;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "the output of `pulumi stack export` (- reads it"
            + " from stdin); give the platform stack's and every spoke stack's export to check the network they make"
            + " together (joined by ids, zones lined up by AZ ID)")
    List<String> files;

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
        if (files.stream().filter("-"::equals).count() > 1) {
            streams.err().println("error: stdin (-) can be read only once");
            return EXIT_USAGE;
        }
        Network network;
        try {
            network = files.size() == 1 ? read(files.get(0), streams.in()) : readAll(files, streams.in());
        } catch (Unreadable unreadable) {
            streams.err().println("error: cannot read " + unreadable.getMessage());
            return EXIT_USAGE;
        } catch (IOException | IllegalArgumentException unreadable) {
            streams.err().println("error: cannot read " + describe(files.get(0)) + ": " + unreadable.getMessage());
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
        return StackExportReader.read(document(file, stdin));
    }

    /** A failure to read or join several exports, its message naming the file or the join. */
    private static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    /** Joins the exports of several stacks (see {@link StackExportReader#readAll}). */
    private static Network readAll(List<String> files, InputStream stdin) throws Unreadable {
        var documents = new ArrayList<JsonNode>();
        for (String file : files) {
            try {
                documents.add(document(file, stdin));
            } catch (IOException e) {
                throw new Unreadable(describe(file) + ": " + e.getMessage());
            }
        }
        try {
            return StackExportReader.readAll(documents);
        } catch (IllegalArgumentException e) {
            throw new Unreadable(String.join(" + ", files.stream().map(VerifyCommand::describe).toList()) + ": "
                    + e.getMessage());
        }
    }

    private static JsonNode document(String file, InputStream stdin) throws IOException {
        var json = new ObjectMapper();
        if (file.equals("-")) {
            return json.readTree(stdin);
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return json.readTree(in);
        }
    }

    private static String describe(String file) {
        return file.equals("-") ? "stdin" : file;
    }
}
