package dev.hubspoke.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.Optional;

/**
 * {@code make bench}: figures for the packaged provider over the wire, printed, never asserted.
 *
 * <ul>
 *   <li>cold start: process start to the port on stdout (what the engine waits for), median of
 *       {@code bench.runs} starts, for a plain JVM, the launcher without and with its class-data
 *       archive; plus how many classes each loads before the port and how many of those the
 *       archive supplies;</li>
 *   <li>Construct: for each {@link #cases() case}, in a fresh provider, the first Construct and
 *       the median of {@code bench.warm} more, the provider's mean CPU time (user + system) per warm
 *       call, which the load of other processes disturbs less than the wall time, and its peak RSS
 *       (VmHWM) afterwards;</li>
 *   <li>concurrency: N independent SpokeVpc Constructs at once under a fixed create latency, see
 *       {@link ConcurrencyBench}.</li>
 * </ul>
 * Run it with {@code make bench}; {@code -Dbench.runs=N -Dbench.warm=N} change the counts and
 * {@code -Dbench.javaOpts="..."} adds JVM options to the providers that construct;
 * {@code -Dbench.cases="Hub;SpokeVpc"} keeps only the Construct cases with those labels;
 * {@code -Dbench.concurrencyOnly=true} runs only the concurrency figures ({@code -Dbench.createMillis=N}
 * sets their create latency).
 */
public final class WireBench {

    /** A component Construct to time. */
    record BenchCase(String label, String type, Map<String, Object> inputs) {
    }

    /**
     * Every component type with the wire tests' valid inputs, then HubAndSpoke with 2, 10 and 50
     * spokes (10.0.0.0/16, 10.1.0.0/16, ...; each with a workload) to show how cost grows with
     * the number of spokes.
     */
    static List<BenchCase> cases() {
        var cases = new ArrayList<BenchCase>();
        ProviderWireIT.handlerCases()
                .map(c -> new BenchCase(c.type().substring(c.type().lastIndexOf(':') + 1), c.type(), c.validInputs()))
                .forEach(cases::add);
        for (int spokes : new int[] {2, 10, 50}) {
            cases.add(new BenchCase("HubAndSpoke, " + spokes + " spokes", "hubspoke:index:HubAndSpoke",
                    Map.of("spokes", IntStream.range(0, spokes)
                            .mapToObj(i -> Map.<String, Object>of("name", "spoke" + i, "cidrBlock", "10." + i + ".0.0/16",
                                    "workload", true))
                            .toList())));
        }
        return cases;
    }

    private record StartVariant(String label, Map<String, String> env, List<String> command) {
    }

    private record Start(double seconds, double cpuSeconds, int classes, int sharedClasses) {
    }

    private WireBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("bench.runs", 10);
        boolean startsOnly = Boolean.getBoolean("bench.startsOnly");
        boolean constructsOnly = Boolean.getBoolean("bench.constructsOnly");
        boolean concurrencyOnly = Boolean.getBoolean("bench.concurrencyOnly");
        int warm = Integer.getInteger("bench.warm", 10);
        var work = Files.createDirectories(ProviderProcess.workDir());
        var launcher = ProviderProcess.stagePlugin(work);
        var cache = Files.createTempDirectory(work, "cds-");

        System.out.printf(Locale.ROOT, "hubspoke wire bench: %d CPUs, Java %s, load average %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage());
        try (var engine = FakeEngine.start(ProviderWireIT.STACK_URN)) {
            prepareArchive(launcher, cache, engine);
            if (!constructsOnly && !concurrencyOnly) {
                coldStarts(launcher, cache, engine, runs);
            }
            if (!startsOnly && !concurrencyOnly) {
                constructs(launcher, cache, engine, warm);
            }
            if (!startsOnly && !constructsOnly) {
                try (var provider = ProviderProcess.start(forConstructs(cache), launcher, engine.address())) {
                    ConcurrencyBench.run(provider, Math.min(runs, 5));
                }
            }
        }
        System.exit(0); // the SDK's and gRPC's threads would keep exec:java waiting
    }

    private static Map<String, String> withArchive(Path cache) {
        var env = ProviderProcess.environment();
        env.remove("HUBSPOKE_CDS");
        env.put("HUBSPOKE_CACHE_DIR", cache.toString());
        return env;
    }

    /** The provider's environment for Constructs: with the archive, plus -Dbench.javaOpts if given. */
    private static Map<String, String> forConstructs(Path cache) {
        var env = withArchive(cache);
        Optional.ofNullable(System.getProperty("bench.javaOpts")).filter(o -> !o.isBlank())
                .ifPresent(options -> env.put("HUBSPOKE_JAVA_OPTS", options));
        return env;
    }

    private static void prepareArchive(Path launcher, Path cache, FakeEngine engine) throws Exception {
        try (var first = ProviderProcess.start(withArchive(cache), launcher, engine.address())) {
            first.port();
        }
        ProviderProcess.awaitArchive(cache, Duration.ofSeconds(120));
    }

    private static void coldStarts(Path launcher, Path cache, FakeEngine engine, int runs) throws Exception {
        var jar = ProviderProcess.jar().toString();
        var classpath = jar + ":" + System.getProperty("hubspoke.testClasses");
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var variants = List.of(
                new StartVariant("plain JVM: java -cp jar Main", Map.of(),
                        List.of(java, "-cp", classpath, "dev.hubspoke.Main", engine.address())),
                new StartVariant("launcher, CDS off", ProviderProcess.environment(),
                        List.of(launcher.toString(), engine.address())),
                new StartVariant("launcher, CDS archive", withArchive(cache),
                        List.of(launcher.toString(), engine.address())));
        System.out.printf(Locale.ROOT, "%ncold start, process start to port printed (%d runs each)%n", runs);
        System.out.printf(Locale.ROOT, "  %-32s %9s %9s %9s %9s %9s %9s%n",
                "variant", "median s", "min s", "max s", "CPU s", "classes", "from CDS");
        for (var variant : variants) {
            var starts = new ArrayList<Start>();
            for (int i = 0; i < runs; i++) {
                starts.add(coldStart(variant, Optional.empty()));
            }
            var census = coldStart(variant, Optional.of(Files.createTempFile(cache.getParent(), "classes-", ".log")));
            var seconds = starts.stream().mapToDouble(Start::seconds).sorted().toArray();
            System.out.printf(Locale.ROOT, "  %-32s %9.3f %9.3f %9.3f %9.3f %9d %9d%n", variant.label(),
                    median(seconds), seconds[0], seconds[seconds.length - 1],
                    median(starts.stream().mapToDouble(Start::cpuSeconds).sorted().toArray()),
                    census.classes(), census.sharedClasses());
        }
    }

    /** One start; with {@code classLog}, the JVM also logs every class it loads there. */
    private static Start coldStart(StartVariant variant, Optional<Path> classLog) throws Exception {
        var env = new java.util.HashMap<>(variant.env());
        var command = new ArrayList<>(variant.command());
        classLog.ifPresent(log -> {
            var option = "-Xlog:class+load=info:file=" + log;
            if (command.get(0).endsWith("/java")) {
                command.add(1, option);
            } else {
                env.put("HUBSPOKE_JAVA_OPTS", option);
            }
        });
        long begin = System.nanoTime();
        try (var provider = ProviderProcess.start(env, command)) {
            double seconds = (System.nanoTime() - begin) / 1e9;
            double cpu = cpuSeconds(provider.process().pid());
            if (classLog.isEmpty()) {
                return new Start(seconds, cpu, 0, 0);
            }
            provider.terminate();
            provider.exitsWithin(Duration.ofSeconds(20));
            var lines = Files.readAllLines(classLog.get());
            return new Start(seconds, cpu, lines.size(),
                    (int) lines.stream().filter(l -> l.contains("shared objects file")).count());
        }
    }

    private static void constructs(Path launcher, Path cache, FakeEngine engine, int warm) throws Exception {
        System.out.printf(Locale.ROOT, "%nConstruct over the wire, launcher with CDS archive (fresh provider per case, "
                + "%d warm calls)%n", warm);
        System.out.printf(Locale.ROOT, "  %-40s %10s %12s %10s %11s %13s%n",
                "case", "resources", "first s", "warm s", "warm CPU s", "peak RSS MiB");
        var only = Optional.ofNullable(System.getProperty("bench.cases")).filter(c -> !c.isBlank())
                .map(c -> List.of(c.split(";")));
        for (var benchCase : cases()) {
            if (only.isPresent() && only.get().stream().noneMatch(benchCase.label()::equals)) {
                continue;
            }
            try (var provider = ProviderProcess.start(forConstructs(cache), launcher, engine.address());
                 var monitor = FakeMonitor.start(FakeMonitor.Mode.UPDATE)) {
                double first = construct(provider, monitor, benchCase, "first");
                int resources = monitor.registrations().size();
                var times = new double[warm];
                double cpuBefore = cpuSeconds(provider.process().pid());
                for (int i = 0; i < warm; i++) {
                    times[i] = construct(provider, monitor, benchCase, "warm" + i);
                }
                double warmCpu = (cpuSeconds(provider.process().pid()) - cpuBefore) / warm;
                java.util.Arrays.sort(times);
                System.out.printf(Locale.ROOT, "  %-40s %10d %12.3f %10.3f %11.3f %13.1f%n", benchCase.label(),
                        resources, first, warm == 0 ? Double.NaN : median(times), warmCpu,
                        peakRssMiB(provider.process().pid()));
            }
        }
    }

    private static double construct(ProviderProcess provider, FakeMonitor monitor, BenchCase benchCase, String name) {
        var request = ProviderWireIT.construct(monitor, benchCase.type(), name, benchCase.inputs()).build();
        long begin = System.nanoTime();
        provider.blocking().construct(request);
        return (System.nanoTime() - begin) / 1e9;
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** User + system CPU time so far, from /proc (clock ticks of 1/100 s). */
    private static double cpuSeconds(long pid) throws IOException {
        var stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private static double peakRssMiB(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith("VmHWM:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElseThrow() / 1024.0;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
