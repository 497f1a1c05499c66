package dev.hubspoke.verify;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code diagram FILE|- [--out DIR] [--name BASE]}: draws the network of a {@code pulumi stack
 * export} document as Graphviz DOT ({@code DIR/BASE.dot}; defaults {@code .} and {@code network})
 * with the traced egress flows highlighted, and, when Graphviz's {@code dot} is on PATH, renders
 * {@code BASE.svg} and {@code BASE.png} beside it. Prints the path of each file written, one per
 * line. Exit status: 0 when written, 1 when {@code dot} fails, 2 for bad arguments or input.
 */
public final class DiagramCommand {

    static final String USAGE = "usage: diagram FILE|- [--out DIR] [--name BASE]\n"
            + "  FILE          the output of `pulumi stack export` (- reads it from stdin)\n"
            + "  --out DIR     where to write BASE.dot, and BASE.svg and BASE.png when Graphviz `dot` is installed (default .)\n"
            + "  --name BASE   file name without extension (default network)";

    private DiagramCommand() {
    }

    /** Runs the command; returns the process exit code. */
    public static int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        return run(args, stdin, out, err, findDot());
    }

    /** Runs the command with {@code graphviz} as the {@code dot} executable (empty: write DOT only). */
    static int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err, Optional<Path> graphviz) {
        String file = null;
        Path dir = Path.of(".");
        String base = "network";
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if ((arg.equals("--out") || arg.equals("--name")) && i + 1 < args.size()) {
                if (arg.equals("--out")) {
                    dir = Path.of(args.get(++i));
                } else {
                    base = args.get(++i);
                }
            } else if (arg.equals("-h") || arg.equals("--help")) {
                out.println(USAGE);
                return VerifyCommand.EXIT_PASS;
            } else if (file == null && (arg.equals("-") || !arg.startsWith("-"))) {
                file = arg;
            } else {
                err.println("error: unexpected argument '" + arg + "'");
                err.println(USAGE);
                return VerifyCommand.EXIT_USAGE;
            }
        }
        if (file == null) {
            err.println("error: name the stack export file, or - for stdin");
            err.println(USAGE);
            return VerifyCommand.EXIT_USAGE;
        }
        Network network;
        try {
            network = VerifyCommand.read(file, stdin);
        } catch (IOException | IllegalArgumentException unreadable) {
            err.println("error: cannot read " + (file.equals("-") ? "stdin" : file) + ": " + unreadable.getMessage());
            return VerifyCommand.EXIT_USAGE;
        }
        String dot = DotWriter.write(network, VerifyCommand.verify(network, true));
        try {
            Files.createDirectories(dir);
            Path dotFile = dir.resolve(base + ".dot");
            Files.writeString(dotFile, dot, StandardCharsets.UTF_8);
            out.println(dotFile);
            if (graphviz.isEmpty()) {
                err.println("note: Graphviz `dot` is not on PATH: wrote DOT only (Debian: apt-get install graphviz)");
                return VerifyCommand.EXIT_PASS;
            }
            for (String format : List.of("svg", "png")) {
                Path rendered = dir.resolve(base + "." + format);
                Process process = new ProcessBuilder(graphviz.get().toString(), "-T" + format, "-o", rendered.toString(), dotFile.toString())
                        .redirectErrorStream(true).start();
                String messages = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (process.waitFor() != 0) {
                    err.println("error: dot -T" + format + " failed: " + messages.strip());
                    return VerifyCommand.EXIT_FAIL;
                }
                out.println(rendered);
            }
            return VerifyCommand.EXIT_PASS;
        } catch (IOException e) {
            err.println("error: cannot write the diagram to " + dir + ": " + e.getMessage());
            return VerifyCommand.EXIT_USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return VerifyCommand.EXIT_FAIL;
        }
    }

    /** {@code dot} on PATH (HUBSPOKE_DOT names another executable, or "none" to skip rendering). */
    static Optional<Path> findDot() {
        String override = System.getenv("HUBSPOKE_DOT");
        if (override != null && !override.isBlank()) {
            return override.equals("none") ? Optional.empty() : Optional.of(Path.of(override)).filter(Files::isExecutable);
        }
        List<Path> candidates = new ArrayList<>();
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                candidates.add(Path.of(entry, "dot"));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }
}
