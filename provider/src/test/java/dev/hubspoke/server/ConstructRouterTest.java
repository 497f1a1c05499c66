package dev.hubspoke.server;

import com.pulumi.core.internal.ContextAwareCompletableFuture;
import com.pulumi.deployment.internal.DeploymentInstanceHolder;
import com.pulumi.deployment.internal.DeploymentInstanceInternal;
import com.pulumi.deployment.internal.DeploymentInternal;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The router, and the SDK behaviour it relies on: the SDK's futures carry the OpenTelemetry
 * context to their callbacks and restore the thread's own afterwards, while the deployment
 * thread-local they also set is never restored. Each leak path of the SDK found in its sources
 * is played here on one thread, where the order is certain.
 */
class ConstructRouterTest {

    private final ConstructRouter router = new ConstructRouter();
    private final ExecutorService oneThread = Executors.newSingleThreadExecutor();
    /** As many workers as the provider gives the common pool (server/AsyncPool), and private to the test. */
    private final ExecutorService pool = Executors.newFixedThreadPool(AsyncPool.MIN_PARALLELISM);

    @AfterEach
    void stop() {
        oneThread.shutdownNow();
        pool.shutdownNow();
        // The SDK's futures leave the router's instance in the thread-locals of the threads they
        // ran on, this one included: other tests in this JVM must not find it.
        DeploymentInstanceHolder.setInstance(null);
    }

    /** A deployment that answers only getStackName, with its own name. */
    static DeploymentInternal named(String stack) {
        return (DeploymentInternal) Proxy.newProxyInstance(DeploymentInternal.class.getClassLoader(),
                new Class<?>[]{DeploymentInternal.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getStackName")) {
                        return stack;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The deployment the SDK would see on this thread now, as the SDK finds it. */
    static String seen() {
        return ((DeploymentInstanceInternal) DeploymentInstanceHolder.getInstance()).getInternal().getStackName();
    }

    private <T> T on(java.util.concurrent.Callable<T> task) throws Exception {
        return oneThread.submit(task).get(10, TimeUnit.SECONDS);
    }

    @Test
    void insideRunTheSdkSeesThatConstructsDeployment() {
        assertEquals("a", router.run(named("a"), () -> CompletableFuture.completedFuture(seen())).join());
        assertEquals("b", router.run(named("b"), () -> CompletableFuture.completedFuture(seen())).join());
        assertNull(DeploymentInstanceHolder.getInstanceNoThrow(), "run left the calling thread set");
    }

    /** The guard for an SDK upgrade: if this fails, the design of ConstructRouter no longer holds. */
    @Test
    void theSdksFuturesCarryTheContextKeyIntoCallbacksAndRestoreTheThreadsOwnAfterwards() throws Exception {
        var trigger = new CompletableFuture<String>();
        var inCallback = router.run(named("a"), () -> ContextAwareCompletableFuture.wrap(trigger)
                .thenApply(value -> Context.current().get(ConstructRouter.DEPLOYMENT).getStackName()));
        var after = on(() -> {
            trigger.complete("go");
            return Context.current().get(ConstructRouter.DEPLOYMENT);
        });
        assertEquals("a", inCallback.get(10, TimeUnit.SECONDS));
        assertNull(after, "the SDK's future left its Construct's context on the thread that completed it");
    }

    @Test
    void aThreadThatCompletedOneConstructsFutureServesTheNextConstructAsItself() throws Exception {
        var trigger = new CompletableFuture<String>();
        var first = router.run(named("a"), () -> ContextAwareCompletableFuture.wrap(trigger).thenApply(v -> seen()));
        on(() -> trigger.complete("go"));
        assertEquals("a", first.join());
        // The thread-local on that thread still holds what A's callback put there.
        var second = on(() -> router.run(named("b"),
                () -> ContextAwareCompletableFuture.supplyAsync(ConstructRouterTest::seen, oneThread)));
        assertEquals("b", second.get(10, TimeUnit.SECONDS));
    }

    @Test
    void readingAnotherConstructsFutureWithGetNowLeavesTheReaderItself() throws Exception {
        var fromA = router.run(named("a"), () -> ContextAwareCompletableFuture.completedFuture("a's value"));
        var seenByB = on(() -> router.run(named("b"), () -> {
            var value = fromA.getNow("none");
            return CompletableFuture.completedFuture(value + " read by " + seen());
        }).join());
        assertEquals("a's value read by b", seenByB);
    }

    @Test
    void codeOutsideEveryConstructFailsClearlyInsteadOfReachingOne() throws Exception {
        router.run(named("a"), () -> CompletableFuture.completedFuture("done")).join();
        var stray = assertThrows(IllegalStateException.class, () -> {
            DeploymentInstanceHolder.setInstance(router.instance());
            try {
                seen();
            } finally {
                DeploymentInstanceHolder.setInstance(null);
            }
        });
        assertTrue(stray.getMessage().contains("outside any Construct"), stray.getMessage());
    }

    /**
     * Many Constructs at once on a pool of workers, each chaining steps whose callbacks run wherever another Construct's step completed them:
     * every step sees its own deployment.
     */
    @Test
    void underContentionEveryCallbackSeesItsOwnConstruct() {
        var shared = new CompletableFuture<Void>();
        var runs = new ArrayList<CompletableFuture<List<String>>>();
        for (int c = 0; c < 32; c++) {
            var name = "construct" + c;
            runs.add(router.run(named(name), () -> {
                CompletableFuture<List<String>> steps = ContextAwareCompletableFuture.wrap(shared)
                        .thenApply(go -> new ArrayList<>());
                for (int s = 0; s < 50; s++) {
                    steps = steps.thenCompose(seenSoFar -> ContextAwareCompletableFuture.supplyAsync(() -> {
                        if (ThreadLocalRandom.current().nextInt(4) == 0) {
                            Thread.yield();
                        }
                        seenSoFar.add(seen());
                        return seenSoFar;
                    }, pool));
                }
                return steps;
            }));
        }
        shared.complete(null);
        for (int c = 0; c < runs.size(); c++) {
            var name = "construct" + c;
            var seenBySteps = runs.get(c).join();
            assertEquals(50, seenBySteps.size());
            assertTrue(seenBySteps.stream().allMatch(name::equals), name + " saw " + seenBySteps);
        }
    }
}
