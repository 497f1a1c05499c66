package dev.hubspoke.server;

import com.pulumi.deployment.internal.DeploymentInstanceInternal;
import com.pulumi.deployment.internal.DeploymentInternal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The one deployment the SDK can see in this process, lent to one Construct at a time.
 *
 * <p>The SDK finds "the" deployment through a thread-local, and its futures put the deployment
 * they were created under back into that thread-local whenever they run a callback, without
 * restoring what was there before. A future of one Construct that is already complete and gets
 * chained by another (the SDK keeps some such futures) therefore switches the calling thread to
 * the first Construct's deployment. Under the real engine, which constructs independent
 * components concurrently, that made a second SpokeVpc fail now and then with "Trying to acquire
 * Deployment#instance after 'run' was called", and it could as well have registered resources
 * into the wrong Construct.
 *
 * <p>So every thread-local in the process holds the same instance, and that instance forwards
 * to the deployment of the Construct whose turn it is; Constructs take turns. A Construct's
 * work is short once its inputs are known, and it never waits on another Construct, so taking
 * turns cannot deadlock; it costs the overlap of concurrent Constructs, a few hundred
 * milliseconds on the seed network.
 */
final class DeploymentSlot {

    private final AtomicReference<DeploymentInternal> current = new AtomicReference<>();
    private final DeploymentInstanceInternal instance;
    private CompletableFuture<Void> lastTurn = CompletableFuture.completedFuture(null);

    DeploymentSlot() {
        var forwarder = (DeploymentInternal) Proxy.newProxyInstance(DeploymentInternal.class.getClassLoader(),
                new Class<?>[]{DeploymentInternal.class}, this::forward);
        instance = new DeploymentInstanceInternal(forwarder);
    }

    /** The instance to put in the SDK's thread-local: it always means the current turn's deployment. */
    DeploymentInstanceInternal instance() {
        return instance;
    }

    /**
     * Starts {@code turn} once every earlier turn has finished, however it finished, and returns
     * its result. The turn lends the slot with {@link #lend} and gives it back by completing.
     */
    synchronized <T> CompletableFuture<T> inTurn(Supplier<CompletableFuture<T>> turn) {
        var result = lastTurn.thenCompose(ignored -> turn.get());
        lastTurn = result.handle((value, failure) -> null);
        return result;
    }

    /**
     * Makes {@code deployment} the one the SDK sees while {@code work} runs and until the future
     * it returns completes; afterwards a stray callback fails instead of reaching a finished
     * Construct.
     */
    <T> CompletableFuture<T> lend(DeploymentInternal deployment, Supplier<CompletableFuture<T>> work) {
        current.set(deployment);
        CompletableFuture<T> done;
        try {
            done = work.get();
        } catch (RuntimeException failure) {
            done = CompletableFuture.failedFuture(failure);
        }
        return done.whenComplete((value, failure) -> current.compareAndSet(deployment, null));
    }

    private Object forward(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "DeploymentSlot[" + current.get() + "]";
            };
        }
        var deployment = current.get();
        if (deployment == null) {
            throw new IllegalStateException("no Construct is running: a callback outlived the Construct that started it");
        }
        try {
            return method.invoke(deployment, args);
        } catch (InvocationTargetException thrown) {
            throw thrown.getCause();
        }
    }
}
