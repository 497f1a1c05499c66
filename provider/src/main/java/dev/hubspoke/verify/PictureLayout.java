package dev.hubspoke.verify;

import dev.hubspoke.verify.CheckResult.Case;
import dev.hubspoke.verify.Hop.Kind;
import dev.hubspoke.verify.Network.FirewallEndpoint;
import dev.hubspoke.verify.Network.InternetGateway;
import dev.hubspoke.verify.Network.NatGateway;
import dev.hubspoke.verify.Network.Subnet;
import dev.hubspoke.verify.Network.TgwAttachment;
import dev.hubspoke.verify.Network.TgwRouteTable;
import dev.hubspoke.verify.Network.TransitGateway;
import dev.hubspoke.verify.Network.Vpc;

import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Where everything goes in the picture of a network, computed from the network itself rather
 * than by a generic graph layout, because the arrangement people expect of an AWS network is
 * fixed: spoke VPCs in a column on the left, the Transit Gateway in the middle, the inspection VPC
 * on the right; inside each VPC one column per availability zone (side by side, in name order)
 * and one row per subnet tier (in the order egress traffic crosses them). Pure geometry: text is
 * measured through {@link Measure}, and {@link PicturePainter} draws the result.
 *
 * @param width  the picture's width
 * @param height its height
 * @param title  the line at the top
 * @param blocks what to draw, containers before their contents
 * @param links  VPC to Transit Gateway attachments, as pairs of block ids
 * @param flows  the traced egress flows, one edge per hop, each drawn once
 */
record PictureLayout(double width, double height, String title, List<Block> blocks, List<Link> links, List<FlowEdge> flows) {

    /** The sizes text is drawn in. */
    enum TextStyle {
        TITLE, HEADING, BODY, SMALL
    }

    /** What a block is; the painter picks its colours and shape by it. */
    enum BlockKind {
        SPOKE_VPC, INSPECTION_VPC, OTHER_VPC, TRANSIT_GATEWAY, TGW_ROUTE_TABLE, AZ_LABEL, TIER_LABEL,
        SUBNET, WORKLOAD_SUBNET, FIREWALL_ENDPOINT, NAT_GATEWAY, INTERNET_GATEWAY
    }

    /** How wide a line of text is in a style. */
    @FunctionalInterface
    interface Measure {
        double width(TextStyle style, String text);
    }

    /** One line of text in a block. */
    record Text(TextStyle style, String text) {
    }

    /** A box with lines of text; {@code id} is the cloud id it stands for (flows end at it), or a made-up one. */
    record Block(String id, BlockKind kind, Rectangle2D box, List<Text> lines) {
    }

    /** A thin connector between two blocks: a VPC's Transit Gateway attachment. */
    record Link(String fromId, String toId) {
    }

    /** One hop of a traced flow, between two blocks. */
    record FlowEdge(String fromId, String toId, boolean passed, boolean faulty, String action) {
    }

    static final double PAD = 14;
    static final double GAP = 48;
    static final double LINE = 16;
    static final double SMALL_LINE = 13;
    static final double BADGE = 22;
    static final double MIN_CELL = 170;
    /** Between AZ columns: wide enough for the flows that run down a column's right side. */
    static final double COLUMN_GAP = 44;

    /** Lays out {@code network} with the egress flows of {@code report}. */
    static PictureLayout of(Network network, Report report, Measure measure) {
        return new Builder(network, report, measure).build();
    }

    /** The block with this id. */
    Optional<Block> block(String id) {
        return blocks.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    private static final class Builder {
        private final Network network;
        private final Topology topology;
        private final Measure measure;
        private final List<Case> egress;
        private final Router router;
        private final List<Block> blocks = new ArrayList<>();

        Builder(Network network, Report report, Measure measure) {
            this.network = network;
            this.topology = report.topology();
            this.measure = measure;
            this.router = new Router(network);
            this.egress = report.checks().stream().filter(c -> c.name().equals(Verifier.EGRESS)).findFirst()
                    .map(CheckResult::cases).orElse(List.of());
        }

        PictureLayout build() {
            long passing = egress.stream().filter(Case::passed).count();
            String title = "hub-and-spoke network: " + passing + " of " + egress.size() + " egress flows pass verify"
                    + "  (red: egress path; dashed orange: a failing flow, up to its faulty hop)";
            double top = PAD + LINE * 2;
            List<Vpc> left = network.vpcs().values().stream().filter(v -> !isInspection(v)).toList();
            List<Vpc> right = network.vpcs().values().stream().filter(this::isInspection).toList();

            double leftWidth = 0;
            double y = top;
            for (Vpc vpc : left) {
                Rectangle2D box = vpc(vpc, PAD, y);
                leftWidth = Math.max(leftWidth, box.getWidth());
                y = box.getMaxY() + GAP / 2;
            }
            double bottom = y;
            double hubX = PAD + leftWidth + GAP * 1.5;
            double hubRight = hubX;
            for (TransitGateway tgw : network.transitGateways().values()) {
                Rectangle2D box = hub(tgw, hubX, top);
                hubRight = Math.max(hubRight, box.getMaxX());
                bottom = Math.max(bottom, box.getMaxY() + GAP / 2);
            }
            double rightX = hubRight + GAP * 1.5;
            double width = hubRight + PAD;
            y = top;
            for (Vpc vpc : right) {
                Rectangle2D box = vpc(vpc, rightX, y);
                width = Math.max(width, box.getMaxX() + PAD);
                y = box.getMaxY() + GAP / 2;
                bottom = Math.max(bottom, y);
            }
            width = Math.max(width, measure.width(TextStyle.TITLE, title) + 2 * PAD);
            return new PictureLayout(width, bottom, title, List.copyOf(blocks), links(), flows());
        }

        private boolean isInspection(Vpc vpc) {
            return topology.inspection().map(Vpc::id).equals(Optional.of(vpc.id()));
        }

        /** A VPC box at (x, y) with its AZ columns and tier rows; returns its bounds. */
        private Rectangle2D vpc(Vpc vpc, double x, double y) {
            List<Subnet> subnets = network.subnets().values().stream().filter(s -> s.vpcId().equals(vpc.id())).toList();
            List<String> zones = List.copyOf(subnets.stream().map(Subnet::availabilityZone).collect(Collectors.toCollection(TreeSet::new)));
            Map<String, List<Subnet>> tiers = SubnetTiers.of(network, egress, vpc, subnets);
            Optional<InternetGateway> igw = network.internetGateways().values().stream()
                    .filter(g -> g.vpcId().equals(Optional.of(vpc.id()))).findFirst();

            String role = isInspection(vpc) ? "inspection VPC" : topology.spokes().contains(vpc) ? "spoke VPC" : "VPC";
            BlockKind kind = isInspection(vpc) ? BlockKind.INSPECTION_VPC
                    : topology.spokes().contains(vpc) ? BlockKind.SPOKE_VPC : BlockKind.OTHER_VPC;
            String attachments = network.attachments().values().stream().filter(a -> a.vpcId().equals(vpc.id()))
                    .map(a -> "   attachment " + a.name() + (a.applianceMode() ? " (appliance mode)" : "")).collect(Collectors.joining());
            List<Text> title = List.of(new Text(TextStyle.HEADING, role + " " + vpc.name()), new Text(TextStyle.SMALL,
                    vpc.cidrs().stream().map(Object::toString).collect(Collectors.joining(", ")) + "   " + vpc.id() + attachments));
            double tierWidth = tiers.keySet().stream().mapToDouble(t -> measure.width(TextStyle.HEADING, t)).max().orElse(0) + PAD;
            double cell = MIN_CELL;
            for (Subnet subnet : subnets) {
                for (Text line : subnetLines(subnet)) {
                    cell = Math.max(cell, measure.width(line.style(), line.text()) + 2 * PAD);
                }
                for (Block badge : badges(subnet, 0, 0)) {
                    cell = Math.max(cell, badge.box().getWidth() + 2 * PAD);
                }
            }
            double width = Math.max(PAD + tierWidth + zones.size() * (cell + COLUMN_GAP),
                    title.stream().mapToDouble(t -> measure.width(t.style(), t.text())).max().orElse(0) + 2 * PAD);
            Block frame = new Block(vpc.id(), kind, new Rectangle2D.Double(x, y, width, 0), title);
            blocks.add(frame);

            double gridX = x + PAD + tierWidth;
            double rowY = y + PAD + LINE + SMALL_LINE + PAD / 2;
            for (int column = 0; column < zones.size(); column++) {
                blocks.add(new Block("az:" + vpc.id() + ":" + zones.get(column), BlockKind.AZ_LABEL,
                        new Rectangle2D.Double(gridX + column * (cell + COLUMN_GAP), rowY, cell, LINE), List.of(new Text(TextStyle.HEADING, zones.get(column)))));
            }
            rowY += LINE + PAD / 2;
            for (Map.Entry<String, List<Subnet>> tier : tiers.entrySet()) {
                double rowHeight = tier.getValue().stream().mapToDouble(this::subnetHeight).max().orElse(0);
                blocks.add(new Block("tier:" + vpc.id() + ":" + tier.getKey(), BlockKind.TIER_LABEL,
                        new Rectangle2D.Double(x + PAD, rowY, tierWidth, rowHeight), List.of(new Text(TextStyle.HEADING, tier.getKey()))));
                for (Subnet subnet : tier.getValue()) {
                    int column = zones.indexOf(subnet.availabilityZone());
                    subnet(subnet, gridX + column * (cell + COLUMN_GAP), rowY, cell, rowHeight);
                }
                rowY += rowHeight + PAD;
            }
            if (igw.isPresent()) {
                String text = "internet gateway " + Network.label(igw.get().name(), igw.get().id());
                double badgeWidth = measure.width(TextStyle.BODY, text) + 2 * PAD;
                blocks.add(new Block(igw.get().id(), BlockKind.INTERNET_GATEWAY,
                        new Rectangle2D.Double(x + (width - badgeWidth) / 2, rowY, badgeWidth, BADGE + 4), List.of(new Text(TextStyle.BODY, text))));
                rowY += BADGE + 4 + PAD;
            }
            Rectangle2D bounds = new Rectangle2D.Double(x, y, width, rowY - y);
            blocks.set(blocks.indexOf(frame), new Block(frame.id(), frame.kind(), bounds, frame.lines()));
            return bounds;
        }

        private List<Text> subnetLines(Subnet subnet) {
            return List.of(new Text(TextStyle.BODY, subnet.name()), new Text(TextStyle.SMALL, subnet.cidr() + "   " + subnet.id()),
                    new Text(TextStyle.SMALL, "route table " + router.routeTableOf(subnet.id())
                            .map(t -> network.names().getOrDefault(t, t)).orElse("(main)")));
        }

        private double subnetHeight(Subnet subnet) {
            return PAD / 2 + LINE + 2 * SMALL_LINE + PAD / 2 + badges(subnet, 0, 0).size() * (BADGE + PAD / 2);
        }

        /** The subnet's NAT gateways and firewall endpoints, stacked down from y, their right sides at {@code right}. */
        private List<Block> badges(Subnet subnet, double right, double y) {
            List<Block> badges = new ArrayList<>();
            for (FirewallEndpoint endpoint : network.firewallEndpoints().values()) {
                if (endpoint.subnetId().equals(subnet.id())) {
                    badges.add(badge(endpoint.id(), BlockKind.FIREWALL_ENDPOINT, "firewall endpoint " + endpoint.id(), right,
                            y + badges.size() * (BADGE + PAD / 2)));
                }
            }
            for (NatGateway nat : network.natGateways().values()) {
                if (nat.subnetId().equals(subnet.id())) {
                    badges.add(badge(nat.id(), BlockKind.NAT_GATEWAY, "NAT gateway " + Network.label(nat.name(), nat.id()), right,
                            y + badges.size() * (BADGE + PAD / 2)));
                }
            }
            return badges;
        }

        private Block badge(String id, BlockKind kind, String text, double right, double y) {
            double width = measure.width(TextStyle.SMALL, text) + PAD;
            return new Block(id, kind, new Rectangle2D.Double(right - width, y, width, BADGE),
                    List.of(new Text(TextStyle.SMALL, text)));
        }

        private void subnet(Subnet subnet, double x, double y, double width, double height) {
            boolean workload = topology.workloadSubnets().values().stream().anyMatch(w -> w.contains(subnet));
            blocks.add(new Block(subnet.id(), workload ? BlockKind.WORKLOAD_SUBNET : BlockKind.SUBNET,
                    new Rectangle2D.Double(x, y, width, height), subnetLines(subnet)));
            blocks.addAll(badges(subnet, x + width - PAD / 2, y + PAD / 2 + LINE + 2 * SMALL_LINE + PAD / 2));
        }

        /** The Transit Gateway at (x, y) with its route tables and their routes; returns its bounds. */
        private Rectangle2D hub(TransitGateway tgw, double x, double y) {
            List<Text> title = List.of(new Text(TextStyle.HEADING, "Transit Gateway " + tgw.name()), new Text(TextStyle.SMALL, tgw.id()));
            List<Block> tables = new ArrayList<>();
            double width = title.stream().mapToDouble(t -> measure.width(t.style(), t.text())).max().orElse(0) + 2 * PAD;
            double rowY = y + PAD + LINE + SMALL_LINE + PAD;
            for (TgwRouteTable table : network.tgwRouteTables().values()) {
                if (!table.transitGatewayId().equals(tgw.id())) {
                    continue;
                }
                List<Text> lines = new ArrayList<>(List.of(new Text(TextStyle.BODY, "route table " + table.name()), new Text(TextStyle.SMALL, table.id())));
                for (Router.TgwEntry route : router.tgwRoutes(table.id())) {
                    lines.add(new Text(TextStyle.SMALL, route.destination() + " -> " + route.attachmentId()
                            .map(a -> network.names().getOrDefault(a, a) + (route.propagated() ? " (propagated)" : " (static)")).orElse("blackhole")));
                }
                double height = PAD + LINE + (lines.size() - 1) * SMALL_LINE;
                double tableWidth = lines.stream().mapToDouble(l -> measure.width(l.style(), l.text())).max().orElse(0) + 2 * PAD;
                width = Math.max(width, tableWidth + 2 * PAD);
                tables.add(new Block(table.id(), BlockKind.TGW_ROUTE_TABLE, new Rectangle2D.Double(x + PAD, rowY, tableWidth, height), lines));
                rowY += height + PAD * 2;
            }
            Rectangle2D bounds = new Rectangle2D.Double(x, y, width, rowY - y);
            blocks.add(new Block(tgw.id(), BlockKind.TRANSIT_GATEWAY, bounds, title));
            for (Block table : tables) {
                Rectangle2D box = table.box();
                blocks.add(new Block(table.id(), table.kind(), new Rectangle2D.Double(box.getX(), box.getY(), width - 2 * PAD, box.getHeight()), table.lines()));
            }
            return bounds;
        }

        private List<Link> links() {
            List<Link> links = new ArrayList<>();
            for (TgwAttachment attachment : network.attachments().values()) {
                links.add(new Link(attachment.vpcId(), attachment.transitGatewayId()));
            }
            return links;
        }

        /** Each egress hop as an edge, once; a failing flow's edge wins over a passing one's. */
        private List<FlowEdge> flows() {
            Map<String, FlowEdge> edges = new LinkedHashMap<>();
            for (Case flow : egress) {
                List<Hop> path = flow.path();
                for (int i = 0; i + 1 < path.size(); i++) {
                    String from = blockOf(path.get(i));
                    String to = blockOf(path.get(i + 1));
                    String key = from + " -> " + to;
                    if (!edges.containsKey(key) || !flow.passed()) {
                        edges.put(key, new FlowEdge(from, to, flow.passed(), flow.faultyHop().equals(Optional.of(i)), path.get(i).action()));
                    }
                }
            }
            return edges.values().stream().filter(e -> known(e.fromId()) && known(e.toId())).toList();
        }

        /** The block a hop is drawn at: a TGW hop at the TGW route table it used. */
        private String blockOf(Hop hop) {
            return hop.kind() == Kind.TRANSIT_GATEWAY ? hop.routeTable().orElse(hop.id()) : hop.id();
        }

        private boolean known(String id) {
            return blocks.stream().anyMatch(b -> b.id().equals(id));
        }
    }
}
