package dev.hubspoke.components;

import com.pulumi.core.Output;
import com.pulumi.test.PulumiTest;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** The value of an Output built inside a mock deployment, for tests of small helpers. */
final class MockRunValue {

    private MockRunValue() {
    }

    static <T> T of(Supplier<Output<T>> build) {
        var value = new AtomicReference<T>();
        MockRun.ok(ctx -> value.set(PulumiTest.extractValue(build.get())));
        return value.get();
    }
}
