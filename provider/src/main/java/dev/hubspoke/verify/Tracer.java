package dev.hubspoke.verify;

import dev.hubspoke.net.Cidr;
import dev.hubspoke.verify.Hop.Kind;
import dev.hubspoke.verify.Network.FirewallEndpoint;
import dev.hubspoke.verify.Network.InternetGateway;
import dev.hubspoke.verify.Network.NatGateway;
import dev.hubspoke.verify.Network.Route;
import dev.hubspoke.verify.Network.Subnet;
import dev.hubspoke.verify.Network.TgwAttachment;
import dev.hubspoke.verify.Router.TgwEntry;
import dev.hubspoke.verify.Trace.Outcome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Follows a packet for a destination block from a subnet, hop by hop, through VPC route tables,
 * firewall endpoints, NAT gateways and Transit Gateway route tables, until it reaches an internet
 * gateway, is delivered by a local route, or is dropped.
 *
 * <p>Model: a firewall endpoint and a NAT gateway forward what they receive by the route table of
 * the subnet they sit in (AWS's behaviour). Traffic from an AZ where the source VPC's attachment
 * has no subnet cannot reach the TGW, as in AWS. Which subnet of the destination attachment the
 * TGW hands a packet to:
 * <ul>
 *   <li>an attachment in appliance mode: any of its AZs. AWS picks one per flow with a flow hash,
 *   not necessarily the source's AZ, and sends the flow's return traffic to the same one
 *   (https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-appliance-scenario.html). A trace
 *   takes that pick as an {@link AzPick}, and the checks try every AZ of the attachment;</li>
 *   <li>otherwise (or without a pick): its subnet in the packet's current AZ when it has one there,
 *   else its first subnet in AZ order (AWS keeps traffic in the AZ it came from).</li>
 * </ul>
 */
final class Tracer {

    /**
     * The AZ the TGW picks, for one flow, among the subnets of an attachment in appliance mode;
     * the same pick holds for the flow's reply.
     */
    record AzPick(String attachmentId, String availabilityZone) {
    }

    /** What a flow came to under one pick; the pick is empty when every pick gives the same. */
    record Picked<T>(Optional<AzPick> pick, T flow) {
    }

    /** Longer than any sane path; a loop is caught before this by the visited set. */
    private static final int MAX_HOPS = 64;

    private final Network network;
    private final Router router;

    Tracer(Network network, Router router) {
        this.network = network;
        this.router = router;
    }

    /** Traces a packet for {@code probe} leaving {@code subnetId}, the TGW keeping it in its AZ. */
    Trace trace(String subnetId, Cidr probe) {
        return trace(subnetId, probe, Optional.empty());
    }

    /** Traces a packet for {@code probe} leaving {@code subnetId}, of a flow the TGW gave {@code pick}. */
    Trace trace(String subnetId, Cidr probe, Optional<AzPick> pick) {
        return follow(Kind.SUBNET, subnetId, network.names().getOrDefault(subnetId, subnetId), subnetId, "", probe, pick);
    }

    /**
     * Traces a packet for {@code probe} that a NAT gateway sends on, as it does with the reply to a
     * flow it translated: by the route table of the NAT gateway's subnet.
     */
    Trace fromNatGateway(String natGatewayId, Cidr probe, Optional<AzPick> pick) {
        NatGateway nat = network.natGateways().get(natGatewayId);
        return follow(Kind.NAT_GATEWAY, natGatewayId, nat == null ? natGatewayId : nat.name(),
                nat == null ? natGatewayId : nat.subnetId(), "forwards the reply by its subnet's route table, ", probe, pick);
    }

    /**
     * The picks the TGW may make for a flow entering {@code attachment}: one per AZ of its
     * subnets when it is in appliance mode, else only "no pick" (it keeps the packet's AZ).
     */
    List<Optional<AzPick>> picks(TgwAttachment attachment) {
        if (!attachment.applianceMode()) {
            return List.of(Optional.empty());
        }
        return attachment.subnetIds().stream().map(network.subnets()::get).filter(s -> s != null)
                .map(Subnet::availabilityZone).distinct().sorted()
                .map(az -> Optional.of(new AzPick(attachment.id(), az))).toList();
    }

    /**
     * Runs {@code flow} once per pick; when all picks give the same result (the flow never
     * enters the attachment), returns it once, without a pick, so reports do not repeat it.
     */
    static <T> List<Picked<T>> everyPick(List<Optional<AzPick>> picks, Function<Optional<AzPick>, T> flow) {
        List<Picked<T>> traced = picks.stream().map(p -> new Picked<>(p, flow.apply(p))).toList();
        if (traced.stream().map(Picked::flow).distinct().count() == 1) {
            return List.of(new Picked<>(Optional.empty(), traced.get(0).flow()));
        }
        return traced;
    }

    private Trace follow(Kind startKind, String startId, String startName, String startSubnet, String startFrom, Cidr probe,
                         Optional<AzPick> pick) {
        List<Hop> hops = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        Kind kind = startKind;
        String elementId = startId;
        String name = startName;
        String at = startSubnet;
        String from = startFrom;
        while (hops.size() < MAX_HOPS) {
            Subnet subnet = network.subnets().get(at);
            if (subnet == null) {
                hops.add(new Hop(kind, elementId, name, Optional.empty(), Optional.empty(), Optional.empty(),
                        from + "its subnet " + at + " is not in the state"));
                return dropped(hops, "subnet " + at + " is not in the state");
            }
            Optional<String> table = router.routeTableOf(at);
            String tableLabel = table.map(network::label).orElse("(no route table)")
                    + (table.isPresent() && !network.routeTables().containsKey(table.get()) ? " (not in the state: local routes only)" : "");
            Optional<Route> route = router.lookup(subnet, probe);
            Optional<String> vpc = Optional.of(subnet.vpcId());
            Optional<String> az = Optional.of(subnet.availabilityZone());
            if (!visited.add(kind + "/" + elementId)) {
                hops.add(new Hop(kind, elementId, name, vpc, az, table, from + "visited before: routing loop"));
                return dropped(hops, "routing loop at " + network.label(elementId));
            }
            if (route.isEmpty()) {
                hops.add(new Hop(kind, elementId, name, vpc, az, table, from + tableLabel + ": no route for " + probe));
                return dropped(hops, "no route for " + probe + " in " + tableLabel);
            }
            Route r = route.get();
            String decision = from + tableLabel + ": " + r.destination() + " -> " + targetLabel(r);
            switch (r.kind()) {
                case LOCAL -> {
                    hops.add(new Hop(kind, elementId, name, vpc, az, table, decision + " (delivered in "
                            + network.label(subnet.vpcId()) + ")"));
                    return new Trace(hops, Outcome.DELIVERED, vpc, Optional.empty());
                }
                case GATEWAY -> {
                    hops.add(new Hop(kind, elementId, name, vpc, az, table, decision));
                    InternetGateway igw = network.internetGateways().get(r.targetId());
                    boolean attachedHere = igw != null && igw.vpcId().equals(vpc);
                    if (!attachedHere && !(igw == null && isInternetGatewayId(r.targetId()))) {
                        return dropped(hops, "gateway " + r.targetId() + (igw == null
                                ? " is not an internet gateway in the state" : " is not attached to " + network.label(subnet.vpcId())));
                    }
                    hops.add(new Hop(Kind.INTERNET_GATEWAY, r.targetId(), network.names().getOrDefault(r.targetId(), r.targetId()),
                            vpc, Optional.empty(), Optional.empty(), "to the internet"));
                    return new Trace(hops, Outcome.INTERNET, vpc, Optional.empty());
                }
                case NAT_GATEWAY -> {
                    hops.add(new Hop(kind, elementId, name, vpc, az, table, decision));
                    NatGateway nat = network.natGateways().get(r.targetId());
                    if (nat == null) {
                        return dropped(hops, "NAT gateway " + r.targetId() + " is not in the state");
                    }
                    kind = Kind.NAT_GATEWAY;
                    elementId = nat.id();
                    name = nat.name();
                    at = nat.subnetId();
                    from = "forwards by its subnet " + network.label(at) + ", ";
                }
                case VPC_ENDPOINT -> {
                    hops.add(new Hop(kind, elementId, name, vpc, az, table, decision));
                    FirewallEndpoint endpoint = network.firewallEndpoints().get(r.targetId());
                    if (endpoint == null) {
                        return dropped(hops, "endpoint " + r.targetId() + " is not a firewall endpoint in the state");
                    }
                    kind = Kind.FIREWALL_ENDPOINT;
                    elementId = endpoint.id();
                    name = network.names().getOrDefault(endpoint.id(), endpoint.id());
                    at = endpoint.subnetId();
                    from = "inspects, forwards by its subnet " + network.label(at) + ", ";
                }
                case TRANSIT_GATEWAY -> {
                    hops.add(new Hop(kind, elementId, name, vpc, az, table, decision));
                    Optional<String> next = transitGateway(hops, subnet, r.targetId(), probe, pick);
                    if (next.isEmpty()) {
                        return dropped(hops, hops.get(hops.size() - 1).action());
                    }
                    kind = Kind.SUBNET;
                    elementId = next.get();
                    name = network.names().getOrDefault(elementId, elementId);
                    at = elementId;
                    from = "";
                }
                default -> {
                    hops.add(new Hop(kind, elementId, name, vpc, az, table, decision));
                    return dropped(hops, "the route to " + r.targetId() + " leaves what this trace follows");
                }
            }
        }
        return dropped(hops, "more than " + MAX_HOPS + " hops");
    }

    /**
     * Crosses a TGW: adds its hop and returns the subnet of the destination attachment the packet
     * enters, or empty when the TGW drops it (the hop's action then says why).
     */
    private Optional<String> transitGateway(List<Hop> hops, Subnet source, String tgwId, Cidr probe, Optional<AzPick> pick) {
        String tgwName = network.names().getOrDefault(tgwId, tgwId);
        Optional<TgwAttachment> attachment = router.attachment(source.vpcId(), tgwId);
        if (attachment.isEmpty()) {
            hops.add(tgwHop(tgwId, tgwName, Optional.empty(), network.label(source.vpcId()) + " has no attachment to this TGW"));
            return Optional.empty();
        }
        TgwAttachment in = attachment.get();
        String fromText = "from " + network.label(in.id()) + ", ";
        boolean reachable = in.subnetIds().stream().map(network.subnets()::get)
                .anyMatch(s -> s != null && s.availabilityZone().equals(source.availabilityZone()));
        if (!reachable) {
            hops.add(tgwHop(tgwId, tgwName, Optional.empty(), fromText + "which has no subnet in "
                    + source.availabilityZone() + ": traffic from that AZ cannot reach the TGW"));
            return Optional.empty();
        }
        Optional<String> table = router.associationOf(in);
        if (table.isEmpty()) {
            hops.add(tgwHop(tgwId, tgwName, Optional.empty(), fromText + "which is associated with no TGW route table"));
            return Optional.empty();
        }
        String tableLabel = network.label(table.get());
        Optional<TgwEntry> entry = router.tgwLookup(table.get(), probe);
        if (entry.isEmpty() || entry.get().blackhole()) {
            hops.add(tgwHop(tgwId, tgwName, table, fromText + tableLabel + ": "
                    + entry.map(e -> e.destination() + " -> blackhole").orElse("no route for " + probe)));
            return Optional.empty();
        }
        TgwEntry e = entry.get();
        TgwAttachment out = network.attachments().get(e.attachmentId().get());
        String decision = fromText + tableLabel + ": " + e.destination() + " -> " + network.label(e.attachmentId().get())
                + (e.propagated() ? " (propagated)" : " (static)");
        if (out == null) {
            hops.add(tgwHop(tgwId, tgwName, table, decision + ", an attachment not in the state"));
            return Optional.empty();
        }
        Optional<String> picked = pick.filter(p -> p.attachmentId().equals(out.id())).map(AzPick::availabilityZone);
        Optional<Subnet> enter = out.subnetIds().stream().map(network.subnets()::get).filter(s -> s != null)
                .min(Comparator.comparing((Subnet s) -> !s.availabilityZone().equals(picked.orElse(source.availabilityZone())))
                        .thenComparing(Subnet::availabilityZone));
        if (enter.isEmpty()) {
            hops.add(tgwHop(tgwId, tgwName, table, decision + ", which has no subnet in the state"));
            return Optional.empty();
        }
        hops.add(tgwHop(tgwId, tgwName, table, decision + ", enters " + network.label(out.vpcId())
                + " in " + enter.get().availabilityZone()
                + (picked.isPresent() ? " (appliance mode: the AZ this flow's hash picked)" : "")));
        return Optional.of(enter.get().id());
    }

    private static Hop tgwHop(String tgwId, String tgwName, Optional<String> table, String action) {
        return new Hop(Kind.TRANSIT_GATEWAY, tgwId, tgwName, Optional.empty(), Optional.empty(), table, action);
    }

    private String targetLabel(Route route) {
        String target = network.label(route.targetId());
        return switch (route.kind()) {
            case VPC_ENDPOINT -> Optional.ofNullable(network.firewallEndpoints().get(route.targetId()))
                    .map(e -> route.targetId() + " (firewall endpoint, " + e.availabilityZone() + ")").orElse(target);
            case NAT_GATEWAY -> Optional.ofNullable(network.natGateways().get(route.targetId()))
                    .flatMap(n -> Optional.ofNullable(network.subnets().get(n.subnetId())))
                    .map(s -> target + " [" + s.availabilityZone() + "]").orElse(target);
            default -> target;
        };
    }

    /**
     * Whether a gateway id is an internet gateway's: AWS gives them the {@code igw-} prefix, so a
     * route to an internet gateway made outside this stack is still recognised.
     */
    static boolean isInternetGatewayId(String id) {
        return id.startsWith("igw-");
    }

    private static Trace dropped(List<Hop> hops, String reason) {
        return new Trace(hops, Outcome.DROPPED, Optional.empty(), Optional.of(reason));
    }
}
