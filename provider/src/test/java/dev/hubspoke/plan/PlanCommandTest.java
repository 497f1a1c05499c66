package dev.hubspoke.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanCommandTest {

    private static final Path SEED = Path.of("..", "examples", "seed.yaml");

    /** What one run of the plan command printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    /** Runs the plan command in-process, as the launcher's {@code plan} does. */
    static Run plan(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = PlanCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void seedNetworkPrintsEverySubnetOfEveryVpcAndTheWholeTree() {
        Run run = plan(SEED.toString());

        assertEquals(0, run.exitCode(), run.err());
        String[] expectedRows = {
                "inspection   10.129.0.0/24    public    AZ 0         10.129.0.0/28",
                "inspection   10.129.0.0/24    firewall  AZ 1         10.129.0.80/28",
                "inspection   10.129.0.0/24    tgw       AZ 1         10.129.0.144/28",
                "spoke1       10.0.0.0/16      workload  AZ 1         10.0.16.0/20",
                "spoke2       10.1.0.0/16      tgw       AZ 0         10.1.64.0/28",
        };
        for (String row : expectedRows) {
            assertTrue(run.out().contains(row), "missing row: " + row + "\n" + run.out());
        }
        assertTrue(run.out().contains("hubspoke  (hubspoke:index:HubAndSpoke)"), run.out());
        assertTrue(run.out().contains("hubspoke-spoke2-workload  (hubspoke:index:SpokeWorkload)"), run.out());
        assertTrue(run.out().contains("2  aws:ec2/natGateway:NatGateway"), run.out());
        assertTrue(run.out().contains("1  aws:networkfirewall/firewall:Firewall"), run.out());
    }

    @Test
    void jsonOutputCountsTheSameResourcesAsTheTree() throws IOException {
        Run run = plan(SEED.toString(), "--json", "--name", "net");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("net", json.get("name").asText());
        assertEquals(6 + 4 + 4, json.get("addressPlan").size());
        int perType = 0;
        for (JsonNode count : json.get("resourcesByType")) {
            perType += count.asInt();
        }
        assertEquals(json.get("resourceCount").asInt(), perType);
        assertEquals(json.get("resourceCount").asInt(), countNodes(json.get("resources")));
        assertEquals("hubspoke:index:HubAndSpoke", json.get("resources").get("type").asText());
    }

    private static int countNodes(JsonNode node) {
        int count = 1;
        for (JsonNode child : node.path("children")) {
            count += countNodes(child);
        }
        return count;
    }

    @Test
    void listedZonesAppearInTheAddressPlan(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("zones.json");
        Files.writeString(config, "{\"availabilityZones\": [\"eu-west-1a\", \"eu-west-1b\", \"eu-west-1c\"],"
                + " \"spokes\": [{\"name\": \"apps\", \"cidrBlock\": \"10.20.0.0/16\"}]}");

        Run run = plan(config.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("apps         10.20.0.0/16     workload  eu-west-1c   10.20.32.0/20"), run.out());
        assertTrue(run.out().contains("3 AZs"), run.out());
    }

    @Test
    void overlappingSpokesPrintTheProviderErrorAndExitTwo(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, String.join("\n",
                "spokes:",
                "  - {name: a, cidrBlock: 10.0.0.0/16}",
                "  - {name: b, cidrBlock: 10.0.128.0/17}",
                ""));

        Run run = plan(config.toString());

        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().contains("HubAndSpoke 'hubspoke': spokes[1].cidrBlock = 10.0.128.0/17"), run.err());
        assertTrue(run.err().contains("Fix:"), run.err());
    }

    @Test
    void aTypeErrorInTheFileIsReportedLikeTheProviderReportsIt(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "inspectionCidrBlock: 42\n");

        Run run = plan(config.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("inspectionCidrBlock"), run.err());
    }

    @Test
    void missingOrExtraArgumentsPrintUsage() {
        List<Run> runs = new ArrayList<>(List.of(plan(), plan("a.yaml", "b.yaml"), plan("--name")));
        for (Run run : runs) {
            assertEquals(2, run.exitCode());
            assertTrue(run.err().contains("usage: pulumi-resource-hubspoke plan"), run.err());
        }
        Run unreadable = plan("does-not-exist.yaml");
        assertEquals(2, unreadable.exitCode());
        assertTrue(unreadable.err().contains("cannot read does-not-exist.yaml"), unreadable.err());
    }
}
