package dev.hubspoke.verify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.hubspoke.verify.StackExport.COMPONENTS;
import static dev.hubspoke.verify.StackExport.ROUTE;
import static dev.hubspoke.verify.StackExport.SUBNET;
import static dev.hubspoke.verify.StackExport.VPC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DOT drawing, the SVG and PNG pictures, and the {@code diagram} command. */
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
    void theCommandWritesDotSvgAndPngWithNoGraphvizAndPrintsThePictureLast(@TempDir Path dir) throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        int code = DiagramCommand.run(List.of("-", "--out", dir.resolve("pic").toString(), "--name", "hub"),
                Files.newInputStream(Path.of("src/test/resources/verify/" + COMPONENTS + ".export.json")),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        Path pic = dir.resolve("pic");
        assertEquals(List.of(pic.resolve("hub.dot").toString(), pic.resolve("hub.svg").toString(), pic.resolve("hub.png").toString()),
                out.toString(StandardCharsets.UTF_8).lines().toList());
        assertTrue(Files.readString(pic.resolve("hub.dot")).startsWith("digraph network {"));

        StackExport export = StackExport.load(COMPONENTS);
        PictureLayout layout = PictureFiles.of(export.network(), export.verify()).layout();
        BufferedImage png = ImageIO.read(pic.resolve("hub.png").toFile());
        assertEquals(Math.ceil(layout.width() * PictureFiles.PNG_SCALE), png.getWidth());
        assertEquals(Math.ceil(layout.height() * PictureFiles.PNG_SCALE), png.getHeight());
        assertTrue(redPixels(png) > 1000, "the egress flows are drawn in red on the PNG");

        Document svg = parseSvg(pic.resolve("hub.svg"));
        String text = texts(svg);
        for (String label : List.of("spoke VPC spoke1-vpc", "spoke VPC spoke2-vpc", "inspection VPC inspection-vpc",
                "Transit Gateway", "us-east-1a", "us-east-1b", "workload", "firewall", "internet gateway")) {
            assertTrue(text.contains(label), label + " in " + text);
        }
        assertEquals(4 + 2 + 2 * 3, egressElements(svg).size(), "one path per hop of the egress flows");
        for (Element edge : egressElements(svg)) {
            assertTrue(edge.getAttribute("style").contains("stroke:rgb(214,39,40)"), edge.getAttribute("style"));
            assertEquals(1, edge.getElementsByTagName("path").getLength(), "the hop's curve");
        }
    }

    @Test
    void azsSitSideBySideAndTiersInRowsInTheOrderEgressCrossesThem() {
        StackExport export = StackExport.load(COMPONENTS);
        PictureLayout layout = PictureFiles.of(export.network(), export.verify()).layout();

        for (String vpc : List.of("spoke1", "spoke2", "inspection")) {
            Rectangle2D vpcBox = box(layout, export.id(VPC, vpc + "-vpc"));
            List<String> tiers = vpc.equals("inspection") ? List.of("tgw", "firewall", "public") : List.of("workload", "tgw");
            double above = vpcBox.getY();
            for (String tier : tiers) {
                Rectangle2D a = box(layout, export.id(SUBNET, vpc + "-" + tier + "-0"));
                Rectangle2D b = box(layout, export.id(SUBNET, vpc + "-" + tier + "-1"));
                assertTrue(vpcBox.contains(a) && vpcBox.contains(b), vpc + " " + tier + " inside its VPC");
                assertEquals(a.getY(), b.getY(), vpc + " " + tier + ": one row");
                assertTrue(a.getMaxX() < b.getX(), vpc + " " + tier + ": us-east-1a left of us-east-1b");
                assertTrue(a.getY() > above, vpc + " " + tier + " below the tier before it");
                above = a.getMaxY();
            }
            assertEquals(box(layout, export.id(SUBNET, vpc + "-tgw-0")).getX(), box(layout, export.id(SUBNET, vpc + "-" + tiers.get(0) + "-0")).getX(),
                    "one column per AZ");
        }
        Rectangle2D hub = box(layout, export.id(StackExport.TGW, "hub-tgw"));
        assertTrue(box(layout, export.id(VPC, "spoke1-vpc")).getMaxX() < hub.getX(), "spokes left of the hub");
        assertTrue(hub.getMaxX() < box(layout, export.id(VPC, "inspection-vpc")).getX(), "inspection VPC right of the hub");
        assertTrue(box(layout, export.id(VPC, "spoke1-vpc")).getMaxY() < box(layout, export.id(VPC, "spoke2-vpc")).getY(), "spokes stacked");
        assertTrue(box(layout, export.id(StackExport.TGW_ROUTE_TABLE, "hub-spoke-rt")).intersects(hub), "route tables in the hub");
        assertTrue(box(layout, export.id(StackExport.NAT, "inspection-nat-0"))
                .intersects(box(layout, export.id(SUBNET, "inspection-public-0"))), "a NAT gateway sits in its subnet");
    }

    @Test
    void theTracedFlowsRunFromEveryWorkloadSubnetToTheInternetGatewayAndAFailingOneIsMarked() {
        StackExport healthy = StackExport.load(COMPONENTS);
        List<PictureLayout.FlowEdge> flows = PictureFiles.of(healthy.network(), healthy.verify()).layout().flows();
        String igw = healthy.id(StackExport.IGW, "inspection-igw");
        String spokeRt = healthy.id(StackExport.TGW_ROUTE_TABLE, "hub-spoke-rt");

        assertEquals(4 + 2 + 2 * 3, flows.size());
        assertTrue(flows.stream().allMatch(PictureLayout.FlowEdge::passed));
        assertEquals(2, flows.stream().filter(f -> f.toId().equals(igw)).count(), "both NAT gateways reach the internet gateway");
        for (String workload : List.of("spoke1-workload-0", "spoke1-workload-1", "spoke2-workload-0", "spoke2-workload-1")) {
            String id = healthy.id(SUBNET, workload);
            assertTrue(flows.stream().anyMatch(f -> f.fromId().equals(id) && f.toId().equals(spokeRt)), workload);
        }

        StackExport broken = StackExport.load(COMPONENTS);
        String endpointB = broken.outputs(ROUTE, "inspection-tgw-default-1").path("vpcEndpointId").asText();
        broken.outputs(ROUTE, "inspection-tgw-default-0").put("vpcEndpointId", endpointB);
        PictureFiles pictures = PictureFiles.of(broken.network(), broken.verify());
        List<PictureLayout.FlowEdge> faulty = pictures.layout().flows().stream().filter(PictureLayout.FlowEdge::faulty).toList();

        assertEquals(1, faulty.size(), pictures.layout().flows().toString());
        assertEquals(broken.id(SUBNET, "inspection-tgw-0"), faulty.get(0).fromId());
        assertEquals(endpointB, faulty.get(0).toId());
        assertFalse(faulty.get(0).passed());
        assertTrue(pictures.layout().title().startsWith("hub-and-spoke network: 4 of 8 egress flows pass verify"));
        assertTrue(texts(parse(pictures.svg())).contains("faulty hop"));
    }

    private static Rectangle2D box(PictureLayout layout, String id) {
        return layout.block(id).orElseThrow(() -> new AssertionError("no block " + id)).box();
    }

    private static long redPixels(BufferedImage image) {
        long red = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == (PicturePainter.PASS.getRGB() & 0xffffff)) {
                    red++;
                }
            }
        }
        return red;
    }

    private static Document parseSvg(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    private static Document parse(String svg) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // The SVG 1.0 DOCTYPE names a DTD on the web; there is no network here.
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError("the SVG is not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static String texts(Document svg) {
        NodeList texts = svg.getElementsByTagName("text");
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < texts.getLength(); i++) {
            all.append(texts.item(i).getTextContent()).append('\n');
        }
        return all.toString();
    }

    /** JFreeSVG puts an element's id on a group around it, with the stroke. */
    private static List<Element> egressElements(Document svg) {
        NodeList paths = svg.getElementsByTagName("g");
        List<Element> egress = new java.util.ArrayList<>();
        for (int i = 0; i < paths.getLength(); i++) {
            Element path = (Element) paths.item(i);
            if (path.getAttribute("id").startsWith("egress-")) {
                egress.add(path);
            }
        }
        return egress;
    }
}
