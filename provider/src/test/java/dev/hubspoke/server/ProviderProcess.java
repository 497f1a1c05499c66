package dev.hubspoke.server;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import pulumirpc.ResourceProviderGrpc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The built provider started as the engine starts it: the launcher script with the jar beside
 * it, an engine address and the engine's flags, the port read from the first line of stdout.
 * The test class path is added (HUBSPOKE_CLASSPATH) so the test's ConstructHandler is found;
 * class-data sharing is off unless a test asks for it, so tests do not race the archive's creation.
 */
final class ProviderProcess implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final StringBuffer stderr = new StringBuffer();
    private final BufferedReader stdout;
    private final ManagedChannel channel;

    private ProviderProcess(Process process) throws Exception {
        this.process = process;
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var drain = new Thread(() -> {
            try (var err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                err.lines().forEach(line -> stderr.append(line).append('\n'));
            } catch (IOException | UncheckedIOException e) {
                // closed by Process#destroy in close(): nothing more to read
            }
        }, "provider-stderr");
        drain.setDaemon(true);
        drain.start();
        var firstLine = CompletableFuture.supplyAsync(() -> {
            try {
                return stdout.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String line;
        try {
            line = firstLine.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the provider printed no port; stderr:\n" + stderr, e);
        }
        if (line == null || !line.matches("\\d+")) {
            process.destroyForcibly();
            throw new IllegalStateException("expected a port as the first line, got '" + line + "'; stderr:\n" + stderr);
        }
        this.port = Integer.parseInt(line);
        this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                .maxInboundMessageSize(64 * 1024 * 1024).build();
    }

    /** A fresh plugin directory: the launcher (executable) and the built jar side by side. */
    static Path stagePlugin(Path workDir) throws IOException {
        Files.createDirectories(workDir);
        var dir = Files.createTempDirectory(workDir, "plugin-");
        var launcher = dir.resolve("pulumi-resource-hubspoke");
        Files.copy(Path.of(System.getProperty("hubspoke.launcher")), launcher, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(dir.resolve("pulumi-resource-hubspoke.jar"), jar().toAbsolutePath());
        return launcher;
    }

    static Path jar() {
        return Path.of(System.getProperty("hubspoke.jar"));
    }

    static Path workDir() {
        return Path.of(System.getProperty("hubspoke.workDir", "target/wire"));
    }

    /** The environment a test provider runs with; callers may change it before starting. */
    static Map<String, String> environment() {
        var env = new HashMap<String, String>();
        env.put("HUBSPOKE_CDS", "off");
        env.put("HUBSPOKE_CLASSPATH", System.getProperty("hubspoke.testClasses"));
        return env;
    }

    static ProviderProcess start(Path launcher, String... args) throws Exception {
        return start(environment(), launcher, args);
    }

    static ProviderProcess start(Map<String, String> env, Path launcher, String... args) throws Exception {
        var command = new ArrayList<String>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        return start(env, command);
    }

    /** Runs {@code command} (which must end up running the launcher) and waits for the port. */
    static ProviderProcess start(Map<String, String> env, List<String> command) throws Exception {
        var builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        return new ProviderProcess(builder.start());
    }

    /**
     * Waits until the launcher's background job has finished (no lock or temporary file left in
     * {@code cache}) and has left a class-data archive (AppCDS or AOT cache); returns the newest.
     */
    static Path awaitArchive(Path cache, Duration timeout) throws Exception {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(cache)) {
                var entries = files.toList();
                var busy = entries.stream().anyMatch(p -> p.toString().endsWith(".lock") || p.toString().contains(".tmp"));
                var newest = entries.stream().filter(ProviderProcess::isArchive)
                        .max(java.util.Comparator.comparing(ProviderProcess::modified));
                if (!busy && newest.isPresent()) {
                    return newest.get();
                }
            }
            Thread.sleep(200);
        }
        try (Stream<Path> files = Files.list(cache)) {
            throw new AssertionError("no class-data archive after " + timeout.toSeconds() + " s: " + files.toList());
        }
    }

    static boolean isArchive(Path file) {
        var name = file.getFileName().toString();
        return name.endsWith(".jsa") || name.endsWith(".aot");
    }

    private static java.nio.file.attribute.FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    Process process() {
        return process;
    }

    String stderr() {
        return stderr.toString();
    }

    /** What the process printed on stdout after the port, once it has exited. */
    String remainingStdout() throws IOException {
        var rest = new StringBuilder();
        for (String line; (line = stdout.readLine()) != null; ) {
            rest.append(line).append('\n');
        }
        return rest.toString();
    }

    ResourceProviderGrpc.ResourceProviderBlockingStub blocking() {
        return ResourceProviderGrpc.newBlockingStub(channel).withDeadlineAfter(120, TimeUnit.SECONDS);
    }

    ResourceProviderGrpc.ResourceProviderFutureStub async() {
        return ResourceProviderGrpc.newFutureStub(channel).withDeadlineAfter(120, TimeUnit.SECONDS);
    }

    /**
     * Sends SIGTERM as the engine does. (Process#destroy would too, but it also closes our ends
     * of the pipes, and the tests read what is left on stdout afterwards.)
     */
    void terminate() throws IOException, InterruptedException {
        var kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -TERM " + process.pid() + " failed");
        }
    }

    /** Whether the process exits within {@code timeout}. */
    boolean exitsWithin(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
