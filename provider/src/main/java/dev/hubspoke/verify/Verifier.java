package dev.hubspoke.verify;

import dev.hubspoke.net.Cidr;
import dev.hubspoke.verify.CheckResult.Case;
import dev.hubspoke.verify.Hop.Kind;
import dev.hubspoke.verify.Network.NatGateway;
import dev.hubspoke.verify.Network.Route;
import dev.hubspoke.verify.Network.RouteTable;
import dev.hubspoke.verify.Network.Subnet;
import dev.hubspoke.verify.Network.TargetKind;
import dev.hubspoke.verify.Network.TgwAttachment;
import dev.hubspoke.verify.Network.Vpc;
import dev.hubspoke.verify.Trace.Outcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs the routing checks over a rebuilt network. The check names are stable: {@value #TOPOLOGY},
 * {@value #EGRESS}, {@value #RETURN}, {@value #EAST_WEST}, {@value #NO_SPOKE_INTERNET},
 * {@value #NO_OVERLAP}, {@value #APPLIANCE_MODE}, {@value #SYMMETRY}.
 *
 * <p>Flows into the inspection VPC are traced once per AZ the TGW may pick on its attachment (in
 * appliance mode, AWS picks any of them per flow; see {@link Tracer}).
 */
final class Verifier {

    static final String TOPOLOGY = "topology";
    static final String EGRESS = "egress";
    static final String RETURN = "return";
    static final String EAST_WEST = "east-west";
    static final String NO_SPOKE_INTERNET = "no-spoke-internet";
    static final String NO_OVERLAP = "no-overlap";
    static final String APPLIANCE_MODE = "appliance-mode";
    static final String SYMMETRY = "symmetry";

    static final Cidr INTERNET = Cidr.parse("0.0.0.0/0");

    private final Network network;
    private final Topology topology;
    private final Tracer tracer;
    private final Judge judge;
    private final boolean firewallRequired;

    /**
     * @param firewallRequired whether flows must cross a firewall endpoint (off for a network
     *                         deployed without a firewall policy, where they go straight to the NAT)
     */
    Verifier(Network network, boolean firewallRequired) {
        this.network = network;
        this.topology = Topology.of(network);
        this.tracer = new Tracer(network, new Router(network));
        this.judge = new Judge(network, firewallRequired);
        this.firewallRequired = firewallRequired;
    }

    Topology topology() {
        return topology;
    }

    Tracer tracer() {
        return tracer;
    }

    List<CheckResult> run() {
        return List.of(topologyCheck(), egress(), returnPath(), eastWest(), noSpokeInternet(), noOverlap(), applianceMode(),
                new SymmetryCheck(network, topology, tracer, judge).run());
    }

    private CheckResult topologyCheck() {
        List<Case> cases = new ArrayList<>();
        topology.problems().forEach(p -> cases.add(Case.fail("roles", p, List.of(), 0)));
        topology.inspection().ifPresent(i -> cases.add(Case.pass("inspection VPC", network.label(i.id())
                + " " + i.cidrs() + " (attachment " + topology.inspectionAttachment().map(a -> network.label(a.id())).orElse("?") + ")",
                List.of())));
        topology.spokes().forEach(s -> cases.add(Case.pass("spoke", network.label(s.id()) + " " + s.cidrs()
                + ", workload subnets: " + topology.workloadSubnets().get(s.id()).stream()
                .map(w -> w.name() + " [" + w.availabilityZone() + "]").collect(Collectors.joining(", ")), List.of())));
        return new CheckResult(TOPOLOGY, "one inspection VPC (holding the firewall endpoints, or NAT and internet gateways)"
                + " and at least one spoke VPC are attached to the Transit Gateway", cases);
    }

    /**
     * The firewall endpoint a flow to the internet must cross is the one of the AZ where it entered
     * the inspection VPC, or, with a single NAT gateway, the one of the NAT's AZ: the NAT sends the
     * replies back through its own AZ's public route table, so only that endpoint sees both
     * directions (InspectionVpc routes so on purpose). Any other AZ's endpoint is a misroute.
     */
    private CheckResult egress() {
        String title = "0.0.0.0/0 from every spoke workload subnet, in whichever AZ the TGW hands it to the inspection VPC, reaches an"
                + " internet gateway through " + (firewallRequired ? "the firewall endpoint of that AZ (with a single NAT gateway: of"
                + " the NAT's AZ) and " : "") + "the NAT gateway of the same AZ (or the only one)";
        List<Case> cases = new ArrayList<>();
        if (untraceable(cases)) {
            return new CheckResult(EGRESS, title, cases);
        }
        String inspection = topology.inspection().get().id();
        List<String> natAzs = network.natGateways().values().stream().filter(n -> inVpc(n.subnetId(), inspection))
                .map(n -> network.subnets().get(n.subnetId()).availabilityZone()).toList();
        Optional<String> onlyNatAz = natAzs.size() == 1 ? Optional.of(natAzs.get(0)) : Optional.empty();
        for (Vpc spoke : topology.spokes()) {
            for (Subnet source : topology.workloadSubnets().get(spoke.id())) {
                for (var picked : Tracer.everyPick(tracer.picks(topology.inspectionAttachment().get()),
                        pick -> tracer.trace(source.id(), INTERNET, pick))) {
                    Trace trace = picked.flow();
                    String entered = Judge.entryAz(trace, inspection).orElse(source.availabilityZone());
                    String natAz = firewallRequired ? trace.hops().stream().filter(h -> h.kind() == Kind.FIREWALL_ENDPOINT)
                            .findFirst().flatMap(Hop::az).orElse(entered) : entered;
                    List<Judge.Waypoint> route = new ArrayList<>();
                    route.add(judge.arrival(inspection));
                    if (firewallRequired) {
                        route.add(egressFirewall(entered, onlyNatAz));
                    }
                    route.add(new Judge.Waypoint("a NAT gateway of " + network.label(inspection) + " in " + natAz,
                            h -> h.kind() == Kind.NAT_GATEWAY,
                            h -> !h.vpcId().equals(Optional.of(inspection)) ? Optional.of("the NAT gateway is not in the inspection VPC")
                                    : !h.az().equals(Optional.of(natAz)) && natAzs.size() > 1
                                    ? Optional.of("the NAT gateway is in " + h.az().orElse("?") + ", the flow's "
                                    + (firewallRequired ? "firewall endpoint is" : "entry into the inspection VPC is") + " in " + natAz)
                                    : Optional.empty()));
                    route.add(new Judge.Waypoint("the internet gateway of " + network.label(inspection), h -> h.kind() == Kind.INTERNET_GATEWAY,
                            h -> h.vpcId().equals(Optional.of(inspection)) ? Optional.empty()
                                    : Optional.of("the internet gateway is not the inspection VPC's")));
                    cases.add(judge.judge(source.name() + " [" + source.availabilityZone() + "] -> " + INTERNET + pickText(picked.pick()),
                            trace, route, Outcome.INTERNET, true));
                }
            }
        }
        return new CheckResult(EGRESS, title, cases);
    }

    private Judge.Waypoint egressFirewall(String entered, Optional<String> onlyNatAz) {
        return new Judge.Waypoint("the firewall endpoint of " + entered + onlyNatAz.filter(a -> !a.equals(entered))
                .map(a -> " or of " + a + " (the only NAT gateway's AZ)").orElse(""),
                h -> h.kind() == Kind.FIREWALL_ENDPOINT,
                h -> h.az().equals(Optional.of(entered)) || (onlyNatAz.isPresent() && h.az().equals(onlyNatAz)) ? Optional.empty()
                        : Optional.of("the firewall endpoint is in " + h.az().orElse("?") + ", not in " + entered
                        + " where the flow entered the inspection VPC" + onlyNatAz.map(a -> " nor in " + a
                        + " where the only NAT gateway is").orElse("")));
    }

    /** How a case's subject names the AZ the TGW picked for the flow, if it picked one. */
    static String pickText(Optional<Tracer.AzPick> pick) {
        return pick.map(p -> ", TGW picks " + p.availabilityZone()).orElse("");
    }

    private CheckResult returnPath() {
        String title = "from each NAT gateway's subnet, every spoke CIDR block is reached"
                + (firewallRequired ? " through the firewall endpoint of the NAT's AZ" : "");
        List<Case> cases = new ArrayList<>();
        if (untraceable(cases)) {
            return new CheckResult(RETURN, title, cases);
        }
        String inspection = topology.inspection().get().id();
        for (NatGateway nat : network.natGateways().values()) {
            Subnet natSubnet = network.subnets().get(nat.subnetId());
            if (natSubnet == null || !natSubnet.vpcId().equals(inspection)) {
                continue;
            }
            for (Vpc spoke : topology.spokes()) {
                for (Cidr block : spoke.cidrs()) {
                    List<Judge.Waypoint> route = new ArrayList<>();
                    if (firewallRequired) {
                        route.add(judge.firewall(natSubnet.availabilityZone()));
                    }
                    route.add(judge.arrival(spoke.id()));
                    cases.add(judge.judge(nat.name() + " [" + natSubnet.availabilityZone() + "] -> " + spoke.name() + " " + block,
                            tracer.trace(natSubnet.id(), block), route, Outcome.DELIVERED, true));
                }
            }
        }
        if (cases.isEmpty()) {
            cases.add(Case.fail("NAT gateways", "the inspection VPC holds no NAT gateway", List.of(), 0));
        }
        return new CheckResult(RETURN, title, cases);
    }

    private CheckResult eastWest() {
        String title = "traffic from every spoke to every other spoke "
                + (firewallRequired ? "crosses a firewall endpoint" : "crosses the inspection VPC");
        List<Case> cases = new ArrayList<>();
        if (untraceable(cases)) {
            return new CheckResult(EAST_WEST, title, cases);
        }
        String inspection = topology.inspection().get().id();
        for (Vpc from : topology.spokes()) {
            for (Vpc to : topology.spokes()) {
                if (from.equals(to)) {
                    continue;
                }
                for (Subnet source : topology.workloadSubnets().get(from.id())) {
                    for (Cidr block : to.cidrs()) {
                        for (var picked : Tracer.everyPick(tracer.picks(topology.inspectionAttachment().get()),
                                pick -> tracer.trace(source.id(), block, pick))) {
                            List<Judge.Waypoint> route = new ArrayList<>();
                            route.add(judge.arrival(inspection));
                            if (firewallRequired) {
                                route.add(judge.anyFirewall());
                            }
                            route.add(judge.arrival(to.id()));
                            cases.add(judge.judge(source.name() + " [" + source.availabilityZone() + "] -> " + to.name() + " " + block
                                    + pickText(picked.pick()), picked.flow(), route, Outcome.DELIVERED, false));
                        }
                    }
                }
            }
        }
        return new CheckResult(EAST_WEST, title, cases);
    }

    private CheckResult noSpokeInternet() {
        List<Case> cases = new ArrayList<>();
        for (Vpc spoke : topology.spokes()) {
            List<Case> findings = new ArrayList<>();
            network.internetGateways().values().stream().filter(g -> g.vpcId().equals(Optional.of(spoke.id())))
                    .forEach(g -> findings.add(Case.fail(spoke.name() + ": internet gateway", network.label(g.id())
                            + " is attached to the spoke", List.of(new Hop(Kind.INTERNET_GATEWAY, g.id(), g.name(),
                            Optional.of(spoke.id()), Optional.empty(), Optional.empty(), "attached to " + network.label(spoke.id()))), 0)));
            network.natGateways().values().stream().filter(n -> inVpc(n.subnetId(), spoke.id()))
                    .forEach(n -> findings.add(Case.fail(spoke.name() + ": NAT gateway", network.label(n.id())
                            + " is in the spoke", List.of(new Hop(Kind.NAT_GATEWAY, n.id(), n.name(), Optional.of(spoke.id()),
                            Optional.ofNullable(network.subnets().get(n.subnetId())).map(Subnet::availabilityZone), Optional.empty(),
                            "in subnet " + network.label(n.subnetId()))), 0)));
            for (RouteTable table : network.routeTables().values()) {
                if (!table.vpcId().equals(spoke.id())) {
                    continue;
                }
                for (Route route : table.routes()) {
                    boolean toIgw = route.kind() == TargetKind.GATEWAY && (Tracer.isInternetGatewayId(route.targetId())
                            || network.internetGateways().containsKey(route.targetId()));
                    if (toIgw || route.kind() == TargetKind.NAT_GATEWAY) {
                        String what = toIgw ? "internet gateway" : "NAT gateway";
                        findings.add(Case.fail(spoke.name() + ": route to a" + (toIgw ? "n " : " ") + what,
                                network.label(table.id()) + " routes " + route.destination() + " to " + what + " "
                                        + network.label(route.targetId()),
                                List.of(new Hop(Kind.ROUTE_TABLE, table.id(), table.name(), Optional.of(spoke.id()), Optional.empty(),
                                        Optional.of(table.id()), route.destination() + " -> " + network.label(route.targetId()))), 0));
                    }
                }
            }
            cases.addAll(findings);
            if (findings.isEmpty()) {
                cases.add(Case.pass(spoke.name(), "no internet gateway, no NAT gateway, no route to either", List.of()));
            }
        }
        return new CheckResult(NO_SPOKE_INTERNET, "no spoke has an internet gateway or NAT gateway of its own, or a route to one",
                cases);
    }

    private CheckResult noOverlap() {
        // The VPCs that are attached to a TGW: VPCs that are not connected may reuse blocks.
        List<Vpc> vpcs = network.attachments().values().stream().map(TgwAttachment::vpcId).distinct()
                .map(network.vpcs()::get).filter(v -> v != null).collect(Collectors.toList());
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < vpcs.size(); i++) {
            for (int j = i + 1; j < vpcs.size(); j++) {
                for (Cidr a : vpcs.get(i).cidrs()) {
                    for (Cidr b : vpcs.get(j).cidrs()) {
                        if (a.overlaps(b)) {
                            cases.add(Case.fail(vpcs.get(i).name() + " / " + vpcs.get(j).name(),
                                    network.label(vpcs.get(i).id()) + " " + a + " overlaps " + network.label(vpcs.get(j).id()) + " " + b,
                                    List.of(vpcHop(vpcs.get(i), a), vpcHop(vpcs.get(j), b)), 1));
                        }
                    }
                }
            }
        }
        if (cases.isEmpty()) {
            cases.add(Case.pass("attached VPCs", vpcs.stream().map(v -> v.name() + " " + v.cidrs())
                    .collect(Collectors.joining(", ")) + ": no two blocks overlap", List.of()));
        }
        return new CheckResult(NO_OVERLAP, "no two CIDR blocks of VPCs attached to a Transit Gateway overlap", cases);
    }

    private CheckResult applianceMode() {
        String title = "appliance mode is on for the inspection VPC's TGW attachment, so both directions of a flow use one AZ";
        List<Case> cases = new ArrayList<>();
        if (untraceable(cases)) {
            return new CheckResult(APPLIANCE_MODE, title, cases);
        }
        TgwAttachment attachment = topology.inspectionAttachment().get();
        Hop hop = new Hop(Kind.ATTACHMENT, attachment.id(), attachment.name(), Optional.of(attachment.vpcId()), Optional.empty(),
                Optional.empty(), "applianceModeSupport " + (attachment.applianceMode() ? "enable" : "disable"));
        cases.add(attachment.applianceMode()
                ? Case.pass(attachment.name(), "appliance mode is on", List.of(hop))
                : Case.fail(attachment.name(), "appliance mode is off: the two directions of a flow may cross"
                        + " different AZs' firewall endpoints, which drop it as out of state", List.of(hop), 0));
        return new CheckResult(APPLIANCE_MODE, title, cases);
    }

    /** Adds a failing case and returns true when the roles are unknown, so nothing can be traced. */
    private boolean untraceable(List<Case> cases) {
        if (topology.inspection().isEmpty()) {
            cases.add(Case.fail("roles", "cannot check: " + String.join("; ", topology.problems()), List.of(), 0));
            return true;
        }
        return false;
    }

    private boolean inVpc(String subnetId, String vpcId) {
        return Optional.ofNullable(network.subnets().get(subnetId)).map(s -> s.vpcId().equals(vpcId)).orElse(false);
    }

    private Hop vpcHop(Vpc vpc, Cidr block) {
        return new Hop(Kind.VPC, vpc.id(), vpc.name(), Optional.of(vpc.id()), Optional.empty(), Optional.empty(), "CIDR block " + block);
    }

    /** The checks by name, for callers that look one up. */
    static Map<String, CheckResult> byName(List<CheckResult> checks) {
        Map<String, CheckResult> map = new LinkedHashMap<>();
        checks.forEach(c -> map.put(c.name(), c));
        return map;
    }
}
