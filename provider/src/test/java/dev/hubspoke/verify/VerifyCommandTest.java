package dev.hubspoke.verify;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static dev.hubspoke.verify.StackExport.BLUEPRINT;
import static dev.hubspoke.verify.StackExport.COMPONENTS;
import static dev.hubspoke.verify.StackExport.JSON;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code verify} command: arguments, stdin, exit codes, and the JSON layout other tools read. */
class VerifyCommandTest {

    private static final Path FIXTURE = Path.of("src/test/resources/verify/" + COMPONENTS + ".export.json");

    private record Run(int exitCode, String out, String err) {
    }

    private static Run verify(InputStream stdin, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = VerifyCommand.run(List.of(args), stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run verify(String... args) {
        return verify(InputStream.nullInputStream(), args);
    }

    private static Path brokenExport(Path dir) throws IOException {
        StackExport export = StackExport.load(COMPONENTS);
        export.remove(StackExport.ROUTE, "inspection-public-supernet-0");
        Path file = dir.resolve("broken.json");
        Files.writeString(file, export.json());
        return file;
    }

    @Test
    void aHealthyExportExitsZeroAndSaysPassForEveryCheck() {
        Run run = verify(FIXTURE.toString());

        assertEquals(VerifyCommand.EXIT_PASS, run.exitCode(), run.err());
        for (String check : List.of("topology", "egress", "return", "east-west", "no-spoke-internet", "no-overlap", "appliance-mode")) {
            assertTrue(run.out().contains("PASS " + check + ": "), check + "\n" + run.out());
        }
        assertTrue(run.out().endsWith("PASS: all 8 checks passed\n"), run.out());
    }

    @Test
    void aDashReadsTheExportFromStdin() throws IOException {
        Run run = verify(Files.newInputStream(FIXTURE), "-");

        assertEquals(VerifyCommand.EXIT_PASS, run.exitCode(), run.err());
        assertTrue(run.out().contains("PASS egress"), run.out());
    }

    @Test
    void aBrokenExportExitsOneAndMarksTheFaultyHop(@TempDir Path dir) throws IOException {
        Run run = verify(brokenExport(dir).toString());

        assertEquals(VerifyCommand.EXIT_FAIL, run.exitCode(), run.err());
        assertTrue(run.out().contains("FAIL return: "), run.out());
        assertTrue(run.out().contains(">> 1. subnet inspection-public-0"), run.out());
        assertTrue(run.out().contains("<-- faulty hop"), run.out());
        assertTrue(run.out().endsWith("FAIL: 1 of 8 checks failed\n"), run.out());
    }

    @Test
    void unreadableInputAndBadArgumentsExitTwo(@TempDir Path dir) throws IOException {
        Path notAnExport = dir.resolve("config.json");
        Files.writeString(notAnExport, "{\"config\": {}}");

        Run missing = verify(dir.resolve("absent.json").toString());
        Run wrongDocument = verify(notAnExport.toString());
        Run notJson = verify(new ByteArrayInputStream("not json".getBytes(StandardCharsets.UTF_8)), "-");
        Run noFile = verify("--json");
        Run unknownFlag = verify(FIXTURE.toString(), "--frobnicate");

        for (Run run : List.of(missing, wrongDocument, notJson, noFile, unknownFlag)) {
            assertEquals(VerifyCommand.EXIT_USAGE, run.exitCode(), run.out() + run.err());
            assertTrue(run.err().startsWith("error: "), run.err());
            assertEquals("", run.out());
        }
        assertTrue(wrongDocument.err().contains("not a stack export"), wrongDocument.err());
        assertTrue(unknownFlag.err().contains("'--frobnicate'"), unknownFlag.err());
    }

    @Test
    void jsonReportHasTheDocumentedLayout(@TempDir Path dir) throws IOException {
        Run run = verify(brokenExport(dir).toString(), "--json");

        assertEquals(VerifyCommand.EXIT_FAIL, run.exitCode(), run.err());
        JsonNode root = JSON.readTree(run.out());
        assertEquals(Set.of("format", "passed", "topology", "checks"), fields(root));
        assertEquals("hubspoke-verify/v1", root.path("format").asText());
        assertFalse(root.path("passed").asBoolean(true));

        JsonNode topology = root.path("topology");
        assertEquals(Set.of("inspectionVpc", "inspectionAttachmentId", "spokes", "problems"), fields(topology));
        assertEquals(Set.of("id", "name", "cidrs"), fields(topology.path("inspectionVpc")));
        assertEquals("10.129.0.0/24", topology.path("inspectionVpc").path("cidrs").get(0).asText());
        assertEquals(2, topology.path("spokes").size());
        assertEquals(Set.of("id", "name", "cidrs", "workloadSubnets"), fields(topology.path("spokes").get(0)));
        assertEquals(Set.of("id", "name", "cidr", "az"), fields(topology.path("spokes").get(0).path("workloadSubnets").get(0)));

        JsonNode checks = root.path("checks");
        assertEquals(8, checks.size());
        for (JsonNode check : checks) {
            assertEquals(Set.of("name", "passed", "title", "cases"), fields(check));
            boolean allCasesPass = true;
            for (JsonNode c : check.path("cases")) {
                assertEquals(Set.of("subject", "passed", "detail", "faultyHop", "path"), fields(c));
                allCasesPass &= c.path("passed").asBoolean();
                assertEquals(c.path("passed").asBoolean(), c.path("faultyHop").isNull(), c.toString());
                if (!c.path("faultyHop").isNull()) {
                    assertTrue(c.path("faultyHop").asInt() < c.path("path").size(), c.toString());
                }
                for (JsonNode hop : c.path("path")) {
                    assertEquals(Set.of("kind", "id", "name", "vpcId", "az", "routeTableId", "action"), fields(hop));
                    assertTrue(Set.of("subnet", "transit-gateway", "firewall-endpoint", "nat-gateway", "internet-gateway",
                            "route-table", "vpc", "attachment").contains(hop.path("kind").asText()), hop.toString());
                }
            }
            assertEquals(allCasesPass, check.path("passed").asBoolean(), check.path("name").asText());
        }
        JsonNode returnCheck = checks.get(2);
        assertEquals("return", returnCheck.path("name").asText());
        assertFalse(returnCheck.path("passed").asBoolean());
        JsonNode egressPath = checks.get(1).path("cases").get(0).path("path");
        assertEquals(List.of("subnet", "transit-gateway", "subnet", "firewall-endpoint", "nat-gateway", "internet-gateway"),
                JSON.convertValue(egressPath.findValues("kind"), JSON.getTypeFactory()
                        .constructCollectionType(List.class, String.class)));
    }

    @Test
    void theBlueprintExportPassesAsJson() throws Exception {
        Run run = verify("src/test/resources/verify/" + BLUEPRINT + ".export.json", "--json");

        assertEquals(VerifyCommand.EXIT_PASS, run.exitCode(), run.err());
        assertTrue(JSON.readTree(run.out()).path("passed").asBoolean());
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
