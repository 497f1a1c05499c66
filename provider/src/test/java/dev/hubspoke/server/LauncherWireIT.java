package dev.hubspoke.server;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher script: finding Java, passing options through, and class-data sharing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LauncherWireIT {

    private Path launcher;
    private Path scratch;

    @BeforeAll
    void stage() throws IOException {
        launcher = ProviderProcess.stagePlugin(ProviderProcess.workDir());
        scratch = Files.createTempDirectory(ProviderProcess.workDir(), "launcher-");
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    /** Runs the launcher to completion with {@code bash}, in exactly the environment given. */
    private static Run runToCompletion(Path launcher, Map<String, String> env) throws Exception {
        var builder = new ProcessBuilder("/bin/bash", launcher.toString(), "127.0.0.1:1");
        builder.environment().clear();
        builder.environment().putAll(env);
        var process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
        return new Run(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void withoutJavaOnThePathOrJavaHomeItSaysWhatIsMissing() throws Exception {
        var bin = Files.createDirectories(scratch.resolve("bin-without-java"));
        Files.deleteIfExists(bin.resolve("dirname"));
        Files.createSymbolicLink(bin.resolve("dirname"), Path.of("/usr/bin/dirname"));

        var run = runToCompletion(launcher, Map.of("PATH", bin.toString()));

        assertEquals(1, run.exitCode());
        assertEquals("", run.stdout());
        assertEquals("pulumi-resource-hubspoke: Java 17 or newer is needed: set JAVA_HOME or put java on PATH\n",
                run.stderr());
    }

    @Test
    void aJavaHomeWithoutJavaIsReported() throws Exception {
        var home = Files.createDirectories(scratch.resolve("empty-java-home"));

        var run = runToCompletion(launcher, Map.of("PATH", System.getenv("PATH"), "JAVA_HOME", home.toString()));

        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("JAVA_HOME is " + home + ", but " + home + "/bin/java is not an executable"),
                run.stderr());
    }

    @Test
    void aJavaOlderThan17IsRefusedNamingItsVersion() throws Exception {
        var home = Files.createDirectories(scratch.resolve("java-11"));
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"11.0.2\"\n");
        var java = home.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\necho 'this java must not be run' >&2\nexit 3\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        var run = runToCompletion(launcher, Map.of("PATH", System.getenv("PATH"), "JAVA_HOME", home.toString()));

        assertEquals(1, run.exitCode());
        assertEquals("", run.stdout());
        assertEquals("pulumi-resource-hubspoke: Java 17 or newer is needed, but " + java + " is Java 11.0.2\n",
                run.stderr());
    }

    @Test
    void javaOptionsFromTheEnvironmentReachTheJvm() throws Exception {
        var env = ProviderProcess.environment();
        env.put("HUBSPOKE_JAVA_OPTS", "-Xmx123m -Dhubspoke.probe=yes");
        env.put("JAVA_TOOL_OPTIONS", "-Dhubspoke.tool=yes");
        try (var provider = ProviderProcess.start(env, launcher, "127.0.0.1:1")) {
            var arguments = List.of(provider.process().info().arguments().orElseThrow());
            assertTrue(arguments.contains("-Xmx123m"), arguments.toString());
            assertTrue(arguments.contains("-Dhubspoke.probe=yes"), arguments.toString());
            assertTrue(waitForStderr(provider, "Picked up JAVA_TOOL_OPTIONS: -Dhubspoke.tool=yes"), provider.stderr());
        }
    }

    @Test
    void itFindsTheJarWhenStartedThroughASymlink() throws Exception {
        var link = Files.createDirectories(scratch.resolve("on-path")).resolve("pulumi-resource-hubspoke");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, launcher);
        try (var provider = ProviderProcess.start(link, "127.0.0.1:1")) {
            assertTrue(provider.port() > 0);
        }
    }

    @Test
    void theFirstStartCreatesAClassDataArchiveThatLaterStartsUseAndABrokenOneIsIgnored() throws Exception {
        var cache = Files.createDirectories(scratch.resolve("cds-cache"));
        var env = withArchiveIn(cache);
        var archive = firstStartMakesAnArchive(env, cache);

        env.put("HUBSPOKE_JAVA_OPTS", "-Xlog:class+load=info:stderr");
        try (var engine = FakeEngine.start(ProviderWireIT.STACK_URN);
             var second = ProviderProcess.start(env, launcher, engine.address());
             var monitor = FakeMonitor.start(FakeMonitor.Mode.PREVIEW)) {
            var shared = "dev.hubspoke.server.ProviderService source: shared objects file";
            assertTrue(waitForStderr(second, shared), "ProviderService was not loaded from the archive");
            // The training served a Construct over gRPC: the client side of the monitor's
            // protocol, which nothing but a Construct loads (plan runs under mocks), is archived.
            second.blocking().construct(ProviderWireIT.construct(monitor, "hubspoke:index:Hub", "hub", Map.of())
                    .setDryRun(true).build());
            var monitorClient = "pulumirpc.ResourceMonitorGrpc$ResourceMonitorFutureStub source: shared objects file";
            assertTrue(waitForStderr(second, monitorClient), "a Construct's classes were not loaded from the archive");
        }

        Files.write(archive, "not an archive".getBytes(StandardCharsets.UTF_8));
        env.remove("HUBSPOKE_JAVA_OPTS");
        try (var third = ProviderProcess.start(env, launcher, "127.0.0.1:1")) {
            assertTrue(third.port() > 0);
            third.terminate();
            assertTrue(third.exitsWithin(Duration.ofSeconds(20)));
            assertEquals("", third.remainingStdout());
        }
    }

    @Test
    void onJava25WithAotOnTheFirstStartCreatesAnAotCacheThatLaterStartsUse() throws Exception {
        var javaHome = Optional.ofNullable(System.getProperty("hubspoke.aotJavaHome")).filter(h -> !h.isBlank());
        Assumptions.assumeTrue(javaHome.isPresent(), "no Java 25 or newer named (-Daot.java.home)");
        var cache = Files.createDirectories(scratch.resolve("aot-cache"));
        var env = withArchiveIn(cache);
        env.put("JAVA_HOME", javaHome.get());
        env.put("HUBSPOKE_AOT", "on");

        // Training, then a second JVM that assembles the cache: minutes on a busy machine.
        var archive = firstStartMakesAnArchive(env, cache, Duration.ofSeconds(300));

        assertTrue(archive.getFileName().toString().endsWith(".aot"), archive.toString());
        env.put("HUBSPOKE_JAVA_OPTS", "-Xlog:class+load=info:stderr");
        try (var second = ProviderProcess.start(env, launcher, "127.0.0.1:1")) {
            var arguments = List.of(second.process().info().arguments().orElseThrow());
            assertTrue(arguments.contains("-XX:AOTCache=" + archive), arguments.toString());
            // A start alone never loads Cidr or the monitor's client (a Construct does); an AOT
            // cache loads every class it holds at start-up, so both from the cache show that the
            // training's plan and its Construct over gRPC were recorded.
            assertTrue(waitForStderr(second, "dev.hubspoke.net.Cidr source: shared objects file"),
                    "the training's classes were not loaded from the AOT cache");
            assertTrue(waitForStderr(second,
                            "pulumirpc.ResourceMonitorGrpc$ResourceMonitorFutureStub source: shared objects file"),
                    "the training's Construct was not recorded in the AOT cache");
        }
    }

    /**
     * The archive's training run serves the seed network's Construct to itself, as a preview and
     * as an update, before it prints its port; a Construct that failed would print a warning
     * instead and leave the archive without the classes of a served Construct.
     */
    @Test
    void theTrainingRunServesThePreviewAndTheUpdateOfTheSeedNetworkBeforeItsPort() throws Exception {
        var command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", ProviderProcess.jar().toString(), "dev.hubspoke.Main", "cds-training");
        try (var training = ProviderProcess.start(ProviderProcess.environment(), command)) {
            assertTrue(training.port() > 0);
            assertTrue(waitForStderr(training, "training: served"), training.stderr());
            var served = java.util.regex.Pattern.compile("served the seed network's Construct as a preview"
                    + " \\((\\d+) registrations\\) and as an update \\((\\d+) registrations\\)").matcher(training.stderr());
            assertTrue(served.find(), training.stderr());
            // The seed network registers 111 resources, components included.
            assertEquals(served.group(1), served.group(2), served.group());
            assertTrue(Integer.parseInt(served.group(1)) > 100, served.group());
            assertTrue(!training.stderr().contains("before the port"), training.stderr());
        }
    }

    /**
     * {@code plan} runs the SDK under its mocks, whose task loop waits on a common-pool thread:
     * with the pool at one thread (2 CPUs) it never finished on Java 25 before Main sized the pool.
     */
    @Test
    void onJava25PlanFinishes() throws Exception {
        var javaHome = Optional.ofNullable(System.getProperty("hubspoke.aotJavaHome")).filter(h -> !h.isBlank());
        Assumptions.assumeTrue(javaHome.isPresent(), "no Java 25 or newer named (-Daot.java.home)");
        var config = Files.writeString(scratch.resolve("seed.yaml"), "{}\n");
        var builder = new ProcessBuilder("/bin/bash", launcher.toString(), "plan", config.toString());
        builder.environment().put("JAVA_HOME", javaHome.get());
        builder.environment().put("HUBSPOKE_CDS", "off");
        builder.environment().put("JAVA_TOOL_OPTIONS", "-XX:ActiveProcessorCount=2");
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        var stdout = scratch.resolve("plan-on-java-25.out");
        builder.redirectOutput(stdout.toFile());
        var process = builder.start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        process.destroyForcibly();
        assertTrue(finished, "plan did not finish on Java 25 within 120 s");
        var out = Files.readString(stdout);
        assertEquals(0, process.exitValue(), out);
        assertTrue(out.contains("HubAndSpoke 'hubspoke'") && out.contains("Address plan"), out);
    }

    @Test
    void makingAnArchiveDeletesThoseOfJarsThatAreGoneOrRebuiltAndOfOlderLaunchersButKeepsTheRest() throws Exception {
        var cache = Files.createDirectories(scratch.resolve("cds-prune"));
        var liveJar = Files.writeString(scratch.resolve("other-plugin.jar"), "another installed plugin's jar");
        var legacy = Files.writeString(cache.resolve("pulumi-resource-hubspoke-1-2.jsa"), "older launcher, no record");
        var goneJar = Files.writeString(cache.resolve("pulumi-resource-hubspoke-3-4.jsa"), "jar deleted");
        Files.writeString(cache.resolve("pulumi-resource-hubspoke-3-4.jsa.jar"), scratch.resolve("deleted.jar") + "\n1 2\n");
        var rebuilt = Files.writeString(cache.resolve("pulumi-resource-hubspoke-5-6.aot"), "jar rebuilt since");
        Files.writeString(cache.resolve("pulumi-resource-hubspoke-5-6.aot.jar"), liveJar + "\n1 2\n");
        var live = Files.writeString(cache.resolve("pulumi-resource-hubspoke-7-8.jsa"), "jar still there");
        Files.writeString(cache.resolve("pulumi-resource-hubspoke-7-8.jsa.jar"), liveJar + "\n" + stat(liveJar) + "\n");
        var unrelated = Files.writeString(cache.resolve("notes.txt"), "not ours");
        var archive = firstStartMakesAnArchive(withArchiveIn(cache), cache);

        try (var files = Files.list(cache)) {
            assertEquals(java.util.Set.of(archive, Path.of(archive + ".jar"), live, Path.of(live + ".jar"), unrelated),
                    files.collect(java.util.stream.Collectors.toSet()));
        }
        assertEquals(launcher.resolveSibling("pulumi-resource-hubspoke.jar").toString(),
                Files.readAllLines(Path.of(archive + ".jar")).get(0));
        assertTrue(java.util.stream.Stream.of(legacy, goneJar, rebuilt).noneMatch(Files::exists));
    }

    /** The launcher's record of a jar: its size and modification time in seconds, as stat prints them. */
    private static String stat(Path file) throws IOException {
        return Files.size(file) + " " + Files.getLastModifiedTime(file).toInstant().getEpochSecond();
    }

    private static Map<String, String> withArchiveIn(Path cache) {
        var env = ProviderProcess.environment();
        env.remove("HUBSPOKE_CDS");
        env.put("HUBSPOKE_CACHE_DIR", cache.toString());
        return env;
    }

    /** Starts the provider once, then waits for the archive that start makes in the background. */
    private Path firstStartMakesAnArchive(Map<String, String> env, Path cache) throws Exception {
        return firstStartMakesAnArchive(env, cache, Duration.ofSeconds(90));
    }

    private Path firstStartMakesAnArchive(Map<String, String> env, Path cache, Duration timeout) throws Exception {
        try (var first = ProviderProcess.start(env, launcher, "127.0.0.1:1")) {
            assertTrue(first.port() > 0);
        }
        return ProviderProcess.awaitArchive(cache, timeout);
    }

    private static boolean waitForStderr(ProviderProcess provider, String text) throws InterruptedException {
        for (int i = 0; i < 100 && !provider.stderr().contains(text); i++) {
            Thread.sleep(50);
        }
        return provider.stderr().contains(text);
    }
}
