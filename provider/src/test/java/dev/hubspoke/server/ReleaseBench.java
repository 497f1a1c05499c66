package dev.hubspoke.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

/**
 * {@code make bench}, first part: the plugin as released at a baseline commit and this build,
 * side by side in one run, so every figure of README's Performance table comes from one command.
 * Printed, never asserted.
 *
 * <p>Plugins: the baseline tarball ({@code bench.baseline}, made by tests/e2e/upgrade_test.go),
 * and this build's tarball ({@code bench.tarball}, made by {@code make dist}), each unpacked and
 * started through its own launcher, as the engine starts it; this build also on the Java of
 * {@code bench.aotJavaHome} (25 or newer: the launcher's AOT cache) when given. Each plugin's
 * archive is made once first. Then, per round (the first is a warm-up and is not counted; then
 * {@code bench.runs}), every plugin in turn: a start to the port without and with its archive,
 * then in one provider five seed HubAndSpoke Constructs (the default layout: 100 registrations in
 * 0.1.0, 111 in 0.2.0) and five Hub Constructs (the 5th of a type is "warm"), then SIGTERM to
 * exit while idle. Medians,
 * min and max, and the load average (1 minute) read before each round, since the machine is shared.
 */
public final class ReleaseBench {

    private static final String SEED = "hubspoke:index:HubAndSpoke";
    private static final String HUB = "hubspoke:index:Hub";
    private static final int WARM_INDEX = 5;

    /** One plugin as a user installs it: the unpacked tarball, run with one Java. */
    private record Plugin(String label, Path tarball, Path launcher, Optional<String> javaHome, Path cache) {

        /** With another Java (25 or newer) the launcher is asked for its AOT cache, off by default. */
        Map<String, String> environment(boolean archive) {
            var env = new java.util.HashMap<String, String>();
            javaHome.ifPresent(home -> {
                env.put("JAVA_HOME", home);
                env.put("HUBSPOKE_AOT", "on");
            });
            env.put("HUBSPOKE_CACHE_DIR", cache.toString());
            if (!archive) {
                env.put("HUBSPOKE_CDS", "off");
            }
            return env;
        }
    }

    /** Every sample of every figure of one plugin, in seconds. */
    private static final class Samples {
        final Map<String, List<Double>> figures = new LinkedHashMap<>();

        void add(String figure, double seconds) {
            figures.computeIfAbsent(figure, f -> new ArrayList<>()).add(seconds);
        }
    }

    private ReleaseBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 3);
        var work = Files.createDirectories(ProviderProcess.workDir().resolve("release"));
        var plugins = new ArrayList<Plugin>();
        plugins.add(unpack("baseline " + System.getProperty("bench.baselineLabel", "") + ", Java 17, AppCDS",
                Path.of(required("bench.baseline")), work.resolve("baseline"), Optional.empty()));
        var current = Path.of(required("bench.tarball"));
        plugins.add(unpack("this build, Java 17, AppCDS", current, work.resolve("current"), Optional.empty()));
        var aotJava = Optional.ofNullable(System.getProperty("bench.aotJavaHome"))
                .filter(home -> !home.isBlank() && Files.isExecutable(Path.of(home, "bin", "java")));
        if (aotJava.isPresent()) {
            plugins.add(new Plugin("this build, Java " + javaVersion(aotJava.get()) + ", AOT cache",
                    current, plugins.get(1).launcher(), aotJava, cacheFor(work, "aot")));
        }

        System.out.printf(Locale.ROOT, "hubspoke release bench: %d CPUs, load average %s, %d runs after one warm-up%n",
                Runtime.getRuntime().availableProcessors(), WireBench.loadAverage(), runs);
        sizes(plugins);
        var samples = new LinkedHashMap<Plugin, Samples>();
        try (var engine = FakeEngine.start(ProviderWireIT.STACK_URN)) {
            for (var plugin : plugins) {
                makeArchive(plugin, engine);
                samples.put(plugin, new Samples());
            }
            var loads = new ArrayList<String>();
            for (int round = 0; round <= runs; round++) {
                loads.add(WireBench.loadAverage());
                for (var plugin : plugins) {
                    var sample = round == 0 ? new Samples() : samples.get(plugin);
                    measure(plugin, engine, sample);
                }
            }
            System.out.printf(Locale.ROOT, "%nload average (1 min) before each round, warm-up first: %s%n",
                    String.join(", ", loads));
        }
        print(samples);
        System.exit(0); // the SDK's and gRPC's threads would keep exec:java waiting
    }

    private static String required(String property) {
        return Optional.ofNullable(System.getProperty(property)).filter(v -> !v.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("set -D" + property + " (make bench does)"));
    }

    private static Plugin unpack(String label, Path tarball, Path dir, Optional<String> javaHome) throws Exception {
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalArgumentException(tarball + " does not exist: " + label);
        }
        run(List.of("rm", "-rf", dir.toString()));
        Files.createDirectories(dir);
        run(List.of("tar", "-xzf", tarball.toString(), "-C", dir.toString()));
        return new Plugin(label, tarball, dir.resolve("pulumi-resource-hubspoke"), javaHome,
                cacheFor(dir.getParent(), dir.getFileName().toString()));
    }

    private static Path cacheFor(Path work, String name) throws Exception {
        var cache = work.resolve("cache-" + name);
        run(List.of("rm", "-rf", cache.toString()));
        return Files.createDirectories(cache);
    }

    private static void run(List<String> command) throws Exception {
        var process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(command + " failed");
        }
    }

    private static String javaVersion(String home) {
        try {
            return Files.readAllLines(Path.of(home, "release")).stream()
                    .filter(l -> l.startsWith("JAVA_VERSION=")).findFirst()
                    .map(l -> l.substring("JAVA_VERSION=".length()).replace("\"", "")).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static void sizes(List<Plugin> plugins) throws IOException {
        System.out.printf(Locale.ROOT, "%ndownload and jar%n  %-40s %14s %10s %10s%n", "plugin", "tarball MB", "jar MB",
                "entries");
        var seen = new java.util.HashSet<Path>();
        for (var plugin : plugins) {
            if (!seen.add(plugin.tarball())) {
                continue;
            }
            var jar = plugin.launcher().resolveSibling("pulumi-resource-hubspoke.jar");
            int entries;
            try (var zip = new ZipFile(jar.toFile())) {
                entries = zip.size();
            }
            System.out.printf(Locale.ROOT, "  %-40s %14.1f %10.1f %10d%n", plugin.tarball().getFileName() + " ("
                    + plugin.label().replaceAll(",.*", "") + ")", Files.size(plugin.tarball()) / 1e6,
                    Files.size(jar) / 1e6, entries);
        }
    }

    private static void makeArchive(Plugin plugin, FakeEngine engine) throws Exception {
        try (var first = ProviderProcess.start(plugin.environment(true), plugin.launcher(), engine.address())) {
            first.port();
        }
        var archive = ProviderProcess.awaitArchive(plugin.cache(), Duration.ofSeconds(300));
        System.out.printf(Locale.ROOT, "  archive for %s: %s, %.1f MB%n", plugin.label(), archive.getFileName(),
                Files.size(archive) / 1e6);
    }

    private static void measure(Plugin plugin, FakeEngine engine, Samples samples) throws Exception {
        for (boolean archive : new boolean[] {false, true}) {
            long begin = System.nanoTime();
            try (var provider = ProviderProcess.start(plugin.environment(archive), plugin.launcher(), engine.address())) {
                samples.add(archive ? "start to port, with archive" : "start to port, no archive", seconds(begin));
            }
        }
        try (var provider = ProviderProcess.start(plugin.environment(true), plugin.launcher(), engine.address());
             var monitor = FakeMonitor.start(FakeMonitor.Mode.PREVIEW)) {
            for (int i = 1; i <= WARM_INDEX; i++) {
                double seconds = construct(provider, monitor, SEED, "seed" + i);
                if (i == 1) {
                    samples.add("first seed HubAndSpoke (default layout)", seconds);
                } else if (i == WARM_INDEX) {
                    samples.add("warm seed HubAndSpoke (5th)", seconds);
                }
            }
            for (int i = 1; i <= WARM_INDEX; i++) {
                double seconds = construct(provider, monitor, HUB, "hub" + i);
                if (i == WARM_INDEX) {
                    samples.add("warm Hub (5th)", seconds);
                }
            }
            Thread.sleep(500); // idle
            long begin = System.nanoTime();
            provider.process().toHandle().destroy(); // SIGTERM, as the engine sends
            provider.process().waitFor(30, TimeUnit.SECONDS);
            samples.add("SIGTERM to exit, idle", seconds(begin));
        }
    }

    private static double construct(ProviderProcess provider, FakeMonitor monitor, String type, String name) {
        var request = ProviderWireIT.construct(monitor, type, name, Map.of()).setDryRun(true).build();
        long begin = System.nanoTime();
        provider.blocking().construct(request);
        return seconds(begin);
    }

    private static double seconds(long beginNanos) {
        return (System.nanoTime() - beginNanos) / 1e9;
    }

    private static void print(Map<Plugin, Samples> samples) {
        var figures = samples.values().iterator().next().figures.keySet();
        System.out.printf(Locale.ROOT, "%nmedian s [min-max] per plugin%n");
        for (var figure : figures) {
            System.out.printf(Locale.ROOT, "  %s%n", figure);
            double baseline = Double.NaN;
            for (var entry : samples.entrySet()) {
                var values = entry.getValue().figures.get(figure).stream().mapToDouble(Double::doubleValue).sorted().toArray();
                double median = WireBench.median(values);
                if (Double.isNaN(baseline)) {
                    baseline = median;
                }
                System.out.printf(Locale.ROOT, "    %-40s %7.3f [%.3f-%.3f]  %5.2fx baseline%n", entry.getKey().label(),
                        median, values[0], values[values.length - 1], median / baseline);
            }
        }
    }
}
