package dev.hubspoke.verify;

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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.hubspoke.verify.StackExport.COMPONENTS;
import static dev.hubspoke.verify.StackExport.ROUTE;
import static dev.hubspoke.verify.StackExport.SUBNET;
import static dev.hubspoke.verify.StackExport.VPC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DOT drawing and the {@code diagram} command. */
class DiagramTest {

    private static String dot(StackExport export) {
        return DotWriter.write(export.network(), export.verify());
    }

    private static long count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        long n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void everyVpcIsAClusterWithOneSubClusterPerAzHoldingItsSubnets() {
        StackExport export = StackExport.load(COMPONENTS);
        String dot = dot(export);

        assertTrue(dot.startsWith("digraph network {\n") && dot.endsWith("}\n"), dot);
        for (String vpc : List.of("spoke1-vpc", "spoke2-vpc", "inspection-vpc")) {
            String id = export.id(VPC, vpc);
            assertTrue(dot.contains("subgraph \"cluster_" + id + "\" {"), vpc);
            assertTrue(dot.contains("subgraph \"cluster_" + id + "_us-east-1a\" {"), vpc);
            assertTrue(dot.contains("subgraph \"cluster_" + id + "_us-east-1b\" {"), vpc);
        }
        assertEquals(1 + 3 + 6, count(dot, "subgraph \"cluster_"), "the hub, 3 VPCs, 2 AZs each");
        // a subnet node sits inside its VPC's AZ cluster
        String az = "subgraph \"cluster_" + export.id(VPC, "spoke1-vpc") + "_us-east-1a\"";
        int from = dot.indexOf(az);
        assertTrue(dot.indexOf("\"" + export.id(SUBNET, "spoke1-workload-0") + "\" [label=", from) > from);
        assertTrue(dot.contains("label=\"spoke VPC spoke1-vpc (" + export.id(VPC, "spoke1-vpc") + ") 10.0.0.0/16\""), dot);
        assertTrue(dot.contains("label=\"inspection VPC inspection-vpc"), dot);
    }

    @Test
    void theHubShowsItsRouteTablesWithRoutesAndTheAttachments() {
        StackExport export = StackExport.load(COMPONENTS);
        String dot = dot(export);

        assertTrue(dot.contains("TGW route table hub-spoke-rt\\n" + export.id(StackExport.TGW_ROUTE_TABLE, "hub-spoke-rt")
                + "\\l0.0.0.0/0 -> inspection-tgw-attachment (static)"), dot);
        assertTrue(dot.contains("\\l10.0.0.0/16 -> spoke1-tgw-attachment (propagated)"), dot);
        assertEquals(3, count(dot, "\\[label=\"associated\"\\]"));
        assertEquals(2, count(dot, "\\[style=dashed, label=\"propagates\"\\]"));
        assertTrue(dot.contains("appliance mode on"), dot);
    }

    @Test
    void theEgressPathIsHighlightedFromEveryWorkloadSubnetToTheInternetGateway() {
        StackExport export = StackExport.load(COMPONENTS);
        String dot = dot(export);
        String red = "class=\"egress\", color=\"" + DotWriter.PASS_COLOUR + "\"";

        // 4 workload subnets -> spoke RT; spoke RT -> 2 inspection tgw subnets; per AZ: subnet -> endpoint -> NAT -> IGW
        assertEquals(4 + 2 + 2 * 3, count(dot, Pattern.quote(red)), dot);
        String igw = export.id(StackExport.IGW, "inspection-igw");
        String nat0 = export.id(StackExport.NAT, "inspection-nat-0");
        assertTrue(dot.contains("\"" + nat0 + "\" -> \"" + igw + "\" [" + red), dot);
        assertFalse(dot.contains(DotWriter.FAIL_COLOUR + "\", penwidth=2.5, style=dashed"), "no failing flow");
    }

    @Test
    void aFailingEgressFlowIsDrawnDashedWithItsFaultyHopLabelled() {
        StackExport export = StackExport.load(COMPONENTS);
        String endpointB = export.outputs(ROUTE, "inspection-tgw-default-1").path("vpcEndpointId").asText();
        export.outputs(ROUTE, "inspection-tgw-default-0").put("vpcEndpointId", endpointB);

        String dot = dot(export);

        String faulty = "\"" + export.id(SUBNET, "inspection-tgw-0") + "\" -> \"" + endpointB + "\" [class=\"egress\", color=\""
                + DotWriter.FAIL_COLOUR + "\", penwidth=2.5, style=dashed, label=\"faulty hop\"";
        assertTrue(dot.contains(faulty), dot);
        assertTrue(dot.contains("4 of 8 egress flows pass verify"), dot); // the 4 the TGW hands to us-east-1a fail
    }

    @Test
    void withoutGraphvizTheCommandWritesTheDotFileAndSaysSo(@TempDir Path dir) throws IOException {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        int code = DiagramCommand.run(List.of("src/test/resources/verify/" + COMPONENTS + ".export.json", "--out",
                dir.resolve("pic").toString()), InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Optional.empty());

        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        Path dot = dir.resolve("pic/network.dot");
        assertEquals(dot + "\n", out.toString(StandardCharsets.UTF_8));
        assertTrue(Files.readString(dot).startsWith("digraph network {"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("wrote DOT only"));
        assertFalse(Files.exists(dir.resolve("pic/network.svg")));
    }

    @Test
    void withGraphvizTheCommandRendersSvgAndPng(@TempDir Path dir) throws IOException {
        Optional<Path> graphviz = DiagramCommand.findDot();
        org.junit.jupiter.api.Assumptions.assumeTrue(graphviz.isPresent(), "Graphviz dot is not installed");
        var out = new ByteArrayOutputStream();

        int code = DiagramCommand.run(List.of("-", "--out", dir.toString(), "--name", "hub"),
                Files.newInputStream(Path.of("src/test/resources/verify/" + COMPONENTS + ".export.json")),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err, graphviz);

        assertEquals(0, code);
        assertEquals(List.of(dir.resolve("hub.dot").toString(), dir.resolve("hub.svg").toString(), dir.resolve("hub.png").toString()),
                out.toString(StandardCharsets.UTF_8).lines().toList());
        String svg = Files.readString(dir.resolve("hub.svg"));
        assertTrue(svg.contains("<svg") && svg.contains("class=\"edge egress\""), "dot kept the egress class");
        byte[] png = Files.readAllBytes(dir.resolve("hub.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
    }
}
