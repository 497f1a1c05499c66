package dev.hubspoke;

import dev.hubspoke.cli.Cli;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The executable's command line: server mode as the engine starts it, help, and usage errors. */
class MainTest {

    private record Run(int exitCode, String out, String err, List<List<String>> served) {
    }

    private static Run main(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        List<List<String>> served = new ArrayList<>();
        var streams = new Cli.Streams(InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(engineArgs -> {
                served.add(List.of(engineArgs));
                return 0;
            }, streams, args);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), served);
    }

    @Test
    void theEnginesCommandLinesReachTheServerUnchanged() {
        List<List<String>> engineLines = List.of(
                List.of(),
                List.of("127.0.0.1:40123"),
                List.of("--logtostderr", "-v=9", "--tracing", "file:/tmp/t", "127.0.0.1:40123"),
                List.of("127.0.0.1:40123", "--logtostderr", "-v=7", "--tracing", "file:/tmp/t", "--logflow"),
                List.of("--tracing=file:/tmp/t", "--v=3", "127.0.0.1:1"),
                // flags a newer engine may add, in both forms, and malformed values: ProviderArgs decides
                List.of("--future-flag", "127.0.0.1:1"),
                List.of("--future=1", "-x", "127.0.0.1:1", "-v"),
                List.of("-v=loud"),
                List.of("127.0.0.1:1", "127.0.0.1:2"),
                List.of("@not-a-file", "--", "-"));
        for (List<String> line : engineLines) {
            String[] args = line.toArray(String[]::new);
            Run run = main(args);
            assertEquals(0, run.exitCode(), line + ": " + run.err());
            assertEquals(List.of(line), run.served(), "served with exactly the engine's arguments");
            assertEquals("", run.out() + run.err(), line.toString());
            assertTrue(Main.servesDirectly(args), line + ": the engine's start skips building the command line");

            // Had it gone through the command line (as with a help flag), picocli would not have refused it either.
            List<List<String>> served = new ArrayList<>();
            var quiet = new Cli.Streams(InputStream.nullInputStream(), new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(new ByteArrayOutputStream()));
            assertEquals(0, Main.commandLine(engineArgs -> served.add(List.of(engineArgs)) ? 0 : 1, quiet, args).execute(args), line.toString());
            assertEquals(List.of(line), served);
        }
    }

    @Test
    void helpListsTheCommandsAndTheEngineArgumentsAndStartsNoServer() {
        for (String flag : List.of("--help", "-h")) {
            Run run = main(flag);
            assertEquals(0, run.exitCode());
            assertEquals(List.of(), run.served());
            assertTrue(run.out().startsWith("usage: pulumi-resource-hubspoke "), run.out());
            for (String mention : List.of("ENGINE_ADDRESS", "--tracing", "-v, --v", "plan ", "verify ", "diagram ")) {
                assertTrue(run.out().contains(mention), mention + " in " + run.out());
            }
            assertTrue(!run.out().contains("cds-training"), "the launcher's training run stays out of the help");
        }
        Run version = main("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().matches("pulumi-resource-hubspoke \\d+\\.\\d+\\.\\d+.*\\n"), version.out());
    }

    @Test
    void eachCommandHasItsOwnHelpOnStdoutWithExitZero() {
        for (String command : List.of("plan", "verify", "diagram")) {
            Run run = main(command, "--help");
            assertEquals(0, run.exitCode(), run.err());
            assertTrue(run.out().startsWith("usage: pulumi-resource-hubspoke " + command + " "), run.out());
            assertTrue(run.out().contains("Exit status:"), run.out());
            assertEquals("", run.err());
        }
    }

    @Test
    void aCommandsUsageErrorSaysWhatIsWrongAndExitsTwo() {
        Run unknown = main("diagram", "export.json", "--colour");
        Run missing = main("verify");

        for (Run run : List.of(unknown, missing)) {
            assertEquals(Cli.EXIT_USAGE, run.exitCode());
            assertEquals("", run.out());
            assertTrue(run.err().contains("usage: pulumi-resource-hubspoke "), run.err());
            assertEquals(List.of(), run.served());
        }
        assertTrue(unknown.err().startsWith("error: Unknown option: '--colour'"), unknown.err());
        assertTrue(missing.err().startsWith("error: Missing required parameter: 'FILE'"), missing.err());
    }
}
