package sdkcheck;

import com.google.gson.Gson;
import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import com.hubspoke.hubspoke.FirewallPolicy;
import com.hubspoke.hubspoke.FirewallPolicyArgs;
import com.hubspoke.hubspoke.Hub;
import com.hubspoke.hubspoke.HubAndSpoke;
import com.hubspoke.hubspoke.HubAndSpokeArgs;
import com.hubspoke.hubspoke.HubArgs;
import com.hubspoke.hubspoke.InspectionVpc;
import com.hubspoke.hubspoke.InspectionVpcArgs;
import com.hubspoke.hubspoke.SpokeVpc;
import com.hubspoke.hubspoke.SpokeVpcArgs;
import com.hubspoke.hubspoke.SpokeWorkload;
import com.hubspoke.hubspoke.SpokeWorkloadArgs;
import com.hubspoke.hubspoke.enums.NatGatewayMode;
import com.hubspoke.hubspoke.inputs.SpokeSpecArgs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The seed network (examples/seed.yaml) built twice with the Java SDK: once with HubAndSpoke and
 * once from the building blocks, run under Pulumi mocks by tools/sdk-check.sh. Each registered
 * resource (type, name, inputs) goes as one JSON line to the file named by HUBSPOKE_REGISTRATIONS;
 * every resource's state is its inputs plus the fixed outputs in HUBSPOKE_MOCK_OUTPUTS, so
 * components can be wired together. Nothing here talks to an engine.
 */
public final class Main {
    private static final String SUPERNET = "10.0.0.0/8";
    private static final String INSPECTION = "10.129.0.0/24";
    private static final Map<String, String> SPOKES = new LinkedHashMap<>(Map.of("spoke1", "10.0.0.0/16"));
    private static final Map<String, String> TAGS = Map.of("project", "hubspoke-seed");

    static {
        SPOKES.put("spoke2", "10.1.0.0/16");
    }

    static void seedNetwork(Context ctx) {
        var net = new HubAndSpoke("seed", HubAndSpokeArgs.builder()
                .supernetCidrBlock(SUPERNET)
                .inspectionCidrBlock(INSPECTION)
                .azCount(2)
                .natGateways(NatGatewayMode.PerAz)
                .firewall(true)
                .allowedDomains(".amazon.com")
                .spokes(SPOKES.entrySet().stream()
                        .map(spoke -> SpokeSpecArgs.builder()
                                .name(spoke.getKey()).cidrBlock(spoke.getValue()).workload(true).build())
                        .toList())
                .tags(TAGS)
                .build());
        ctx.export("natPublicIps", net.natPublicIps());
    }

    static void buildingBlocks() {
        var hub = new Hub("hub", HubArgs.builder().amazonSideAsn(64512).tags(TAGS).build());
        var policy = new FirewallPolicy("policy", FirewallPolicyArgs.builder()
                .supernetCidrBlock(SUPERNET).allowedDomains(".amazon.com").tags(TAGS).build());
        new InspectionVpc("inspection", InspectionVpcArgs.builder()
                .cidrBlock(INSPECTION)
                .supernetCidrBlock(SUPERNET)
                .transitGatewayId(hub.transitGatewayId())
                .spokeRouteTableId(hub.spokeRouteTableId())
                .inspectionRouteTableId(hub.inspectionRouteTableId())
                .azCount(2)
                .natGateways(NatGatewayMode.Single)
                .firewallPolicyArn(policy.arn())
                .tags(TAGS)
                .build());
        SpokeVpc first = null;
        for (var spoke : SPOKES.entrySet()) {
            var vpc = new SpokeVpc(spoke.getKey(), SpokeVpcArgs.builder()
                    .cidrBlock(spoke.getValue())
                    .transitGatewayId(hub.transitGatewayId())
                    .spokeRouteTableId(hub.spokeRouteTableId())
                    .inspectionRouteTableId(hub.inspectionRouteTableId())
                    .azCount(2)
                    .tags(TAGS)
                    .build());
            first = first == null ? vpc : first;
        }
        Output<String> subnet = first.workloadSubnetIds().applyValue(ids -> ids.get(0));
        new SpokeWorkload("workload1", SpokeWorkloadArgs.builder()
                .vpcId(first.vpcId()).subnetId(subnet).tags(TAGS).build());
    }

    /** Records every registration and answers with the inputs plus the fixed outputs. */
    record RecordingMocks(Path registrations, Map<String, Object> outputs) implements Mocks {
        private static final Gson GSON = new Gson();

        @Override
        public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
            var line = new LinkedHashMap<String, Object>();
            line.put("type", args.type);
            line.put("name", args.name);
            line.put("inputs", args.inputs);
            synchronized (this) {
                try {
                    Files.writeString(registrations, GSON.toJson(line) + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }
            var state = new HashMap<String, Object>(args.inputs);
            state.putAll(outputs);
            return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "-id"), state));
        }
    }

    @SuppressWarnings("unchecked")
    public static void main(String[] argv) throws IOException {
        var outputs = new Gson().fromJson(
                Files.readString(Path.of(System.getenv("HUBSPOKE_MOCK_OUTPUTS"))), Map.class);
        var mocks = new RecordingMocks(Path.of(System.getenv("HUBSPOKE_REGISTRATIONS")), outputs);
        TestResult result = PulumiTest.withMocks(mocks).runTest(ctx -> {
            seedNetwork(ctx);
            buildingBlocks();
        });
        PulumiTest.cleanup();
        if (result.exitCode() != 0 || !result.errors().isEmpty() || !result.exceptions().isEmpty()) {
            System.err.println("exit code " + result.exitCode() + ", errors " + result.errors());
            result.exceptions().forEach(e -> e.printStackTrace());
            System.exit(1);
        }
    }
}
