package dev.hubspoke.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code verify FILE... [--json] [--no-firewall]}: reads one or more {@code pulumi stack export}
 * documents (several: the platform stack's and the spoke stacks', joined into one network with
 * zones lined up by AZ ID), rebuilds the network from them, traces egress, return and east-west flows hop by hop and prints
 * PASS or FAIL per check with the paths. Exit status: 0 when every check passes, 1 when one
 * fails, 2 when the input cannot be read or the arguments are wrong.
 */
public final class VerifyCommand {

    /** Every check passed. */
    public static final int EXIT_PASS = 0;
    /** At least one check failed. */
    public static final int EXIT_FAIL = 1;
    /** Bad arguments or an unreadable stack export. */
    public static final int EXIT_USAGE = 2;

    static final String USAGE = "usage: verify FILE... [--json] [--no-firewall]\n"
            + "  FILE           the output of `pulumi stack export` (- reads it from stdin); give the platform\n"
            + "                 stack's and every spoke stack's export to check the network they make together\n"
            + "                 (joined by ids, zones lined up by AZ ID)\n"
            + "  --json         print the report as JSON (format " + Report.FORMAT + ")\n"
            + "  --no-firewall  the network has no firewall: flows must cross the inspection VPC and its NAT, not a firewall endpoint";

    private VerifyCommand() {
    }

    /** Runs the command; returns the process exit code. */
    public static int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        boolean json = false;
        boolean firewall = true;
        var files = new ArrayList<String>();
        for (String arg : args) {
            switch (arg) {
                case "--json" -> json = true;
                case "--no-firewall" -> firewall = false;
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return EXIT_PASS;
                }
                default -> {
                    if ((arg.startsWith("-") && !arg.equals("-")) || (arg.equals("-") && files.contains("-"))) {
                        err.println("error: unexpected argument '" + arg + "'");
                        err.println(USAGE);
                        return EXIT_USAGE;
                    }
                    files.add(arg);
                }
            }
        }
        if (files.isEmpty()) {
            err.println("error: name the stack export file, or - for stdin");
            err.println(USAGE);
            return EXIT_USAGE;
        }
        Network network;
        try {
            network = files.size() == 1 ? read(files.get(0), stdin) : readAll(files, stdin);
        } catch (Unreadable unreadable) {
            err.println("error: cannot read " + unreadable.getMessage());
            return EXIT_USAGE;
        } catch (IOException | IllegalArgumentException unreadable) {
            err.println("error: cannot read " + describe(files.get(0)) + ": " + unreadable.getMessage());
            return EXIT_USAGE;
        }
        Report report = verify(network, firewall);
        out.print(json ? report.toJson() : report.toText());
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
