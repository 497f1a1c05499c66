package dev.hubspoke.server;

import com.pulumi.deployment.internal.DeploymentInternal;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeploymentSlotTest {

    /** A deployment that answers only getStackName, with its own name. */
    private static DeploymentInternal named(String stack) {
        return (DeploymentInternal) Proxy.newProxyInstance(DeploymentInternal.class.getClassLoader(),
                new Class<?>[]{DeploymentInternal.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getStackName")) {
                        return stack;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theSharedInstanceMeansTheDeploymentWhoseTurnItIs() {
        var slot = new DeploymentSlot();
        var seen = slot.inTurn(() -> slot.lend(named("first"), () ->
                CompletableFuture.completedFuture(slot.instance().getInternal().getStackName())));
        assertEquals("first", seen.join());
        var next = slot.inTurn(() -> slot.lend(named("second"), () ->
                CompletableFuture.completedFuture(slot.instance().getInternal().getStackName())));
        assertEquals("second", next.join());
    }

    @Test
    void aTurnStartsOnlyAfterTheEarlierTurnHasFinished() {
        var slot = new DeploymentSlot();
        var firstDone = new CompletableFuture<String>();
        var secondStarted = new AtomicBoolean();
        var first = slot.inTurn(() -> slot.lend(named("first"), () -> firstDone));
        var second = slot.inTurn(() -> {
            secondStarted.set(true);
            return slot.lend(named("second"), () ->
                    CompletableFuture.completedFuture(slot.instance().getInternal().getStackName()));
        });
        assertFalse(secondStarted.get(), "the second Construct started while the first was still running");
        assertEquals("first", slot.instance().getInternal().getStackName());
        firstDone.complete("done");
        assertEquals("done", first.join());
        assertEquals("second", second.join());
    }

    @Test
    void aFailedTurnDoesNotBlockTheNextOne() {
        var slot = new DeploymentSlot();
        var failed = slot.inTurn(() -> slot.lend(named("broken"), () -> {
            throw new IllegalArgumentException("bad input");
        }));
        assertTrue(failed.isCompletedExceptionally());
        var next = slot.inTurn(() -> slot.lend(named("next"), () ->
                CompletableFuture.completedFuture(slot.instance().getInternal().getStackName())));
        assertEquals("next", next.join());
    }

    @Test
    void aCallbackThatOutlivesItsConstructFailsInsteadOfReachingAnotherDeployment() {
        var slot = new DeploymentSlot();
        slot.inTurn(() -> slot.lend(named("finished"), () -> CompletableFuture.completedFuture("ok"))).join();
        var stray = assertThrows(IllegalStateException.class, () -> slot.instance().getInternal().getStackName());
        assertTrue(stray.getMessage().contains("no Construct is running"), stray.getMessage());
    }
}
