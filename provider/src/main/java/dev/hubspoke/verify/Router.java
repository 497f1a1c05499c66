package dev.hubspoke.verify;

import dev.hubspoke.net.Cidr;
import dev.hubspoke.verify.Network.Route;
import dev.hubspoke.verify.Network.Subnet;
import dev.hubspoke.verify.Network.TargetKind;
import dev.hubspoke.verify.Network.TgwAttachment;
import dev.hubspoke.verify.Network.TransitGateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Route lookup the way VPC and Transit Gateway route tables decide: the longest prefix that holds
 * the whole probe wins. A probe is a CIDR block (0.0.0.0/0 for "the internet", a VPC's block for
 * "that VPC"); a route applies when its destination contains the probe.
 */
final class Router {

    /** A TGW route as the TGW sees it: static (from a route resource) or propagated from an attachment. */
    record TgwEntry(Cidr destination, Optional<String> attachmentId, boolean propagated) {
        boolean blackhole() {
            return attachmentId.isEmpty();
        }
    }

    private final Network network;

    Router(Network network) {
        this.network = network;
    }

    /** The route table a subnet uses: its explicit association, else its VPC's main route table. */
    Optional<String> routeTableOf(String subnetId) {
        return Optional.ofNullable(network.subnetRouteTables().get(subnetId))
                .or(() -> Optional.ofNullable(network.subnets().get(subnetId))
                        .map(s -> network.mainRouteTables().get(s.vpcId())));
    }

    /**
     * The routes a subnet's traffic sees: the local route of each VPC block, then its table's
     * routes. A main route table that the state does not hold has only the local routes here.
     */
    List<Route> routesOf(Subnet subnet) {
        List<Route> routes = new ArrayList<>();
        Optional.ofNullable(network.vpcs().get(subnet.vpcId()))
                .ifPresent(v -> v.cidrs().forEach(c -> routes.add(new Route(c, TargetKind.LOCAL, "local"))));
        routeTableOf(subnet.id()).map(network.routeTables()::get).ifPresent(t -> routes.addAll(t.routes()));
        return routes;
    }

    /** The route the subnet's traffic to {@code probe} takes; the local route wins a tie, as in AWS. */
    Optional<Route> lookup(Subnet subnet, Cidr probe) {
        return routesOf(subnet).stream()
                .filter(r -> r.destination().contains(probe))
                .max(Comparator.<Route>comparingInt(r -> r.destination().prefixLength())
                        .thenComparing(r -> r.kind() == TargetKind.LOCAL));
    }

    /** The attachment of a VPC to a TGW, if there is one. */
    Optional<TgwAttachment> attachment(String vpcId, String transitGatewayId) {
        return network.attachments().values().stream()
                .filter(a -> a.vpcId().equals(vpcId) && a.transitGatewayId().equals(transitGatewayId))
                .findFirst();
    }

    /** The TGW route table an attachment's traffic is routed by: its association, else the TGW default. */
    Optional<String> associationOf(TgwAttachment attachment) {
        return Optional.ofNullable(network.tgwAssociations().get(attachment.id()))
                .or(() -> attachment.defaultAssociation()
                        ? Optional.ofNullable(network.transitGateways().get(attachment.transitGatewayId()))
                        .flatMap(TransitGateway::defaultAssociationRouteTable)
                        : Optional.empty());
    }

    /** The route tables an attachment propagates its VPC's blocks into. */
    List<String> propagationsOf(TgwAttachment attachment) {
        List<String> tables = new ArrayList<>();
        network.tgwPropagations().stream().filter(p -> p.attachmentId().equals(attachment.id()))
                .forEach(p -> tables.add(p.routeTableId()));
        if (attachment.defaultPropagation()) {
            Optional.ofNullable(network.transitGateways().get(attachment.transitGatewayId()))
                    .flatMap(TransitGateway::defaultPropagationRouteTable)
                    .filter(t -> !tables.contains(t))
                    .ifPresent(tables::add);
        }
        return tables;
    }

    /** A TGW route table's routes: static ones, then propagated ones; a static route hides a propagated one of the same block. */
    List<TgwEntry> tgwRoutes(String routeTableId) {
        Map<Cidr, TgwEntry> routes = new LinkedHashMap<>();
        network.tgwStaticRoutes().stream().filter(r -> r.routeTableId().equals(routeTableId))
                .forEach(r -> routes.put(r.destination(), new TgwEntry(r.destination(), r.attachmentId(), false)));
        for (TgwAttachment attachment : network.attachments().values()) {
            if (propagationsOf(attachment).contains(routeTableId) && network.vpcs().containsKey(attachment.vpcId())) {
                for (Cidr cidr : network.vpcs().get(attachment.vpcId()).cidrs()) {
                    routes.putIfAbsent(cidr, new TgwEntry(cidr, Optional.of(attachment.id()), true));
                }
            }
        }
        return List.copyOf(routes.values());
    }

    Optional<TgwEntry> tgwLookup(String routeTableId, Cidr probe) {
        return tgwRoutes(routeTableId).stream()
                .filter(r -> r.destination().contains(probe))
                .max(Comparator.comparingInt(r -> r.destination().prefixLength()));
    }
}
