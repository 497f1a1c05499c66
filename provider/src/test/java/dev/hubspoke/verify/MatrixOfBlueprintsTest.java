package dev.hubspoke.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubspoke.plan.PlanCommand;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every combination of natGateways {perAz, single} x firewall {on, off} x azCount {1..4} x
 * spokes {1, 3} is planned with {@code plan --export} and the export verified with {@code verify}
 * (with {@code --no-firewall} when the firewall is off, as the engine end-to-end suite does).
 * Every combination is accepted: none needs refusing, because the inspection VPC routes a single
 * NAT gateway's traffic so that it stays symmetric (see InspectionVpc). Each must pass every check,
 * and the flows must really have been traced: one egress case per (workload subnet, AZ the TGW may
 * pick), and one symmetry case per internet flow and per east-west flow, none left unjudged.
 */
class MatrixOfBlueprintsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ZONES = List.of("us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d");
    private static final List<String> CHECKS = List.of(Verifier.TOPOLOGY, Verifier.EGRESS, Verifier.RETURN, Verifier.EAST_WEST,
            Verifier.NO_SPOKE_INTERNET, Verifier.NO_OVERLAP, Verifier.APPLIANCE_MODE, Verifier.SYMMETRY);

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (String nat : List.of("perAz", "single")) {
            for (boolean firewall : List.of(true, false)) {
                for (int azCount = 1; azCount <= 4; azCount++) {
                    for (int spokes : List.of(1, 3)) {
                        all.add(Arguments.of(nat, firewall, azCount, spokes));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "natGateways {0}, firewall {1}, azCount {2}, {3} spokes")
    @MethodSource("combinations")
    void everyCombinationIsPlannedAndPassesEveryCheck(String nat, boolean firewall, int azCount, int spokes,
                                                      @TempDir Path dir) throws IOException {
        Path config = dir.resolve("net.json");
        Path export = dir.resolve("export.json");
        Files.writeString(config, JSON.writeValueAsString(config(nat, firewall, azCount, spokes)));

        var planErr = new ByteArrayOutputStream();
        int planned = PlanCommand.run(List.of(config.toString(), "--export", export.toString()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(planErr, true, StandardCharsets.UTF_8));
        assertEquals(0, planned, planErr.toString(StandardCharsets.UTF_8));

        var out = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of(export.toString(), "--json"));
        if (!firewall) {
            args.add("--no-firewall");
        }
        int verified = VerifyCommand.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        JsonNode report = JSON.readTree(out.toString(StandardCharsets.UTF_8));

        assertEquals(VerifyCommand.EXIT_PASS, verified, () -> failures(report));
        List<String> names = new ArrayList<>();
        report.get("checks").forEach(c -> names.add(c.get("name").asText()));
        assertEquals(CHECKS, names);
        int egressFlows = spokes * azCount * azCount;
        int eastWestFlows = spokes * (spokes - 1) * azCount * azCount * azCount;
        assertEquals(egressFlows, check(report, Verifier.EGRESS).get("cases").size());
        JsonNode symmetry = check(report, Verifier.SYMMETRY).get("cases");
        assertEquals(egressFlows + eastWestFlows, symmetry.size(), () -> symmetry.toString());
        symmetry.forEach(c -> assertTrue(!c.get("subject").asText().equals("flows not judged"), c.toString()));
    }

    private static ObjectNode config(String nat, boolean firewall, int azCount, int spokes) {
        ObjectNode config = JSON.createObjectNode();
        config.put("azCount", azCount);
        ArrayNode zones = config.putArray("availabilityZones");
        ZONES.forEach(zones::add);
        config.put("natGateways", nat);
        config.put("firewall", firewall);
        ArrayNode list = config.putArray("spokes");
        for (int i = 0; i < spokes; i++) {
            list.addObject().put("name", "spoke" + (i + 1)).put("cidrBlock", "10." + i + ".0.0/16").put("workload", i == 0);
        }
        return config;
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode c : report.get("checks")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name);
    }

    /** The failing cases, for the assertion message. */
    private static String failures(JsonNode report) {
        StringBuilder text = new StringBuilder();
        for (JsonNode c : report.get("checks")) {
            for (JsonNode k : c.get("cases")) {
                if (!k.get("passed").asBoolean()) {
                    text.append(c.get("name").asText()).append(": ").append(k.get("subject").asText()).append(": ")
                            .append(k.get("detail").asText()).append('\n');
                }
            }
        }
        return text.toString();
    }
}
