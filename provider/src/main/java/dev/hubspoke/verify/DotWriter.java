package dev.hubspoke.verify;

import dev.hubspoke.verify.CheckResult.Case;
import dev.hubspoke.verify.Hop.Kind;
import dev.hubspoke.verify.Network.FirewallEndpoint;
import dev.hubspoke.verify.Network.InternetGateway;
import dev.hubspoke.verify.Network.NatGateway;
import dev.hubspoke.verify.Network.Route;
import dev.hubspoke.verify.Network.Subnet;
import dev.hubspoke.verify.Network.TargetKind;
import dev.hubspoke.verify.Network.TgwAttachment;
import dev.hubspoke.verify.Network.TgwRouteTable;
import dev.hubspoke.verify.Network.TransitGateway;
import dev.hubspoke.verify.Network.Vpc;
import dev.hubspoke.verify.Router.TgwEntry;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Draws a network as Graphviz DOT: one cluster per Transit Gateway with its route tables (and
 * their routes) and attachments; one cluster per VPC with a sub-cluster per AZ holding its
 * subnets (with their routes), NAT gateways and firewall endpoints; the VPC's internet gateway.
 * The traced egress flows of the {@code egress} check are drawn over it: edges of class
 * {@code egress}, red when the flow passes, dashed orange up to the faulty hop when it fails.
 * Node ids are the cloud ids, so a drawing can be searched for an id.
 */
final class DotWriter {

    static final String PASS_COLOUR = "#d62728";
    static final String FAIL_COLOUR = "#ff7f0e";

    private final Network network;
    private final Router router;
    private final Topology topology;
    private final StringBuilder dot = new StringBuilder();
    private final Set<String> declared = new LinkedHashSet<>();

    private DotWriter(Network network, Topology topology) {
        this.network = network;
        this.router = new Router(network);
        this.topology = topology;
    }

    /** The DOT text of the network, with the egress flows of {@code report} highlighted. */
    static String write(Network network, Report report) {
        return new DotWriter(network, report.topology()).document(report);
    }

    private String document(Report report) {
        Optional<CheckResult> egress = report.checks().stream().filter(c -> c.name().equals(Verifier.EGRESS)).findFirst();
        long passing = egress.map(c -> c.cases().stream().filter(Case::passed).count()).orElse(0L);
        int flows = egress.map(c -> c.cases().size()).orElse(0);
        line("digraph network {");
        line("  graph [rankdir=LR, compound=true, newrank=true, fontname=\"Helvetica\", fontsize=12, labelloc=t, nodesep=0.25, ranksep=0.9,"
                + " label=" + quote("hub-and-spoke network: " + passing + " of " + flows + " egress flows pass verify"
                + " (egress path in red; failing flows dashed orange)") + "];");
        line("  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"Helvetica\", fontsize=10];");
        line("  edge [fontname=\"Helvetica\", fontsize=9, color=gray55];");
        network.transitGateways().values().forEach(this::hub);
        network.vpcs().values().forEach(this::vpc);
        attachmentEdges();
        egress.ifPresent(this::egressEdges);
        line("}");
        return dot.toString();
    }

    private void hub(TransitGateway tgw) {
        line("  subgraph " + quote("cluster_" + tgw.id()) + " {");
        line("    label=" + quote("Transit Gateway " + Network.label(tgw.name(), tgw.id())) + "; style=\"rounded,filled\"; fillcolor=\"#eef3fb\";");
        for (TgwRouteTable table : network.tgwRouteTables().values()) {
            if (table.transitGatewayId().equals(tgw.id())) {
                StringBuilder label = new StringBuilder("TGW route table " + table.name() + "\\n" + table.id());
                for (TgwEntry route : router.tgwRoutes(table.id())) {
                    label.append("\\l").append(route.destination()).append(" -> ").append(route.attachmentId()
                            .map(a -> network.names().getOrDefault(a, a) + (route.propagated() ? " (propagated)" : " (static)"))
                            .orElse("blackhole"));
                }
                node(table.id(), label + "\\l", "shape=box, fillcolor=\"#dbe7fa\"");
            }
        }
        for (TgwAttachment attachment : network.attachments().values()) {
            if (attachment.transitGatewayId().equals(tgw.id())) {
                node(attachment.id(), "attachment " + attachment.name() + "\\n" + attachment.id() + "\\nVPC "
                        + network.names().getOrDefault(attachment.vpcId(), attachment.vpcId())
                        + (attachment.applianceMode() ? "\\nappliance mode on" : ""), "shape=cds, fillcolor=\"#f4f4f4\"");
            }
        }
        line("  }");
    }

    private void vpc(Vpc vpc) {
        String role = topology.inspection().map(Vpc::id).equals(Optional.of(vpc.id())) ? "inspection VPC"
                : topology.spokes().contains(vpc) ? "spoke VPC" : "VPC";
        line("  subgraph " + quote("cluster_" + vpc.id()) + " {");
        line("    label=" + quote(role + " " + Network.label(vpc.name(), vpc.id()) + " "
                + vpc.cidrs().stream().map(Object::toString).collect(Collectors.joining(", ")))
                + "; style=rounded; color=gray40;");
        for (InternetGateway igw : network.internetGateways().values()) {
            if (igw.vpcId().equals(Optional.of(vpc.id()))) {
                node(igw.id(), "internet gateway\\n" + Network.label(igw.name(), igw.id()), "shape=invhouse, fillcolor=\"#e3f4e3\"");
            }
        }
        List<Subnet> subnets = network.subnets().values().stream().filter(s -> s.vpcId().equals(vpc.id())).collect(Collectors.toList());
        for (String az : subnets.stream().map(Subnet::availabilityZone).collect(Collectors.toCollection(TreeSet::new))) {
            line("    subgraph " + quote("cluster_" + vpc.id() + "_" + az) + " {");
            line("      label=" + quote(az) + "; style=\"dashed,rounded\"; color=gray60;");
            for (Subnet subnet : subnets) {
                if (subnet.availabilityZone().equals(az)) {
                    subnet(subnet);
                }
            }
            line("    }");
        }
        line("  }");
    }

    private void subnet(Subnet subnet) {
        StringBuilder label = new StringBuilder("subnet " + subnet.name() + "\\n" + subnet.cidr() + "  " + subnet.id());
        router.routeTableOf(subnet.id()).ifPresent(t -> label.append("\\lroute table ").append(network.names().getOrDefault(t, t)));
        for (Route route : router.routesOf(subnet)) {
            if (route.kind() != TargetKind.LOCAL) {
                label.append("\\l  ").append(route.destination()).append(" -> ")
                        .append(network.names().getOrDefault(route.targetId(), route.targetId()));
            }
        }
        boolean workload = topology.workloadSubnets().values().stream().anyMatch(w -> w.contains(subnet));
        node(subnet.id(), label + "\\l", workload ? "fillcolor=\"#fff8dc\"" : "fillcolor=white");
        for (NatGateway nat : network.natGateways().values()) {
            if (nat.subnetId().equals(subnet.id())) {
                node(nat.id(), "NAT gateway\\n" + Network.label(nat.name(), nat.id()), "shape=hexagon, fillcolor=\"#fde9d0\"");
            }
        }
        for (FirewallEndpoint endpoint : network.firewallEndpoints().values()) {
            if (endpoint.subnetId().equals(subnet.id())) {
                node(endpoint.id(), "firewall endpoint\\n" + endpoint.firewallName() + "\\n" + endpoint.id(),
                        "shape=octagon, fillcolor=\"#fbdada\"");
            }
        }
    }

    /** Attachment to its subnets, its association and its propagations. */
    private void attachmentEdges() {
        for (TgwAttachment attachment : network.attachments().values()) {
            // Spokes to the left of the hub, the inspection VPC to its right (rankdir=LR).
            boolean inspection = topology.inspectionAttachment().map(TgwAttachment::id).equals(Optional.of(attachment.id()));
            for (String subnet : attachment.subnetIds()) {
                if (declared.contains(subnet)) {
                    line("  " + (inspection ? quote(attachment.id()) + " -> " + quote(subnet) : quote(subnet) + " -> " + quote(attachment.id()))
                            + " [style=dotted, dir=none];");
                }
            }
            router.associationOf(attachment).filter(declared::contains).ifPresent(t ->
                    line("  " + quote(attachment.id()) + " -> " + quote(t) + " [label=\"associated\"];"));
            router.propagationsOf(attachment).stream().filter(declared::contains).forEach(t ->
                    line("  " + quote(attachment.id()) + " -> " + quote(t) + " [style=dashed, label=\"propagates\"];"));
        }
    }

    /** Each egress flow's hops as edges; a failing flow is drawn up to its faulty hop and the next. */
    private void egressEdges(CheckResult egress) {
        Map<String, String> edges = new LinkedHashMap<>();
        for (Case flow : egress.cases()) {
            List<Hop> path = flow.path();
            for (int i = 0; i + 1 < path.size(); i++) {
                String from = nodeOf(path.get(i));
                String to = nodeOf(path.get(i + 1));
                String key = quote(from) + " -> " + quote(to);
                String style = flow.passed()
                        ? "color=\"" + PASS_COLOUR + "\", penwidth=2.5"
                        : "color=\"" + FAIL_COLOUR + "\", penwidth=2.5, style=dashed"
                        + (flow.faultyHop().equals(Optional.of(i)) ? ", label=\"faulty hop\", fontcolor=\"" + FAIL_COLOUR + "\"" : "");
                // A failing flow's colour wins over a passing one's on a shared edge.
                if (!edges.containsKey(key) || !flow.passed()) {
                    edges.put(key, "[class=\"egress\", " + style + ", tooltip=" + quote(path.get(i).action()) + "]");
                }
            }
        }
        edges.forEach((edge, attributes) -> line("  " + edge + " " + attributes + ";"));
    }

    /** The node a hop is drawn at: a TGW hop at the TGW route table it used. */
    private String nodeOf(Hop hop) {
        String id = hop.kind() == Kind.TRANSIT_GATEWAY ? hop.routeTable().orElse(hop.id()) : hop.id();
        if (!declared.contains(id)) {
            node(id, hop.kind().words() + "\\n" + Network.label(hop.name(), hop.id()), "style=dashed");
        }
        return id;
    }

    private void node(String id, String label, String attributes) {
        declared.add(id);
        line("    " + quote(id) + " [label=" + quote(label) + ", " + attributes + "];");
    }

    private void line(String text) {
        dot.append(text).append('\n');
    }

    /** A DOT string; label escapes such as \n and \l in the text are kept. */
    static String quote(String text) {
        return "\"" + text.replace("\"", "\\\"") + "\"";
    }
}
