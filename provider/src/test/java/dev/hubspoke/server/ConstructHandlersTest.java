package dev.hubspoke.server;

import com.pulumi.provider.internal.properties.PropertyValue;
import com.pulumi.resources.ComponentResourceOptions;
import dev.hubspoke.components.HubspokeComponent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConstructHandlersTest {

    /** Records which types it was asked to construct; constructs nothing. */
    private record Recording(List<String> knownTypes, List<String> calls) implements ConstructHandler {
        @Override
        public HubspokeComponent construct(String type, String name, Map<String, PropertyValue> inputs,
                                           ComponentResourceOptions options) {
            calls.add(type + " " + name);
            return null;
        }
    }

    @Test
    void combinedHandlersKnowEveryTypeAndEachTypeGoesToTheHandlerThatKnowsIt() {
        var hub = new Recording(List.of("hubspoke:index:Hub"), new ArrayList<>());
        var spokes = new Recording(List.of("hubspoke:index:SpokeVpc", "hubspoke:index:SpokeWorkload"), new ArrayList<>());
        var combined = ConstructHandlers.combined(List.of(hub, spokes));

        assertEquals(List.of("hubspoke:index:Hub", "hubspoke:index:SpokeVpc", "hubspoke:index:SpokeWorkload"),
                combined.knownTypes());
        combined.construct("hubspoke:index:SpokeWorkload", "probe", Map.of(), ComponentResourceOptions.Empty);
        combined.construct("hubspoke:index:Hub", "hub", Map.of(), ComponentResourceOptions.Empty);
        assertEquals(List.of("hubspoke:index:Hub hub"), hub.calls());
        assertEquals(List.of("hubspoke:index:SpokeWorkload probe"), spokes.calls());
    }

    @Test
    void twoHandlersClaimingOneTypeAreRejected() {
        var one = new Recording(List.of("hubspoke:index:Hub"), new ArrayList<>());
        var two = new Recording(List.of("hubspoke:index:Hub"), new ArrayList<>());
        var e = assertThrows(IllegalArgumentException.class, () -> ConstructHandlers.combined(List.of(one, two)));
        assertTrue(e.getMessage().contains("hubspoke:index:Hub"), e.getMessage());
    }

    @Test
    void withoutHandlersNoTypeIsKnown() {
        assertEquals(List.of(), ConstructHandlers.combined(List.of()).knownTypes());
    }

    @Test
    void handlersListedInMetaInfServicesAreDiscovered() {
        assertTrue(ConstructHandlers.discovered().knownTypes().contains(NetworkFixture.TYPE));
    }
}
