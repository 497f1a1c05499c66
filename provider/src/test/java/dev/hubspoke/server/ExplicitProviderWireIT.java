package dev.hubspoke.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An aws provider passed to a component through Construct's {@code providers} map (another
 * account or region) is the provider of every child and of the zone lookup, over the wire as
 * the engine drives it: the SDK hands the provider over as a reference only, which a lookup
 * that filtered providers by resource type did not recognise.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplicitProviderWireIT {

    private static final String REFERENCE =
            "urn:pulumi:dev::proj::pulumi:providers:aws::team-account::04da6b54-80e4-46f7-96ec-b56ff0331ba9";

    private FakeEngine engine;
    private ProviderProcess provider;

    @BeforeAll
    void startProvider() throws Exception {
        engine = FakeEngine.start(ProviderWireIT.STACK_URN);
        Path launcher = ProviderProcess.stagePlugin(ProviderProcess.workDir());
        provider = ProviderProcess.start(launcher, engine.address(), "--logtostderr", "-v=0");
    }

    @AfterAll
    void stopProvider() throws Exception {
        provider.close();
        engine.close();
    }

    @Test
    void aSpokeOnASharedTransitGatewayIsBuiltAndLooksItsZonesUpWithTheProviderItWasGiven() throws Exception {
        try (var monitor = FakeMonitor.start(FakeMonitor.Mode.UPDATE)) {
            provider.blocking().construct(ProviderWireIT.construct(monitor, "hubspoke:index:SpokeVpc", "team",
                            Map.of("cidrBlock", "10.7.0.0/16", "transitGatewayId", "tgw-0shared", "ssmEndpoints", true))
                    .putProviders("aws", REFERENCE).build());

            var uses = monitor.providerUses();
            assertTrue(uses.stream().anyMatch(u -> u.what().equals("aws:index/getAvailabilityZones:getAvailabilityZones")),
                    "the zones are looked up: " + uses);
            assertTrue(uses.size() > 10, "every child: " + uses);
            uses.forEach(use -> assertEquals(REFERENCE, use.provider(), use.what()));
            assertEquals(List.of(), monitor.registrations().stream()
                    .filter(r -> r.type().startsWith("aws:ec2transitgateway/routeTable")).toList(),
                    "nothing on the Transit Gateway's route tables");
        }
    }
}
