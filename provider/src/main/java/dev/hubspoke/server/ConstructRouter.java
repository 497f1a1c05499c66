package dev.hubspoke.server;

import com.pulumi.core.internal.OutputInternal;
import com.pulumi.deployment.internal.DeploymentInstanceHolder;
import com.pulumi.deployment.internal.DeploymentInstanceInternal;
import com.pulumi.deployment.internal.DeploymentInternal;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Lets any number of Constructs run at once in this process, each seeing its own deployment.
 *
 * <p>The SDK finds "the" deployment through a thread-local, and its futures
 * ({@code ContextAwareCompletableFuture}) put the deployment they were created under into that
 * thread-local before every callback and never restore what was there. With one deployment per
 * Construct in those thread-locals, a future of one Construct completed or chained on a thread
 * switches that thread to its deployment for good: under the real engine a second SpokeVpc failed
 * now and then with "Trying to acquire Deployment#instance after 'run' was called", and could as
 * well have registered resources into another Construct.
 *
 * <p>The same futures also carry OpenTelemetry's {@link Context}, and that one they do restore
 * after each callback. So every thread-local holds one instance, whose deployment forwards each
 * call to the deployment found under {@link #DEPLOYMENT} in the current OpenTelemetry context;
 * {@link #run} puts a Construct's deployment there, and every future and task the SDK makes from
 * then on carries it to its callbacks and takes it away afterwards. Overwriting the thread-local
 * does no harm: it always holds the same instance. ({@code RouterGuardTest} checks the SDK still
 * behaves so.)
 *
 * <p>Still unsafe, and not done here: sharing an Output, a Resource or an SDK future between two
 * Constructs (its callbacks run in the context it was made in), and SDK statics made inside a
 * Construct (see {@link #touchSdkStatics}).
 */
final class ConstructRouter {

    static final ContextKey<DeploymentInternal> DEPLOYMENT = ContextKey.named("hubspoke-construct-deployment");

    private final DeploymentInstanceInternal instance;

    /** Must be made outside any Construct, before the first one: see {@link #touchSdkStatics}. */
    ConstructRouter() {
        touchSdkStatics();
        var forwarder = (DeploymentInternal) Proxy.newProxyInstance(DeploymentInternal.class.getClassLoader(),
                new Class<?>[]{DeploymentInternal.class}, ConstructRouter::forward);
        instance = new DeploymentInstanceInternal(forwarder);
    }

    /** The instance every thread-local holds: it means the deployment of the current Construct. */
    DeploymentInstanceInternal instance() {
        return instance;
    }

    /**
     * Runs {@code work} as part of {@code deployment}: the SDK calls it makes, and the callbacks of
     * the futures it creates, wherever and whenever they run, reach {@code deployment}.
     */
    <T> CompletableFuture<T> run(DeploymentInternal deployment, Supplier<CompletableFuture<T>> work) {
        var found = DeploymentInstanceHolder.getInstanceNoThrow();
        DeploymentInstanceHolder.setInstance(instance);
        try (var scope = Context.current().with(DEPLOYMENT, deployment).makeCurrent()) {
            return work.get();
        } catch (RuntimeException failure) {
            return CompletableFuture.failedFuture(failure);
        } finally {
            // The calling thread goes back to its pool: leave it as it was found.
            DeploymentInstanceHolder.setInstance(found);
        }
    }

    /**
     * Builds the SDK's process-wide values before any Construct runs. {@code OutputInternal.TupleZeroOut}
     * is a static Output: made inside a Construct it would carry that Construct's context into the
     * callbacks of every later Construct that uses it (the SDK uses it for empty tuples and lists).
     * Made with no deployment on the thread, it is a plain future and carries none.
     */
    private static void touchSdkStatics() {
        if (Context.current().get(DEPLOYMENT) != null) {
            throw new IllegalStateException("the SDK's statics must be built outside any Construct");
        }
        // An SDK future completed on this thread may have left its deployment here.
        var left = DeploymentInstanceHolder.getInstanceNoThrow();
        DeploymentInstanceHolder.setInstance(null);
        try {
            OutputInternal.TupleZeroOut.hashCode();
        } finally {
            DeploymentInstanceHolder.setInstance(left);
        }
    }

    private static Object forward(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "ConstructRouter[" + Context.current().get(DEPLOYMENT) + "]";
            };
        }
        var deployment = Context.current().get(DEPLOYMENT);
        if (deployment == null) {
            throw new IllegalStateException("SDK code ran outside any Construct: a callback lost the context "
                    + "of the Construct it belongs to (" + method.getName() + ")");
        }
        try {
            return method.invoke(deployment, args);
        } catch (InvocationTargetException thrown) {
            throw thrown.getCause();
        }
    }
}
