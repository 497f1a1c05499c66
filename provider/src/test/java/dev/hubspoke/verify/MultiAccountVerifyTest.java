package dev.hubspoke.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.hubspoke.verify.StackExport.BLUEPRINT;
import static dev.hubspoke.verify.StackExport.JSON;
import static dev.hubspoke.verify.StackExport.SUBNET;
import static dev.hubspoke.verify.StackExport.TGW_ASSOCIATION;
import static dev.hubspoke.verify.StackExport.failing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * verify over several exports: the blueprint split as a platform team and an application team
 * would run it, spoke2 built in its own stack and account on the shared Transit Gateway, the
 * owner's export holding that spoke's association and propagation. In the spoke's account the
 * same physical zones have other names, so only AZ IDs line them up.
 */
class MultiAccountVerifyTest {

    /** The stand-in region's zones by AZ ID, as the owner's account names them. */
    private static final Map<String, String> OWNER_ZONE_IDS = Map.of("us-east-1a", "use1-az1", "us-east-1b", "use1-az2");
    /** The same physical zones as the spoke's account names them (AWS maps names per account). */
    private static final Map<String, String> SPOKE_ZONE_NAMES = Map.of("use1-az1", "us-east-1c", "use1-az2", "us-east-1a");

    private record Split(ObjectNode owner, ObjectNode spoke) {
    }

    /** The blueprint with AZ IDs on its subnets, spoke2's VPC moved to a second export. */
    private static Split split() {
        StackExport whole = StackExport.load(BLUEPRINT);
        for (ObjectNode subnet : whole.ofType(SUBNET)) {
            ObjectNode outputs = (ObjectNode) subnet.path("outputs");
            outputs.put("availabilityZoneId", OWNER_ZONE_IDS.get(outputs.path("availabilityZone").asText()));
        }
        ObjectNode owner = whole.root().deepCopy();
        ObjectNode spoke = whole.root().deepCopy();
        ArrayNode ownerResources = (ArrayNode) owner.path("deployment").path("resources");
        ArrayNode spokeResources = (ArrayNode) spoke.path("deployment").path("resources");
        ownerResources.removeAll();
        spokeResources.removeAll();
        for (JsonNode resource : whole.resources()) {
            String urn = resource.path("urn").asText();
            boolean spokeSide = urn.contains("::network-spoke2-") && !urn.endsWith("-tgw-association")
                    && !urn.endsWith("-tgw-propagation");
            (spokeSide ? spokeResources : ownerResources).add(resource.deepCopy());
        }
        for (JsonNode resource : spokeResources) {
            if (resource.path("type").asText().equals(SUBNET)) {
                ObjectNode outputs = (ObjectNode) resource.path("outputs");
                outputs.put("availabilityZone", SPOKE_ZONE_NAMES.get(outputs.path("availabilityZoneId").asText()));
            }
        }
        return new Split(owner, spoke);
    }

    private static List<String> results(Report report) {
        return report.checks().stream().map(c -> c.name() + "=" + c.passed() + "/" + c.cases().size()).toList();
    }

    @Test
    void theTwoExportsMakeTheNetworkTheWholeBlueprintMakes() {
        var split = split();
        assertTrue(split.spoke().path("deployment").path("resources").size() > 5, "spoke2 has its own export");

        Report joined = VerifyCommand.verify(StackExportReader.readAll(List.of(split.owner(), split.spoke())), true);
        Report whole = StackExport.load(BLUEPRINT).verify();

        assertTrue(joined.passed(), joined.toText());
        assertEquals(results(whole), results(joined));
    }

    @Test
    void theSpokesZonesAreItsOwnAccountsNamesButTheHubsAzIds() {
        var split = split();
        Network network = StackExportReader.readAll(List.of(split.owner(), split.spoke()));

        assertTrue(network.subnets().values().stream().allMatch(s -> s.availabilityZone().matches("use1-az[12]")),
                "every zone is an AZ ID");
        assertTrue(network.firewallEndpoints().values().stream().allMatch(e -> e.availabilityZone().matches("use1-az[12]")),
                "firewall endpoints are lined up through their subnets");
    }

    @Test
    void withoutTheOwnersAssociationTheSpokeIsCutOff() {
        var split = split();
        String spokeAttachment = split.spoke().path("deployment").path("resources").findParents("type").stream()
                .filter(r -> r.path("type").asText().equals(StackExport.ATTACHMENT))
                .findFirst().orElseThrow().path("id").asText();
        ArrayNode owner = (ArrayNode) split.owner().path("deployment").path("resources");
        for (int i = 0; i < owner.size(); i++) {
            JsonNode r = owner.get(i);
            if (r.path("type").asText().equals(TGW_ASSOCIATION)
                    && r.path("outputs").path("transitGatewayAttachmentId").asText().equals(spokeAttachment)) {
                owner.remove(i);
                break;
            }
        }

        Report report = VerifyCommand.verify(StackExportReader.readAll(List.of(split.owner(), split.spoke())), true);

        assertEquals(java.util.Set.of("egress", "east-west"), failing(report));
        var cut = StackExport.failingCases(report, "egress");
        assertEquals(2, cut.size(), "both of spoke2's AZs");
        cut.forEach(c -> assertTrue(c.subject().contains("network-spoke2-workload")
                && c.detail().contains("associated with no TGW route table"), c.subject() + ": " + c.detail()));
    }

    @Test
    void linedUpByNameTheSpokesZonesWouldBeOthers() {
        var split = split();
        ArrayNode both = JSON.createArrayNode();
        both.addAll((ArrayNode) split.owner().path("deployment").path("resources"));
        both.addAll((ArrayNode) split.spoke().path("deployment").path("resources"));

        Report byName = VerifyCommand.verify(StackExportReader.read(both), true);
        Report byId = VerifyCommand.verify(StackExportReader.readAll(List.of(split.owner(), split.spoke())), true);

        // The reply from the NAT in use1-az1 enters spoke2 in the same physical zone, its tgw-0 subnet;
        // by name ("us-east-1a" is use1-az2 in the spoke's account) it would seem to enter through tgw-1.
        assertEquals("network-spoke2-tgw-0", lastHopInto(byId, "network-inspection-nat-0", "network-spoke2-vpc"));
        assertEquals("network-spoke2-tgw-1", lastHopInto(byName, "network-inspection-nat-0", "network-spoke2-vpc"));
    }

    /** The subnet the return check's packet from {@code nat} to {@code vpc} is delivered by. */
    private static String lastHopInto(Report report, String nat, String vpc) {
        var path = StackExport.check(report, "return").cases().stream()
                .filter(c -> c.subject().startsWith(nat) && c.subject().contains(vpc))
                .findFirst().orElseThrow().path();
        return path.get(path.size() - 1).name();
    }

    @Test
    void theCommandTakesSeveralExportsAndRefusesOnesWithoutAzIds(@TempDir Path dir) throws IOException {
        var split = split();
        Path owner = dir.resolve("platform.json");
        Path spoke = dir.resolve("team.json");
        Files.writeString(owner, JSON.writeValueAsString(split.owner()));
        Files.writeString(spoke, JSON.writeValueAsString(split.spoke()));

        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        assertEquals(VerifyCommand.EXIT_PASS, VerifyCommand.run(List.of(owner.toString(), spoke.toString()),
                InputStream.nullInputStream(), new PrintStream(out), new PrintStream(err)), err.toString());

        ObjectNode old = split.spoke().deepCopy();
        old.path("deployment").path("resources").forEach(r -> ((ObjectNode) r.path("outputs")).remove("availabilityZoneId"));
        Files.writeString(spoke, JSON.writeValueAsString(old));
        err.reset();
        assertEquals(VerifyCommand.EXIT_USAGE, VerifyCommand.run(List.of(owner.toString(), spoke.toString()),
                InputStream.nullInputStream(), new PrintStream(out), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString().contains("has no availabilityZoneId"), err.toString());
        assertTrue(err.toString().contains("network-spoke2-"), err.toString());
    }
}
