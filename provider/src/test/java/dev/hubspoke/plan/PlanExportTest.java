package dev.hubspoke.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubspoke.verify.VerifyCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hubspoke.plan.PlanCommandTest.Run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code plan --export}: the blueprint as a stack export that verify reads before any cloud call. */
class PlanExportTest {

    private static final Path SEED = Path.of("..", "examples", "seed.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Run plan(String... args) {
        return PlanCommandTest.plan(args);
    }

    private static Run verify(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = VerifyCommand.run(List.of(args), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theSeedBlueprintIsExportedAndPassesEveryVerifyCheck(@TempDir Path dir) {
        Path export = dir.resolve("net.json");

        Run planned = plan(SEED.toString(), "--export", export.toString());
        Run verified = verify(export.toString());

        assertEquals(0, planned.exitCode(), planned.err());
        assertTrue(planned.err().contains("wrote " + export + " (111 resources"), planned.err());
        assertEquals(VerifyCommand.EXIT_PASS, verified.exitCode(), verified.out());
        assertTrue(verified.out().contains("PASS symmetry") && verified.out().endsWith("PASS: all 8 checks passed\n"), verified.out());
    }

    @Test
    void aSharedBlueprintWithAnExternalSpokePlansTheShareAndTheAttachmentAndItsExportVerifies(@TempDir Path dir)
            throws IOException {
        Path config = dir.resolve("platform.yaml");
        Files.writeString(config, String.join("\n",
                "shareWith: ['111122223333', 'arn:aws:organizations::444455556666:ou/o-a1b2c3d4e5/ou-ab12-cdef5678']",
                "spokes:",
                "  - {name: app, cidrBlock: 10.0.0.0/16}",
                "  - {name: team, cidrBlock: 10.1.0.0/16, external: true, attachmentId: tgw-attach-0team}",
                ""));
        Path export = dir.resolve("platform.json");

        Run planned = plan(config.toString(), "--export", export.toString());
        Run verified = verify(export.toString());

        assertEquals(0, planned.exitCode(), planned.err());
        // The external spoke's block is in the plan, though nothing is built for it.
        assertTrue(planned.out().contains("team         10.1.0.0/16      workload  AZ 0"), planned.out());
        for (String counted : List.of("1  aws:ram/resourceShare:ResourceShare", "1  aws:ram/resourceAssociation:ResourceAssociation",
                "2  aws:ram/principalAssociation:PrincipalAssociation",
                "1  aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter",
                "1  hubspoke:index:SpokeAttachment")) {
            assertTrue(planned.out().contains(counted), counted + "\n" + planned.out());
        }
        JsonNode resources = JSON.readTree(export.toFile()).path("deployment").path("resources");
        boolean teamVpc = false;
        for (JsonNode resource : resources) {
            teamVpc |= resource.path("urn").asText().endsWith("::hubspoke-team-vpc");
            if (resource.path("type").asText().equals("aws:ec2/subnet:Subnet")) {
                assertTrue(resource.path("outputs").path("availabilityZoneId").asText().matches("use1-az\\d"),
                        resource.toString());
            }
        }
        assertFalse(teamVpc, "an external spoke is built in its own stack");
        assertEquals(VerifyCommand.EXIT_PASS, verified.exitCode(), verified.out());
    }

    @Test
    void everyResourceHasItsStandInIdAParentInTheExportAndDependenciesOnTheResourcesItsInputsName(@TempDir Path dir)
            throws IOException {
        Path export = dir.resolve("net.json");
        assertEquals(0, plan(SEED.toString(), "--export", export.toString()).exitCode());
        JsonNode resources = JSON.readTree(export.toFile()).path("deployment").path("resources");

        assertEquals(1 + 111, resources.size(), "the stack resource and the tree");
        assertEquals("pulumi:pulumi:Stack", resources.get(0).path("type").asText());
        Set<String> urns = new HashSet<>();
        Map<String, String> urnById = new HashMap<>();
        for (JsonNode r : resources) {
            assertTrue(urns.add(r.path("urn").asText()), "unique urn " + r.path("urn"));
            if (r.path("custom").asBoolean()) {
                String name = r.path("urn").asText().substring(r.path("urn").asText().lastIndexOf("::") + 2);
                assertEquals(StandInAws.idOf(r.path("type").asText(), name), r.path("id").asText(), name);
                urnById.put(r.path("id").asText(), r.path("urn").asText());
            }
        }
        for (JsonNode r : resources) {
            if (r.has("parent")) {
                assertTrue(urns.contains(r.path("parent").asText()), "parent of " + r.path("urn"));
            }
            r.path("dependencies").forEach(d -> assertTrue(urns.contains(d.asText()), "dependency of " + r.path("urn")));
        }
        JsonNode route = find(resources, "aws:ec2/route:Route", "hubspoke-inspection-firewall-default-1");
        String nat = route.path("outputs").path("natGatewayId").asText();
        String natUrn = urnById.get(nat);
        assertTrue(natUrn.endsWith("$aws:ec2/natGateway:NatGateway::hubspoke-inspection-nat-1"), natUrn);
        assertTrue(route.path("dependencies").toString().contains(natUrn), route.toString());
        assertTrue(route.path("urn").asText().startsWith("urn:pulumi:blueprint::hubspoke-plan::hubspoke:index:HubAndSpoke"
                + "$hubspoke:index:InspectionVpc$aws:ec2/route:Route::"), route.path("urn").asText());
    }

    @Test
    void aBlueprintWithoutAFirewallPassesVerifyInItsNoFirewallMode(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("open.yaml");
        Files.writeString(config, "firewall: false\nnatGateways: single\nazCount: 3\n");
        Path export = dir.resolve("open.json");

        Run planned = plan(config.toString(), "--export", export.toString());
        Run strict = verify(export.toString());
        Run relaxed = verify(export.toString(), "--no-firewall");

        assertEquals(0, planned.exitCode(), planned.err());
        assertTrue(planned.err().contains("verify " + export + " --no-firewall"), planned.err());
        assertEquals(VerifyCommand.EXIT_FAIL, strict.exitCode(), "no firewall endpoint on the way: " + strict.out());
        assertEquals(VerifyCommand.EXIT_PASS, relaxed.exitCode(), relaxed.out());
    }

    @Test
    void withJsonTheStandardOutputStaysOneJsonDocument(@TempDir Path dir) throws IOException {
        Path export = dir.resolve("net.json");

        Run run = plan(SEED.toString(), "--json", "--export", export.toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("hubspoke", JSON.readTree(run.out()).path("name").asText());
        assertTrue(Files.exists(export));
    }

    @Test
    void anUnwritableExportFileIsAnErrorAndAMissingFileNameIsAUsageError(@TempDir Path dir) {
        Run unwritable = plan(SEED.toString(), "--export", dir.resolve("no-such-dir").resolve("net.json").toString());
        Run missing = plan(SEED.toString(), "--export");

        assertEquals(2, unwritable.exitCode());
        assertTrue(unwritable.err().contains("cannot write"), unwritable.err());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().startsWith("error: Missing required parameter for option '--export' (FILE)"), missing.err());
    }

    private static JsonNode find(JsonNode resources, String type, String name) {
        for (JsonNode r : resources) {
            if (r.path("type").asText().equals(type) && r.path("urn").asText().endsWith("::" + name)) {
                return r;
            }
        }
        throw new AssertionError("no " + type + " " + name);
    }
}
