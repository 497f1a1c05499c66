package dev.hubspoke.server;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pulumi-resource-hubspoke verify}, {@code diagram} and {@code --help} through the packaged launcher, as users run them. */
class VerifyLauncherWireIT {

    private static final Path EXPORT = Path.of("src/test/resources/verify/yaml-blueprint.export.json").toAbsolutePath();

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private static Run launch(String... args) throws Exception {
        Path launcher = ProviderProcess.stagePlugin(ProviderProcess.workDir());
        var command = new java.util.ArrayList<String>();
        command.add(launcher.toString());
        command.addAll(java.util.List.of(args));
        var builder = new ProcessBuilder(command).redirectInput(EXPORT.toFile());
        builder.environment().put("HUBSPOKE_CDS", "off");
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void verifyReadsTheExportFromStdinThroughTheLauncherAndExitsZero() throws Exception {
        Run run = launch("verify", "-");

        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().endsWith("PASS: all 8 checks passed\n"), run.stdout());
    }

    @Test
    void verifyOfAMissingFileExitsTwoThroughTheLauncher() throws Exception {
        Run run = launch("verify", "/nonexistent/export.json", "--json");

        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().startsWith("error: cannot read /nonexistent/export.json"), run.stderr());
    }

    @Test
    void diagramWritesDotSvgAndPngThroughTheLauncher() throws Exception {
        Path out = Files.createTempDirectory(ProviderProcess.workDir(), "diagram-").toAbsolutePath();

        Run run = launch("diagram", EXPORT.toString(), "--out", out.toString());

        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(java.util.List.of(out + File.separator + "network.dot", out + File.separator + "network.svg",
                out + File.separator + "network.png"), run.stdout().lines().toList());
        assertTrue(Files.readString(out.resolve("network.dot")).contains("class=\"egress\""));
        assertTrue(Files.readString(out.resolve("network.svg")).contains("id='egress-0'"));
        var png = javax.imageio.ImageIO.read(out.resolve("network.png").toFile());
        assertTrue(png.getWidth() > 1000 && png.getHeight() > 400, png.getWidth() + "x" + png.getHeight());
    }

    @Test
    void helpPrintsTheCommandsThroughTheLauncherInsteadOfStartingTheProvider() throws Exception {
        Run run = launch("--help");

        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(run.stdout().startsWith("usage: pulumi-resource-hubspoke "), run.stdout());
        assertTrue(run.stdout().contains("diagram"), run.stdout());
    }
}
