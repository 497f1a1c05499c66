package dev.hubspoke.verify;

import dev.hubspoke.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code diagram FILE|- [--out DIR] [--name BASE]}: draws the network of a {@code pulumi stack
 * export} document with the traced egress flows highlighted, as {@code DIR/BASE.svg} and
 * {@code BASE.png} (rendered in-process, see {@link PictureFiles}) and as Graphviz DOT
 * ({@code BASE.dot}, for those who want to lay it out their own way). Prints the path of each file
 * written, one per line, the picture last. Exit status: 0 when written, 2 for bad arguments,
 * unreadable input or an unwritable directory.
 */
@Command(name = "diagram", description = "Draw the network of a `pulumi stack export` document, with the traced egress flows, as SVG, PNG"
                + " and Graphviz DOT. Needs no Graphviz: the pictures are rendered in-process.",
        exitCodeList = {"0:written", "2:bad arguments, an unreadable stack export or an unwritable directory"})
public final class DiagramCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE|-", description = "the output of `pulumi stack export` (- reads it from stdin)")
    String file;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write BASE.svg, BASE.png and BASE.dot (default: ${DEFAULT-VALUE})")
    Path dir = Path.of(".");

    @Option(names = "--name", paramLabel = "BASE", description = "file name without extension (default: ${DEFAULT-VALUE})")
    String base = "network";

    private final Cli.Streams streams;

    /** The command, reading and writing {@code streams}. */
    public DiagramCommand(Cli.Streams streams) {
        this.streams = streams;
    }

    /** Runs the command; returns the process exit code. */
    public static int run(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        var streams = new Cli.Streams(stdin, out, err);
        return Cli.run("diagram", new DiagramCommand(streams), args, streams);
    }

    @Override
    public Integer call() {
        Network network;
        try {
            network = VerifyCommand.read(file, streams.in());
        } catch (IOException | IllegalArgumentException unreadable) {
            streams.err().println("error: cannot read " + (file.equals("-") ? "stdin" : file) + ": " + unreadable.getMessage());
            return VerifyCommand.EXIT_USAGE;
        }
        Report report = VerifyCommand.verify(network, true);
        // The picture is drawn in memory: no display is needed, even where DISPLAY names one that is gone.
        System.setProperty("java.awt.headless", "true");
        try {
            Files.createDirectories(dir);
            Path dot = dir.resolve(base + ".dot");
            Files.writeString(dot, DotWriter.write(network, report), StandardCharsets.UTF_8);
            streams.out().println(dot);
            PictureFiles pictures = PictureFiles.of(network, report);
            Path svg = dir.resolve(base + ".svg");
            pictures.writeSvg(svg);
            streams.out().println(svg);
            Path png = dir.resolve(base + ".png");
            pictures.writePng(png);
            streams.out().println(png);
            return VerifyCommand.EXIT_PASS;
        } catch (IOException e) {
            streams.err().println("error: cannot write the diagram to " + dir + ": " + e.getMessage());
            return VerifyCommand.EXIT_USAGE;
        }
    }
}
