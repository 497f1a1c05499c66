package dev.hubspoke.server;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import pulumirpc.Provider.ConstructResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.hubspoke.server.ProviderWireIT.STACK_URN;
import static dev.hubspoke.server.ProviderWireIT.construct;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Independent Constructs sent at once, as the engine sends the components of a program, each
 * under a monitor that takes its time over every create, as the cloud does. They must build side
 * by side, and nothing of one (registrations, outputs, failures) may reach another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentConstructsWireIT {

    private static final String SPOKE = "hubspoke:index:SpokeVpc";
    /** What a SpokeVpc of two AZs registers below itself. */
    private static final int SPOKE_CHILDREN = 19;

    private FakeEngine engine;
    private ProviderProcess provider;

    @BeforeAll
    void startProvider() throws Exception {
        engine = FakeEngine.start(STACK_URN);
        provider = ProviderProcess.start(ProviderProcess.stagePlugin(ProviderProcess.workDir()), engine.address());
    }

    @AfterAll
    void stopProvider() throws Exception {
        provider.close();
        engine.close();
    }

    @Test
    void eightSpokesSentAtOnceHaveTheirCreatesInFlightTogether() throws Exception {
        try (var monitor = FakeMonitor.start(FakeMonitor.Mode.UPDATE, Duration.ofMillis(150))) {
            var names = spokeNames(8);
            awaitAll(sendSpokes(monitor, names));
            var creates = monitor.creates();
            // From the monitor's own records: while each Construct had a create in flight, another
            // Construct had one too. Constructs that take turns never overlap at all.
            assertAll(names.stream().map(name -> () -> {
                var urn = componentUrn(name);
                var own = creates.stream().filter(c -> c.parent().equals(urn)).toList();
                assertEquals(SPOKE_CHILDREN, own.size(), name + "'s creates");
                assertTrue(own.stream().anyMatch(mine -> creates.stream()
                                .anyMatch(other -> !other.parent().equals(urn) && mine.overlaps(other))),
                        name + " built alone: no create of another Construct overlapped any of its own");
            }));
        }
    }

    @RepeatedTest(20)
    void sixteenSpokesAtOnceEachGetOnlyTheirOwnRegistrationsAndOutputs() throws Exception {
        try (var monitor = FakeMonitor.start(FakeMonitor.Mode.UPDATE)) {
            var names = spokeNames(16);
            var responses = awaitAll(sendSpokes(monitor, names));
            assertEquals(16 * (1 + SPOKE_CHILDREN), monitor.registrations().size(),
                    "16 components and their children, nothing else");
            assertAll(names.stream().map(name -> () -> assertOwnNetwork(monitor, name, responses.get(names.indexOf(name)))));
        }
    }

    @Test
    void aConstructWhoseCreateFailsFailsAloneWithItsOwnMessageAndTheOthersFinish() throws Exception {
        var names = spokeNames(8);
        var failing = names.get(3);
        var refusal = "creating EC2 Transit Gateway VPC Attachment: InvalidSubnetID.NotFound (played by the test)";
        try (var monitor = FakeMonitor.start(FakeMonitor.Mode.UPDATE, Duration.ofMillis(50),
                Map.of(failing + "-tgw-attachment", refusal))) {
            var sent = sendSpokes(monitor, names);
            // A ninth Construct with bad input, sent alongside, fails alone too, registering nothing.
            var bad = provider.async().construct(construct(monitor, SPOKE, "bad", Map.of("cidrBlock", "10.200.0.0/33",
                    "transitGatewayId", "tgw-0123", "spokeRouteTableId", "tgw-rtb-spoke",
                    "inspectionRouteTableId", "tgw-rtb-inspection")).build());

            for (int i = 0; i < names.size(); i++) {
                var name = names.get(i);
                if (name.equals(failing)) {
                    var message = failure(sent.get(i));
                    assertTrue(message.contains(refusal), message);
                    assertTrue(message.contains("'" + failing + "'"), message);
                    names.stream().filter(other -> !other.equals(failing))
                            .forEach(other -> assertFalse(message.contains("'" + other + "'"), message));
                } else {
                    assertOwnNetwork(monitor, name, sent.get(i).get(120, TimeUnit.SECONDS));
                }
            }
            var badMessage = failure(bad);
            assertTrue(badMessage.contains("SpokeVpc 'bad': cidrBlock = 10.200.0.0/33"), badMessage);
            assertTrue(monitor.registrations().stream().noneMatch(r -> r.name().startsWith("bad")),
                    "the bad Construct registered something");
        }
    }

    /** {@code name} registered exactly its own network under itself, and its outputs name it. */
    private static void assertOwnNetwork(FakeMonitor monitor, String name, ConstructResponse response) {
        var urn = componentUrn(name);
        assertEquals(urn, response.getUrn());
        var children = monitor.registrations().stream().filter(r -> r.parent().equals(urn)).toList();
        assertEquals(SPOKE_CHILDREN, children.size(), name + " registered " + children);
        assertAll(children.stream().map(child -> () -> assertTrue(child.name().startsWith(name + "-"),
                name + " registered another Construct's resource " + child.name())));
        assertTrue(monitor.registrations().stream().filter(r -> r.name().startsWith(name + "-"))
                .allMatch(r -> r.parent().equals(urn)), name + "'s resources were registered under another component");
        var state = response.getState().getFieldsMap();
        var vpc = children.stream().filter(r -> r.type().equals("aws:ec2/vpc:Vpc")).findFirst().orElseThrow();
        assertEquals(vpc.id(), Structs.plain(Structs.unwrap(state.get("vpcId"))), name + "'s vpcId");
        var subnets = children.stream().filter(r -> r.type().equals("aws:ec2/subnet:Subnet"))
                .map(FakeMonitor.Registration::id).collect(Collectors.toSet());
        var workloadSubnets = new HashSet<>((List<?>) Structs.plain(Structs.unwrap(state.get("workloadSubnetIds"))));
        assertEquals(2, workloadSubnets.size(), name + "'s workloadSubnetIds");
        assertTrue(subnets.containsAll(workloadSubnets), name + "'s workloadSubnetIds " + workloadSubnets
                + " are not its subnets " + subnets);
        assertEquals(1, monitor.registeredOutputs().stream().filter(o -> o.urn().equals(urn)).count(),
                name + "'s outputs were registered other than once");
    }

    private List<ListenableFuture<ConstructResponse>> sendSpokes(FakeMonitor monitor, List<String> names) {
        var futures = new ArrayList<ListenableFuture<ConstructResponse>>();
        for (int i = 0; i < names.size(); i++) {
            futures.add(provider.async().construct(construct(monitor, SPOKE, names.get(i), Map.of(
                    "cidrBlock", "10." + i + ".0.0/16", "transitGatewayId", "tgw-0123",
                    "spokeRouteTableId", "tgw-rtb-spoke", "inspectionRouteTableId", "tgw-rtb-inspection")).build()));
        }
        return futures;
    }

    private static List<ConstructResponse> awaitAll(List<ListenableFuture<ConstructResponse>> futures) throws Exception {
        var responses = new ArrayList<ConstructResponse>();
        for (var future : futures) {
            responses.add(future.get(120, TimeUnit.SECONDS));
        }
        return responses;
    }

    private static String failure(ListenableFuture<ConstructResponse> future) throws Exception {
        try {
            var unexpected = future.get(120, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got " + unexpected.getUrn());
        } catch (ExecutionException failed) {
            return assertInstanceOf(StatusRuntimeException.class, failed.getCause()).getStatus().getDescription();
        }
    }

    private static List<String> spokeNames(int count) {
        var names = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            names.add("spoke" + i);
        }
        return names;
    }

    private static String componentUrn(String name) {
        return StandInMonitor.urn(STACK_URN, SPOKE, name);
    }
}
