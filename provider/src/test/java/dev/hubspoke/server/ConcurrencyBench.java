package dev.hubspoke.server;

import com.google.common.util.concurrent.ListenableFuture;
import pulumirpc.Provider.ConstructResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The part of {@code make bench} that shows whether independent Constructs build side by side:
 * N SpokeVpc Constructs (N = 1, 4, 16) sent at once to one warm provider, under a monitor that
 * answers every create after {@code bench.createMillis} (400 ms unless set), as the cloud takes
 * its time. Printed: the wall time from sending the first to receiving the last response (median,
 * min, max of {@code bench.runs}), and its ratio to N = 1. A ratio near 1 means side by side; near N,
 * one after another.
 */
final class ConcurrencyBench {

    private static final String SPOKE = "hubspoke:index:SpokeVpc";

    private ConcurrencyBench() {
    }

    static void run(ProviderProcess provider, int runs) throws Exception {
        var createDelay = Duration.ofMillis(Long.getLong("bench.createMillis", 400));
        System.out.printf(Locale.ROOT, "%nIndependent SpokeVpc Constructs sent at once, each create answered after %d ms "
                + "(one warm provider, %d runs each)%n", createDelay.toMillis(), runs);
        System.out.printf(Locale.ROOT, "  %-12s %10s %10s %10s %12s%n", "Constructs", "median s", "min s", "max s",
                "÷ 1 alone");
        try (var monitor = FakeMonitor.start(FakeMonitor.Mode.UPDATE, createDelay)) {
            once(provider, monitor, 1, "warmup");
            double alone = Double.NaN;
            for (int n : new int[] {1, 4, 16}) {
                var times = new double[runs];
                for (int r = 0; r < runs; r++) {
                    times[r] = once(provider, monitor, n, "n" + n + "r" + r);
                }
                Arrays.sort(times);
                double median = times[runs / 2];
                if (n == 1) {
                    alone = median;
                }
                System.out.printf(Locale.ROOT, "  %-12d %10.3f %10.3f %10.3f %12.2f%n", n, median, times[0],
                        times[runs - 1], median / alone);
            }
        }
    }

    /** Sends {@code n} SpokeVpcs at once; the seconds until the last one has answered. */
    private static double once(ProviderProcess provider, FakeMonitor monitor, int n, String prefix) throws Exception {
        var sent = new ArrayList<ListenableFuture<ConstructResponse>>();
        long begin = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sent.add(provider.async().construct(ProviderWireIT.construct(monitor, SPOKE, prefix + "-spoke" + i, Map.of(
                    "cidrBlock", "10." + i + ".0.0/16", "transitGatewayId", "tgw-0123",
                    "spokeRouteTableId", "tgw-rtb-spoke", "inspectionRouteTableId", "tgw-rtb-inspection")).build()));
        }
        for (var response : sent) {
            response.get(10, TimeUnit.MINUTES);
        }
        return (System.nanoTime() - begin) / 1e9;
    }
}
