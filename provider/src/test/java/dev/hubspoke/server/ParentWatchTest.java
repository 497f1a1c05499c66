package dev.hubspoke.server;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ParentWatchTest {

    @Test
    void aParentThatIsNoLongerOursIsReportedGoneAtOnce() throws Exception {
        var gone = new CompletableFuture<Void>();
        var notOurParent = ProcessHandle.current().pid(); // whoever the parent is, it is not us

        ParentWatch.start(Optional.of(notOurParent), Duration.ofMillis(20), () -> gone.complete(null));

        gone.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aParentThatIsStillThereIsNotReportedGone() throws Exception {
        var gone = new CompletableFuture<Void>();
        var parent = ProcessHandle.current().parent().map(ProcessHandle::pid);

        ParentWatch.start(parent, Duration.ofMillis(20), () -> gone.complete(null));

        Thread.sleep(500);
        assertFalse(gone.isDone());
    }

    @Test
    void theStartingParentIsTheOneTheLauncherSawElseTheCurrentParent() {
        var current = ProcessHandle.current().parent().map(ProcessHandle::pid);
        assertEquals(Optional.of(4242L), ParentWatch.startingParent(Map.of("HUBSPOKE_PARENT_PID", "4242")));
        assertEquals(current, ParentWatch.startingParent(Map.of()));
        assertEquals(current, ParentWatch.startingParent(Map.of("HUBSPOKE_PARENT_PID", "")));
    }
}
