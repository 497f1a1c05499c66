package dev.hubspoke.server;

/**
 * Where the SDK's asynchronous steps run. The SDK starts many of them without naming an
 * executor (every {@code Output.of}, every log message, the component's constructor), so they
 * go to {@code CompletableFuture}'s default: the common fork-join pool, unless that pool has
 * fewer than two threads, which it has on a machine with one or two CPUs. There the JDK starts
 * a new thread for every single step: thousands per Construct, most of a small component's time.
 *
 * <p>{@code plan} and {@code verify} run the SDK under its own mocks, whose task loop waits on a
 * common-pool thread for steps queued to the same pool: with one thread there, on Java 21 and
 * newer (measured on Java 25.0.3, 2 CPUs) the seed plan never finished. So {@code Main} sizes the
 * pool for every command, before the first future.
 */
public final class AsyncPool {

    static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";
    /** Enough threads that a step waiting on another (a join inside the SDK) cannot starve the pool. */
    static final int MIN_PARALLELISM = 4;

    private AsyncPool() {
    }

    /**
     * Sizes the common pool, unless the user did with {@code -D}. Must run before anything uses
     * {@code CompletableFuture} or the common pool: both read the setting once.
     */
    public static void apply() {
        if (System.getProperty(PARALLELISM) == null) {
            System.setProperty(PARALLELISM,
                    Integer.toString(Math.max(MIN_PARALLELISM, Runtime.getRuntime().availableProcessors())));
        }
    }
}
