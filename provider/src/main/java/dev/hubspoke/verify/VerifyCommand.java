package dev.hubspoke.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code verify FILE|- [--json] [--no-firewall]}: reads a {@code pulumi stack export} document,
 * rebuilds the network from it, traces egress, return and east-west flows hop by hop and prints
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

    static final String USAGE = "usage: verify FILE|- [--json] [--no-firewall]\n"
            + "  FILE           the output of `pulumi stack export` (- reads it from stdin)\n"
            + "  --json         print the report as JSON (format " + Report.FORMAT + ")\n"
            + "  --no-firewall  the network has no firewall: flows must cross the inspection VPC and its NAT, not a firewall endpoint";

    private VerifyCommand() {
    }

    /** Runs the command; returns the process exit code. */
    public static int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        boolean json = false;
        boolean firewall = true;
        String file = null;
        for (String arg : args) {
            switch (arg) {
                case "--json" -> json = true;
                case "--no-firewall" -> firewall = false;
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return EXIT_PASS;
                }
                default -> {
                    if (file != null || (arg.startsWith("-") && !arg.equals("-"))) {
                        err.println("error: unexpected argument '" + arg + "'");
                        err.println(USAGE);
                        return EXIT_USAGE;
                    }
                    file = arg;
                }
            }
        }
        if (file == null) {
            err.println("error: name the stack export file, or - for stdin");
            err.println(USAGE);
            return EXIT_USAGE;
        }
        Network network;
        try {
            network = read(file, stdin);
        } catch (IOException | IllegalArgumentException unreadable) {
            err.println("error: cannot read " + (file.equals("-") ? "stdin" : file) + ": " + unreadable.getMessage());
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
        if (file.equals("-")) {
            return StackExportReader.read(stdin);
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return StackExportReader.read(in);
        }
    }
}
