package dev.hubspoke.server;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProviderArgsTest {

    @Test
    void theEngineAddressAndFlagsAreReadAsTheEngineWritesThem() {
        var args = ProviderArgs.parse("127.0.0.1:40123", "--logtostderr", "-v=7", "--tracing", "file:/tmp/t", "--logflow");
        assertEquals(new ProviderArgs(Optional.of("127.0.0.1:40123"), 7, Optional.of("file:/tmp/t")), args);
    }

    @Test
    void withoutArgumentsThereIsNoEngineAndVerbosityIsZero() {
        assertEquals(new ProviderArgs(Optional.empty(), 0, Optional.empty()), ProviderArgs.parse());
    }

    @Test
    void flagsItDoesNotKnowAreIgnoredSoANewerEngineCanStartIt() {
        assertEquals(Optional.of("127.0.0.1:1"), ProviderArgs.parse("--future-flag", "127.0.0.1:1").engineAddress());
    }

    @Test
    void aVerbosityThatIsNotANumberIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> ProviderArgs.parse("-v=loud"));
        assertEquals("-v takes a number, not 'loud'", e.getMessage());
    }

    @Test
    void twoEngineAddressesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ProviderArgs.parse("127.0.0.1:1", "127.0.0.1:2"));
    }
}
