package dev.hubspoke.server;

import com.google.protobuf.Empty;
import com.google.protobuf.Value;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import pulumirpc.Plugin.PluginAttach;
import pulumirpc.Provider.CheckRequest;
import pulumirpc.Provider.ConfigureRequest;
import pulumirpc.Provider.ConstructRequest;
import pulumirpc.Provider.ConstructResponse;
import pulumirpc.Provider.DiffRequest;
import pulumirpc.Provider.DiffResponse;
import pulumirpc.Provider.GetSchemaRequest;
import pulumirpc.Provider.ProviderHandshakeRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The built provider, started by its launcher as the engine starts it and driven over gRPC as
 * the engine drives it, against a resource monitor that records every registration.
 *
 * <p>Component types are covered through {@link #handlerCases()}: one {@link HandlerCase} per
 * type, with a valid input, the child types it registers, its output names and a bad input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderWireIT {

    static final String PROJECT = "proj";
    static final String STACK = "dev";
    static final String STACK_URN = "urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev";

    /**
     * One component type as the wire tests exercise it.
     *
     * @param type           the type token
     * @param validInputs    inputs that construct it
     * @param childTypes     the types of every resource it registers below itself, in any order
     * @param outputNames    the names of its outputs (the Construct state)
     * @param badInputs      inputs it must reject before registering anything
     * @param badInputReason text the rejection's message must contain
     */
    record HandlerCase(String type, Map<String, Object> validInputs, List<String> childTypes,
                       Set<String> outputNames, Map<String, Object> badInputs, String badInputReason) {

        @Override
        public String toString() {
            return type;
        }
    }

    static Stream<HandlerCase> handlerCases() {
        return Stream.of(
                new HandlerCase(NetworkFixture.TYPE,
                        Map.of("cidrBlock", "10.20.0.0/16", "subnetCount", 3),
                        NetworkFixture.childTypes(3),
                        Set.of("vpcId", "subnetIds", "cidrBlock", "availabilityZones", "description"),
                        Map.of("cidrBlock", "10.20.0.0/33"),
                        "cidrBlock = 10.20.0.0/33"),
                new HandlerCase("hubspoke:index:Hub", Map.of(),
                        types(Map.of("aws:ec2transitgateway/transitGateway:TransitGateway", 1,
                                "aws:ec2transitgateway/routeTable:RouteTable", 2)),
                        Set.of("transitGatewayId", "transitGatewayArn", "spokeRouteTableId", "inspectionRouteTableId"),
                        Map.of("amazonSideAsn", 100),
                        "Hub 'bad': amazonSideAsn = 100"),
                new HandlerCase("hubspoke:index:FirewallPolicy", Map.of(),
                        // drop-ssh, icmp, tcp-handshake and domains rule groups, and the policy
                        types(Map.of("aws:networkfirewall/ruleGroup:RuleGroup", 4,
                                "aws:networkfirewall/firewallPolicy:FirewallPolicy", 1)),
                        Set.of("arn", "name", "ruleGroupArns"),
                        Map.of("allowedDomains", List.of("not a domain")),
                        "FirewallPolicy 'bad': allowedDomains[0] = not a domain"),
                new HandlerCase("hubspoke:index:InspectionVpc",
                        Map.of("cidrBlock", "10.129.0.0/24", "transitGatewayId", "tgw-0123",
                                "spokeRouteTableId", "tgw-rtb-spoke", "inspectionRouteTableId", "tgw-rtb-inspection",
                                "firewallPolicyArn", "arn:aws:network-firewall:us-east-1:123456789012:firewall-policy/p"),
                        // 2 AZs x 3 tiers of subnet + route table + association; per AZ: EIP, NAT and the
                        // routes public 0/0 + supernet, firewall 0/0 + supernet, tgw 0/0
                        types(Map.ofEntries(Map.entry("aws:ec2/vpc:Vpc", 1),
                                Map.entry("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", 1),
                                Map.entry("aws:ec2/internetGateway:InternetGateway", 1),
                                Map.entry("aws:ec2/subnet:Subnet", 6), Map.entry("aws:ec2/routeTable:RouteTable", 6),
                                Map.entry("aws:ec2/routeTableAssociation:RouteTableAssociation", 6),
                                Map.entry("aws:ec2/route:Route", 10), Map.entry("aws:ec2/eip:Eip", 2),
                                Map.entry("aws:ec2/natGateway:NatGateway", 2),
                                Map.entry("aws:ec2transitgateway/vpcAttachment:VpcAttachment", 1),
                                Map.entry("aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation", 1),
                                Map.entry("aws:ec2transitgateway/route:Route", 1),
                                Map.entry("aws:networkfirewall/firewall:Firewall", 1))),
                        Set.of("vpcId", "availabilityZones", "availabilityZoneIds", "publicSubnetIds", "firewallSubnetIds", "tgwSubnetIds",
                                "publicRouteTableIds", "firewallRouteTableIds", "tgwRouteTableIds", "internetGatewayId",
                                "natGatewayIds", "natPublicIps", "transitGatewayAttachmentId", "firewallArn"),
                        Map.of("cidrBlock", "10.129.0.0/25", "transitGatewayId", "tgw-0123",
                                "spokeRouteTableId", "tgw-rtb-spoke", "inspectionRouteTableId", "tgw-rtb-inspection"),
                        "InspectionVpc 'bad': cidrBlock = 10.129.0.0/25"),
                new HandlerCase("hubspoke:index:SpokeVpc",
                        Map.of("cidrBlock", "10.0.0.0/16", "transitGatewayId", "tgw-0123",
                                "spokeRouteTableId", "tgw-rtb-spoke", "inspectionRouteTableId", "tgw-rtb-inspection"),
                        types(Map.of("aws:ec2/vpc:Vpc", 1, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", 1,
                                "aws:ec2/subnet:Subnet", 4,
                                "aws:ec2/routeTable:RouteTable", 4,
                                "aws:ec2/routeTableAssociation:RouteTableAssociation", 4, "aws:ec2/route:Route", 2,
                                "aws:ec2transitgateway/vpcAttachment:VpcAttachment", 1,
                                "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation", 1,
                                "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation", 1)),
                        Set.of("vpcId", "cidrBlock", "availabilityZones", "availabilityZoneIds", "workloadSubnetIds",
                                "tgwSubnetIds", "routeTableIds", "tgwRouteTableIds", "transitGatewayAttachmentId",
                                "ssmEndpointIds"),
                        Map.of("cidrBlock", 10, "transitGatewayId", "tgw-0123",
                                "spokeRouteTableId", "tgw-rtb-spoke", "inspectionRouteTableId", "tgw-rtb-inspection"),
                        "SpokeVpc 'bad': cidrBlock = 10"),
                new HandlerCase("hubspoke:index:SpokeAttachment",
                        Map.of("attachmentId", "tgw-attach-0team", "spokeRouteTableId", "tgw-rtb-spoke",
                                "inspectionRouteTableId", "tgw-rtb-inspection", "acceptAttachment", true),
                        types(Map.of("aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter", 1,
                                "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation", 1,
                                "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation", 1)),
                        Set.of("transitGatewayAttachmentId"),
                        Map.of("spokeRouteTableId", "tgw-rtb-spoke", "inspectionRouteTableId", "tgw-rtb-inspection"),
                        "SpokeAttachment 'bad': attachmentId"),
                new HandlerCase("hubspoke:index:SpokeWorkload",
                        Map.of("vpcId", "vpc-0123", "subnetId", "subnet-0123"),
                        types(Map.of("aws:ec2/instance:Instance", 1, "aws:ec2/securityGroup:SecurityGroup", 1,
                                "aws:iam/role:Role", 1, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", 1,
                                "aws:iam/instanceProfile:InstanceProfile", 1)),
                        Set.of("instanceId", "privateIp", "securityGroupId", "roleArn"),
                        Map.of("vpcId", "vpc-0123"),
                        "SpokeWorkload 'bad': subnetId"),
                new HandlerCase("hubspoke:index:HubAndSpoke", Map.of(),
                        // the seed network: the six other components and everything they build (each
                        // workload spoke with its SSM endpoints and their security group)
                        types(Map.ofEntries(Map.entry("hubspoke:index:Hub", 1),
                                Map.entry("hubspoke:index:FirewallPolicy", 1),
                                Map.entry("hubspoke:index:InspectionVpc", 1), Map.entry("hubspoke:index:SpokeVpc", 2),
                                Map.entry("hubspoke:index:SpokeWorkload", 2),
                                Map.entry("aws:ec2transitgateway/transitGateway:TransitGateway", 1),
                                Map.entry("aws:ec2transitgateway/routeTable:RouteTable", 2),
                                Map.entry("aws:networkfirewall/ruleGroup:RuleGroup", 4),
                                Map.entry("aws:networkfirewall/firewallPolicy:FirewallPolicy", 1),
                                Map.entry("aws:networkfirewall/firewall:Firewall", 1),
                                Map.entry("aws:ec2/vpc:Vpc", 3),
                                Map.entry("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", 3),
                                Map.entry("aws:ec2/vpcEndpoint:VpcEndpoint", 6),
                                Map.entry("aws:ec2/internetGateway:InternetGateway", 1),
                                Map.entry("aws:ec2/subnet:Subnet", 14), Map.entry("aws:ec2/routeTable:RouteTable", 14),
                                Map.entry("aws:ec2/routeTableAssociation:RouteTableAssociation", 14),
                                Map.entry("aws:ec2/route:Route", 14), Map.entry("aws:ec2/eip:Eip", 2),
                                Map.entry("aws:ec2/natGateway:NatGateway", 2),
                                Map.entry("aws:ec2transitgateway/vpcAttachment:VpcAttachment", 3),
                                Map.entry("aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation", 3),
                                Map.entry("aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation", 2),
                                Map.entry("aws:ec2transitgateway/route:Route", 1),
                                Map.entry("aws:ec2/instance:Instance", 2), Map.entry("aws:ec2/securityGroup:SecurityGroup", 4),
                                Map.entry("aws:iam/role:Role", 2), Map.entry("aws:iam/rolePolicyAttachment:RolePolicyAttachment", 2),
                                Map.entry("aws:iam/instanceProfile:InstanceProfile", 2))),
                        Set.of("transitGatewayId", "spokeRouteTableId", "inspectionRouteTableId", "inspectionVpcId",
                                "natPublicIps", "spokeVpcIds", "spokeWorkloadSubnetIds", "spokeAttachmentIds",
                                "workloadInstanceIds", "workloadPrivateIps", "firewallArn", "firewallPolicyArn", "addressBook"),
                        Map.of("spokes", List.of(Map.of("name", "a", "cidrBlock", "10.0.0.0/16"),
                                Map.of("name", "b", "cidrBlock", "10.0.128.0/17"))),
                        "HubAndSpoke 'bad': spokes[1].cidrBlock = 10.0.128.0/17"));
    }

    /** Each type repeated as often as its count says. */
    private static List<String> types(Map<String, Integer> counts) {
        return counts.entrySet().stream()
                .flatMap(e -> java.util.Collections.nCopies(e.getValue(), e.getKey()).stream())
                .toList();
    }

    private FakeEngine engine;
    private Path launcher;
    private ProviderProcess provider;

    @BeforeAll
    void startProvider() throws Exception {
        engine = FakeEngine.start(STACK_URN);
        launcher = ProviderProcess.stagePlugin(ProviderProcess.workDir());
        provider = ProviderProcess.start(launcher, engine.address(), "--logtostderr", "-v=0", "--logflow");
    }

    @AfterAll
    void stopProvider() throws Exception {
        provider.close();
        engine.close();
    }

    static ConstructRequest.Builder construct(FakeMonitor monitor, String type, String name, Map<String, ?> inputs) {
        return ConstructRequest.newBuilder()
                .setProject(PROJECT).setStack(STACK).setOrganization("organization")
                .setMonitorEndpoint(monitor.address())
                .setType(type).setName(name).setParent(STACK_URN)
                .setInputs(Structs.struct(inputs))
                .setAcceptsOutputValues(true);
    }

    static Set<String> dependencies(Value value) {
        var fields = value.getStructValue().getFieldsMap();
        if (!fields.containsKey(Structs.SIG)) {
            return Set.of();
        }
        return Structs.plain(fields.getOrDefault("dependencies", Structs.value(List.of()))) instanceof List<?> urns
                ? urns.stream().map(Object::toString).collect(Collectors.toSet())
                : Set.of();
    }

    /**
     * The engine stops a monitor gracefully when the program ends, and its gRPC server waits up
     * to a second for every client to close its connection; the provider closes its own once the
     * Constructs using that monitor have ended, and opens a new one for the next.
     */
    @Test
    void theConnectionToAMonitorClosesWhenItsConstructsHaveEnded() throws Exception {
        try (var monitor = FakeMonitor.start(FakeMonitor.Mode.PREVIEW)) {
            for (var name : List.of("first", "second")) {
                provider.blocking().construct(construct(monitor, "hubspoke:index:Hub", name, Map.of())
                        .setDryRun(true).build());
                for (int i = 0; i < 100 && monitor.openConnections() > 0; i++) {
                    Thread.sleep(20);
                }
                assertEquals(0, monitor.openConnections(), "still connected after the Construct of " + name);
            }
            assertEquals(8, monitor.registrations().size(), "both Constructs registered (a Hub is 4 resources)");
        }
    }

    @Test
    void getPluginInfoReportsTheBuildVersion() {
        var info = provider.blocking().getPluginInfo(Empty.getDefaultInstance());
        assertEquals(System.getProperty("hubspoke.version"), info.getVersion());
        assertEquals("0.2.0", info.getVersion());
    }

    @Test
    void getSchemaReturnsTheSchemaInTheJarByteForByte() throws Exception {
        byte[] expected;
        try (var jar = new JarFile(ProviderProcess.jar().toFile())) {
            expected = jar.getInputStream(jar.getEntry("dev/hubspoke/schema/schema.json")).readAllBytes();
        }
        var schema = provider.blocking().getSchema(GetSchemaRequest.newBuilder().setVersion(0).build());
        assertEquals(new String(expected, java.nio.charset.StandardCharsets.UTF_8), schema.getSchema());
        assertTrue(java.util.Arrays.equals(expected, schema.getSchemaBytes().toByteArray()));
    }

    @Test
    void configureAcceptsSecretsResourcesOutputsAndPreview() {
        var response = provider.blocking().configure(ConfigureRequest.newBuilder()
                .setAcceptSecrets(true).setAcceptResources(true).build());
        assertAll(
                () -> assertTrue(response.getAcceptSecrets()),
                () -> assertTrue(response.getAcceptResources()),
                () -> assertTrue(response.getAcceptOutputs()),
                () -> assertTrue(response.getSupportsPreview()));
    }

    @Test
    void checkConfigKeepsTheConfigurationAndDiffConfigSeesNoChange() {
        var news = Structs.struct(Map.of("version", "0.2.0", "region", "eu-west-1"));
        var checked = provider.blocking().checkConfig(CheckRequest.newBuilder()
                .setUrn("urn:pulumi:dev::proj::pulumi:providers:hubspoke::default").setNews(news).build());
        assertEquals(news, checked.getInputs());
        assertEquals(0, checked.getFailuresCount());
        var diff = provider.blocking().diffConfig(DiffRequest.newBuilder().setNews(news).setOlds(news).build());
        assertEquals(DiffResponse.DiffChanges.DIFF_NONE, diff.getChanges());
    }

    @Test
    void cancelIsAcknowledged() {
        assertEquals(Empty.getDefaultInstance(), provider.blocking().cancel(Empty.getDefaultInstance()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handlerCases")
    void constructRegistersTheComponentWithItsChildrenBelowItAndReturnsItsUrnAndOutputs(HandlerCase c)
            throws Exception {
        try (var monitor = FakeMonitor.start(FakeMonitor.Mode.UPDATE)) {
            var response = provider.blocking().construct(construct(monitor, c.type(), "main", c.validInputs()).build());

            var expectedUrn = StandInMonitor.urn(STACK_URN, c.type(), "main");
            assertEquals(expectedUrn, response.getUrn());
            var registrations = monitor.registrations();
            var component = monitor.registration(expectedUrn).orElseThrow();
            assertEquals(STACK_URN, component.parent());
            assertFalse(component.custom());

            var urns = registrations.stream().map(FakeMonitor.Registration::urn).collect(Collectors.toSet());
            var below = registrations.stream().filter(r -> !r.urn().equals(expectedUrn)).toList();
            assertAll(below.stream().map(r -> () -> assertTrue(urns.contains(r.parent()),
                    r.urn() + " has parent " + r.parent() + ", which this Construct did not register")));
            assertEquals(c.childTypes().stream().sorted().toList(),
                    below.stream().map(FakeMonitor.Registration::type).sorted().toList());

            var state = response.getState().getFieldsMap();
            assertEquals(c.outputNames(), state.keySet());
            assertEquals(c.outputNames(), response.getStateDependenciesMap().keySet());
            state.forEach((name, value) -> assertTrue(urns.containsAll(dependencies(value)),
                    name + " depends on resources this Construct did not register: " + dependencies(value)));
            assertTrue(monitor.registeredOutputs().stream().anyMatch(o -> o.urn().equals(expectedUrn)),
                    "the component registers its outputs");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handlerCases")
    void badInputIsInvalidArgumentWithItsMessageRegistersNothingAndTheProviderServesTheNextCall(HandlerCase c)
            throws Exception {
        try (var monitor = FakeMonitor.start(FakeMonitor.Mode.UPDATE)) {
            var failure = assertThrows(StatusRuntimeException.class, () ->
                    provider.blocking().construct(construct(monitor, c.type(), "bad", c.badInputs()).build()));
            assertEquals(Status.Code.INVALID_ARGUMENT, failure.getStatus().getCode());
            assertTrue(failure.getStatus().getDescription().contains(c.badInputReason()),
                    failure.getStatus().getDescription());
            assertEquals(List.of(), monitor.registrations());

            var next = provider.blocking().construct(construct(monitor, c.type(), "good", c.validInputs()).build());
            assertEquals(StandInMonitor.urn(STACK_URN, c.type(), "good"), next.getUrn());
        }
    }

    @Test
    void theFixtureRejectsABadCidrNamingThePropertyTheValueAndTheFix() throws Exception {
        try (var monitor = FakeMonitor.start(FakeMonitor.Mode.UPDATE)) {
            var failure = assertThrows(StatusRuntimeException.class, () -> provider.blocking().construct(
                    construct(monitor, NetworkFixture.TYPE, "net", Map.of("cidrBlock", "10.0.0.300/16")).build()));
            assertEquals(Status.Code.INVALID_ARGUMENT, failure.getStatus().getCode());
            assertEquals("TestNetwork 'net': cidrBlock = 10.0.0.300/16: is not an IPv4 CIDR block. "
                    + "Fix: write it as a.b.c.d/n.", failure.getStatus().getDescription());
        }
    }

    @Test
    void aBugInAComponentIsInternalWithItsMessageAndTheProviderServesTheNextCall() throws Exception {
        try (var monitor = FakeMonitor.start(FakeMonitor.Mode.UPDATE)) {
            var failure = assertThrows(StatusRuntimeException.class, () -> provider.blocking().construct(construct(
                    monitor, NetworkFixture.TYPE, "boom", Map.of("cidrBlock", "10.0.0.0/16", "explode", true)).build()));
            assertEquals(Status.Code.INTERNAL, failure.getStatus().getCode());
            assertTrue(failure.getStatus().getDescription().contains("the fixture exploded on purpose"),
                    failure.getStatus().getDescription());

            var next = provider.blocking().construct(
                    construct(monitor, NetworkFixture.TYPE, "fine", Map.of("cidrBlock", "10.0.0.0/16")).build());
            assertEquals(StandInMonitor.urn(STACK_URN, NetworkFixture.TYPE, "fine"), next.getUrn());
        }
    }

    @Test
    void withHubspokeLogFileSetAFailedConstructsStackTraceIsAppendedToThatFile() throws Exception {
        var log = Files.createTempFile(ProviderProcess.workDir(), "provider-", ".log");
        var env = new java.util.HashMap<>(ProviderProcess.environment());
        env.put("HUBSPOKE_LOG_FILE", log.toString());
        try (var ownEngine = FakeEngine.start(STACK_URN);
             var own = ProviderProcess.start(env, launcher, ownEngine.address());
             var monitor = FakeMonitor.start(FakeMonitor.Mode.UPDATE)) {
            assertThrows(StatusRuntimeException.class, () -> own.blocking().construct(construct(
                    monitor, NetworkFixture.TYPE, "boom", Map.of("cidrBlock", "10.0.0.0/16", "explode", true)).build()));
            var written = Files.readString(log);
            assertTrue(written.contains("SEVERE dev.hubspoke.server.Failures: Construct of "), written);
            assertTrue(written.contains("the fixture exploded on purpose"), written);
            assertTrue(written.contains("\tat dev.hubspoke."), "a stack trace: " + written);
        }
    }

    @Test
    void anUnknownTypeIsInvalidArgumentNamingTheTypesTheProviderKnows() throws Exception {
        try (var monitor = FakeMonitor.start(FakeMonitor.Mode.UPDATE)) {
            var failure = assertThrows(StatusRuntimeException.class, () -> provider.blocking().construct(
                    construct(monitor, "hubspoke:index:Nope", "x", Map.of()).build()));
            assertEquals(Status.Code.INVALID_ARGUMENT, failure.getStatus().getCode());
            var message = failure.getStatus().getDescription();
            assertTrue(message.contains("hubspoke:index:Nope"), message);
            assertTrue(handlerCases().allMatch(c -> message.contains(c.type())), message);
            assertEquals(List.of(), monitor.registrations());
        }
    }

    @Test
    void theOutputsCarryTheRegisteredIdsAndTheInvokedZones() throws Exception {
        try (var monitor = FakeMonitor.start(FakeMonitor.Mode.UPDATE)) {
            var response = provider.blocking().construct(construct(monitor, NetworkFixture.TYPE, "net",
                    Map.of("cidrBlock", "10.1.0.0/16", "subnetCount", 2)).build());
            var state = response.getState().getFieldsMap();
            var vpc = monitor.registrations().stream().filter(r -> r.type().equals("aws:ec2/vpc:Vpc")).findFirst()
                    .orElseThrow();
            var subnets = monitor.registrations().stream().filter(r -> r.type().equals("aws:ec2/subnet:Subnet"))
                    .toList();
            assertEquals(vpc.id(), Structs.plain(Structs.unwrap(state.get("vpcId"))));
            assertEquals(Set.of(vpc.urn()), dependencies(state.get("vpcId")));
            assertEquals(Set.of(vpc.urn()), Set.copyOf(response.getStateDependenciesOrThrow("vpcId").getUrnsList()));
            assertEquals(subnets.stream().map(FakeMonitor.Registration::id).collect(Collectors.toSet()),
                    Set.copyOf((List<?>) Structs.plain(Structs.unwrap(state.get("subnetIds")))));
            assertEquals("10.1.0.0/16", Structs.plain(Structs.unwrap(state.get("cidrBlock"))));
            assertEquals(FakeMonitor.ZONES, Structs.plain(Structs.unwrap(state.get("availabilityZones"))));
            assertEquals(List.of("10.1.0.0/24", "10.1.1.0/24"), subnets.stream()
                    .map(s -> Structs.plain(s.inputs().getFieldsOrThrow("cidrBlock"))).sorted().toList());
            assertTrue(monitor.invokes().contains("aws:index/getAvailabilityZones:getAvailabilityZones"));
        }
    }

    @Test
    void aSecretInputStaysSecretInTheConstructState() throws Exception {
        try (var monitor = FakeMonitor.start(FakeMonitor.Mode.UPDATE)) {
            var response = provider.blocking().construct(construct(monitor, NetworkFixture.TYPE, "hush",
                    Map.of("cidrBlock", "10.2.0.0/16", "description", Structs.secret("s3cr3t"))).build());
            var description = response.getState().getFieldsOrThrow("description");
            assertTrue(Structs.isSecret(description), description.toString());
            assertEquals("s3cr3t", Structs.plain(Structs.unwrap(description)));
            assertFalse(Structs.isSecret(response.getState().getFieldsOrThrow("cidrBlock")));
        }
    }

    @Test
    void secretIdsAndTagsGivenToASpokeReachEveryChildAsSecrets() throws Exception {
        try (var monitor = FakeMonitor.start(FakeMonitor.Mode.UPDATE)) {
            provider.blocking().construct(construct(monitor, "hubspoke:index:SpokeVpc", "quiet", Map.of(
                    "cidrBlock", "10.3.0.0/16", "transitGatewayId", Structs.secret("tgw-secret"),
                    "spokeRouteTableId", "tgw-rtb-spoke", "inspectionRouteTableId", "tgw-rtb-inspection",
                    "tags", Map.of("costCentre", Structs.secret("cc-42")))).build());

            var routes = monitor.registrations().stream().filter(r -> r.type().equals("aws:ec2/route:Route")).toList();
            assertEquals(2, routes.size());
            routes.forEach(route -> {
                var target = route.inputs().getFieldsOrThrow("transitGatewayId");
                assertTrue(Structs.isSecret(target), route.name() + ": " + target);
                assertEquals("tgw-secret", Structs.plain(Structs.unwrap(target)));
            });
            var vpc = monitor.registrations().stream().filter(r -> r.type().equals("aws:ec2/vpc:Vpc")).findFirst()
                    .orElseThrow();
            var tags = vpc.inputs().getFieldsOrThrow("tags");
            assertTrue(Structs.isSecret(tags), tags.toString());
            assertEquals("cc-42", ((Map<?, ?>) Structs.plain(Structs.unwrap(tags))).get("costCentre"));
        }
    }

    @Test
    void inPreviewUnknownOutputsStayUnknownAndKeepTheirDependencies() throws Exception {
        try (var monitor = FakeMonitor.start(FakeMonitor.Mode.PREVIEW)) {
            var response = provider.blocking().construct(construct(monitor, NetworkFixture.TYPE, "plan",
                    Map.of("cidrBlock", "10.3.0.0/16")).setDryRun(true).build());
            var vpcUrn = StandInMonitor.urn(response.getUrn(), "aws:ec2/vpc:Vpc", "plan-vpc");
            var vpcId = response.getState().getFieldsOrThrow("vpcId");
            assertEquals(Structs.UNKNOWN, Structs.plain(Structs.unwrap(vpcId)), vpcId.toString());
            assertEquals(Set.of(vpcUrn), dependencies(vpcId));
            assertEquals("10.3.0.0/16", Structs.plain(Structs.unwrap(response.getState().getFieldsOrThrow("cidrBlock"))));
        }
    }

    @Test
    void withoutOutputValuesTheStateIsPlainAndDependenciesGoInStateDependencies() throws Exception {
        try (var monitor = FakeMonitor.start(FakeMonitor.Mode.UPDATE)) {
            var response = provider.blocking().construct(construct(monitor, NetworkFixture.TYPE, "old",
                    Map.of("cidrBlock", "10.4.0.0/16")).setAcceptsOutputValues(false).build());
            var vpcId = response.getState().getFieldsOrThrow("vpcId");
            assertTrue(vpcId.hasStringValue(), vpcId.toString());
            assertTrue(vpcId.getStringValue().startsWith("vpc-"));
            assertEquals(1, response.getStateDependenciesOrThrow("vpcId").getUrnsCount());
        }
    }

    @Test
    void concurrentConstructsEachRegisterUnderTheirOwnComponentAndGetTheirOwnOutputs() throws Exception {
        int calls = 8;
        try (var monitor = FakeMonitor.start(FakeMonitor.Mode.UPDATE, Duration.ofMillis(20))) {
            var futures = new ArrayList<com.google.common.util.concurrent.ListenableFuture<ConstructResponse>>();
            for (int i = 0; i < calls; i++) {
                futures.add(provider.async().construct(construct(monitor, NetworkFixture.TYPE, "net" + i,
                        Map.of("cidrBlock", "10." + (10 + i) + ".0.0/16", "subnetCount", 1 + i % 3)).build()));
            }
            for (int i = 0; i < calls; i++) {
                var response = futures.get(i).get(120, TimeUnit.SECONDS);
                var name = "net" + i;
                var componentUrn = StandInMonitor.urn(STACK_URN, NetworkFixture.TYPE, name);
                assertEquals(componentUrn, response.getUrn());
                var children = monitor.registrations().stream().filter(r -> r.name().startsWith(name + "-")).toList();
                assertEquals(1 + 1 + i % 3, children.size(), name + " registered " + children);
                assertAll(children.stream().map(child -> () -> assertEquals(componentUrn, child.parent(), child.urn())));
                var vpc = children.stream().filter(r -> r.type().equals("aws:ec2/vpc:Vpc")).findFirst().orElseThrow();
                var state = response.getState().getFieldsMap();
                assertEquals("10." + (10 + i) + ".0.0/16", Structs.plain(Structs.unwrap(state.get("cidrBlock"))));
                assertEquals(vpc.id(), Structs.plain(Structs.unwrap(state.get("vpcId"))));
                assertEquals(children.stream().filter(r -> r.type().equals("aws:ec2/subnet:Subnet"))
                                .map(FakeMonitor.Registration::id).collect(Collectors.toSet()),
                        new HashSet<>((List<?>) Structs.plain(Structs.unwrap(state.get("subnetIds")))));
            }
            assertEquals(IntStream.range(0, calls).map(i -> 1 + 1 + 1 + i % 3).sum(), monitor.registrations().size(),
                    "a component, a VPC and its subnets per call, nothing else");
        }
    }

    /**
     * A property holding the outputs of several resources (the policy's rule group references, the
     * firewall's subnet mappings, its two log destinations) makes its resource depend on each of
     * them, every time: the SDK gathers those dependencies from whichever threads complete the
     * outputs, and lost one now and then when they completed together (VpcParts.joined). Repeated,
     * with a monitor that answers at once, so that they do complete together.
     */
    @Test
    void aPropertyHoldingSeveralResourcesOutputsDependsOnEachOfThemEveryTime() throws Exception {
        try (var monitor = FakeMonitor.start(FakeMonitor.Mode.UPDATE)) {
            for (int round = 0; round < 15; round++) {
                provider.blocking().construct(construct(monitor, "hubspoke:index:FirewallPolicy", "policy" + round,
                        Map.of()).build());
                provider.blocking().construct(construct(monitor, "hubspoke:index:InspectionVpc", "insp" + round,
                        Map.of("cidrBlock", "10.129.0.0/24", "transitGatewayId", "tgw-0123",
                                "spokeRouteTableId", "tgw-rtb-spoke", "inspectionRouteTableId", "tgw-rtb-inspection",
                                "firewallPolicyArn", "arn:aws:network-firewall:us-east-1:123456789012:firewall-policy/p",
                                "firewallLogging", true)).build());
            }
            var all = monitor.registrations();
            for (int round = 0; round < 15; round++) {
                assertDependsOnEvery(all, "policy" + round + "-policy", "aws:networkfirewall/ruleGroup:RuleGroup",
                        "policy" + round + "-", 4);
                assertDependsOnEvery(all, "insp" + round + "-firewall", "aws:ec2/subnet:Subnet",
                        "insp" + round + "-firewall-", 2);
                assertDependsOnEvery(all, "insp" + round + "-firewall-logging", "aws:cloudwatch/logGroup:LogGroup",
                        "insp" + round + "-firewall-", 2);
            }
        }
    }

    /** The resource named {@code name} depends on each of the {@code count} resources of {@code type} named {@code prefix}*. */
    private static void assertDependsOnEvery(List<FakeMonitor.Registration> all, String name, String type, String prefix,
                                             int count) {
        var resource = all.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no registration named " + name));
        var sources = all.stream().filter(r -> r.type().equals(type) && r.name().startsWith(prefix))
                .map(FakeMonitor.Registration::urn).collect(Collectors.toSet());
        assertEquals(count, sources.size(), prefix + "* of " + type + ": " + sources);
        assertTrue(resource.dependencies().containsAll(sources),
                name + " depends on " + resource.dependencies() + ", not on every one of " + sources);
    }

    @Test
    void eachFeatureIsAskedOfAMonitorOnceHoweverManyResourcesAndConstructs() throws Exception {
        try (var monitor = FakeMonitor.start(FakeMonitor.Mode.UPDATE)) {
            for (var name : List.of("asked", "remembered")) {
                provider.blocking().construct(construct(monitor, NetworkFixture.TYPE, name,
                        Map.of("cidrBlock", "10.7.0.0/16", "subnetCount", 3)).build());
            }
            var questions = monitor.featureQuestions();
            assertFalse(questions.isEmpty(), "the SDK asks the monitor about features");
            assertEquals(Set.copyOf(questions).size(), questions.size(), "asked more than once: " + questions);
        }
    }

    @Test
    void theSdksDebugMessagesReachTheEngineOnlyWhenTheProviderRunsAtVerbosityFourOrMore() throws Exception {
        for (var verbosity : List.of(0, 4)) {
            try (var ownEngine = FakeEngine.start(STACK_URN);
                 var own = ProviderProcess.start(launcher, ownEngine.address(), "-v=" + verbosity);
                 var monitor = FakeMonitor.start(FakeMonitor.Mode.UPDATE)) {
                own.blocking().construct(construct(monitor, NetworkFixture.TYPE, "logged",
                        Map.of("cidrBlock", "10.6.0.0/16")).build());
                var debug = ownEngine.logs().stream()
                        .filter(log -> log.getSeverity() == pulumirpc.EngineOuterClass.LogSeverity.DEBUG).count();
                if (verbosity == 0) {
                    assertEquals(0, debug, "no debug message at -v=0");
                } else {
                    assertTrue(debug >= monitor.registrations().size(), "at least one debug message per resource at -v=4,"
                            + " got " + debug + " for " + monitor.registrations().size() + " resources");
                }
            }
        }
    }

    @Test
    void aProviderStartedWithoutAnEngineConstructsOnceTheEngineHasAttached() throws Exception {
        try (var debug = ProviderProcess.start(launcher);
             var monitor = FakeMonitor.start(FakeMonitor.Mode.UPDATE)) {
            var request = construct(monitor, NetworkFixture.TYPE, "attached", Map.of("cidrBlock", "10.5.0.0/16")).build();
            var early = assertThrows(StatusRuntimeException.class, () -> debug.blocking().construct(request));
            assertEquals(Status.Code.FAILED_PRECONDITION, early.getStatus().getCode());

            assertEquals(Empty.getDefaultInstance(),
                    debug.blocking().attach(PluginAttach.newBuilder().setAddress(engine.address()).build()));
            assertEquals(StandInMonitor.urn(STACK_URN, NetworkFixture.TYPE, "attached"),
                    debug.blocking().construct(request).getUrn());
        }
    }

    @Test
    void aHandshakeGivesTheEngineAddressAndIsAnsweredWithTheProvidersCapabilities() throws Exception {
        try (var debug = ProviderProcess.start(launcher);
             var monitor = FakeMonitor.start(FakeMonitor.Mode.UPDATE)) {
            var handshake = debug.blocking().handshake(ProviderHandshakeRequest.newBuilder()
                    .setEngineAddress(engine.address()).setRootDirectory("/tmp").setProgramDirectory("/tmp").build());
            assertAll(
                    () -> assertTrue(handshake.getAcceptSecrets()),
                    () -> assertTrue(handshake.getAcceptResources()),
                    () -> assertTrue(handshake.getAcceptOutputs()));
            var request = construct(monitor, NetworkFixture.TYPE, "shook", Map.of("cidrBlock", "10.7.0.0/16")).build();
            assertEquals(StandInMonitor.urn(STACK_URN, NetworkFixture.TYPE, "shook"),
                    debug.blocking().construct(request).getUrn());
        }
    }

    @Test
    void sigtermLetsTheConstructInFlightFinishThenExitsHavingPrintedNothingButThePort() throws Exception {
        try (var own = ProviderProcess.start(launcher, engine.address());
             var monitor = FakeMonitor.start(FakeMonitor.Mode.UPDATE, Duration.ofMillis(300))) {
            var inFlight = own.async().construct(construct(monitor, NetworkFixture.TYPE, "late",
                    Map.of("cidrBlock", "10.6.0.0/16", "subnetCount", 2)).build());
            var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (monitor.registrations().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            own.terminate();

            assertEquals(StandInMonitor.urn(STACK_URN, NetworkFixture.TYPE, "late"),
                    inFlight.get(60, TimeUnit.SECONDS).getUrn());
            assertTrue(own.exitsWithin(Duration.ofSeconds(20)), "the provider is still running after SIGTERM");
            assertEquals(143, own.process().exitValue());
            assertEquals("", own.remainingStdout());
        }
    }

    @Test
    void theProviderExitsWhenTheProcessThatStartedItDies() throws Exception {
        var command = List.of("sh", "-c", "\"$0\" \"$@\" & wait", launcher.toString(), engine.address(), "-v=3");
        try (var viaShell = ProviderProcess.start(ProviderProcess.environment(), command)) {
            var shell = viaShell.process().toHandle();
            var provider = shell.children().findFirst().orElseThrow();
            assertTrue(provider.isAlive());
            // The launcher tells Java who started it, for a parent that dies while Java starts.
            var environment = Files.readString(Path.of("/proc", Long.toString(provider.pid()), "environ"));
            assertTrue(List.of(environment.split("\0")).contains("HUBSPOKE_PARENT_PID=" + shell.pid()), environment);

            shell.destroyForcibly(); // SIGKILL: the shell cannot pass anything on

            assertTrue(gone(provider, Duration.ofSeconds(20)),
                    "the provider outlived the process that started it; its stderr:\n" + viaShell.stderr());
        }
    }

    /** Whether the process has exited (a zombie waiting for its new parent to reap it counts). */
    private static boolean gone(ProcessHandle process, Duration timeout) throws Exception {
        var deadline = System.nanoTime() + timeout.toNanos();
        var stat = Path.of("/proc", Long.toString(process.pid()), "stat");
        while (System.nanoTime() < deadline) {
            if (!Files.exists(stat)) {
                return true;
            }
            try {
                var text = Files.readString(stat);
                if (text.substring(text.lastIndexOf(')') + 2).startsWith("Z")) {
                    return true;
                }
            } catch (IOException vanished) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
