package dev.hubspoke.verify;

import dev.hubspoke.net.Cidr;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deployed network as rebuilt from a stack's state: every element is identified by its cloud id,
 * and carries a display name (its {@code Name} tag, else its Pulumi resource name) only for people;
 * {@code names} maps every id to that name. Maps are keyed by id and keep the order of the state.
 */
record Network(
        Map<String, Vpc> vpcs,
        Map<String, Subnet> subnets,
        Map<String, RouteTable> routeTables,
        Map<String, String> subnetRouteTables,
        Map<String, String> mainRouteTables,
        Map<String, NatGateway> natGateways,
        Map<String, InternetGateway> internetGateways,
        Map<String, FirewallEndpoint> firewallEndpoints,
        Map<String, TransitGateway> transitGateways,
        Map<String, TgwAttachment> attachments,
        Map<String, TgwRouteTable> tgwRouteTables,
        Map<String, String> tgwAssociations,
        List<TgwPropagation> tgwPropagations,
        List<TgwRoute> tgwStaticRoutes,
        List<Instance> instances,
        Map<String, String> names) {

    /** A VPC with its primary CIDR block first, then any associated secondary blocks. */
    record Vpc(String id, String name, List<Cidr> cidrs) {
    }

    record Subnet(String id, String name, String vpcId, Cidr cidr, String availabilityZone) {
    }

    /** What a VPC route sends traffic to; the id is the one the route names. */
    enum TargetKind {
        LOCAL, GATEWAY, NAT_GATEWAY, TRANSIT_GATEWAY, VPC_ENDPOINT, OTHER
    }

    record Route(Cidr destination, TargetKind kind, String targetId) {
    }

    /** A VPC route table; the implicit local routes are not listed (see {@link Router}). */
    record RouteTable(String id, String name, String vpcId, List<Route> routes) {
    }

    record NatGateway(String id, String name, String subnetId) {
    }

    record InternetGateway(String id, String name, Optional<String> vpcId) {
    }

    /** A Network Firewall endpoint: one per firewall and AZ, in that AZ's firewall subnet. */
    record FirewallEndpoint(String id, String firewallName, String availabilityZone, String subnetId) {
    }

    /** A Transit Gateway and the route tables it gives attachments that ask for its defaults. */
    record TransitGateway(String id, String name, Optional<String> defaultAssociationRouteTable,
                          Optional<String> defaultPropagationRouteTable) {
    }

    record TgwAttachment(String id, String name, String transitGatewayId, String vpcId, List<String> subnetIds,
                         boolean applianceMode, boolean defaultAssociation, boolean defaultPropagation) {
    }

    record TgwRouteTable(String id, String name, String transitGatewayId) {
    }

    record TgwPropagation(String attachmentId, String routeTableId) {
    }

    /** A static TGW route: to an attachment, or a blackhole (no attachment). */
    record TgwRoute(String routeTableId, Cidr destination, Optional<String> attachmentId) {
    }

    record Instance(String id, String name, String subnetId) {
    }

    /** A display name and the id, for reports: {@code spoke1-vpc (vpc-0a1b)}. */
    static String label(String name, String id) {
        return name.equals(id) ? id : name + " (" + id + ")";
    }

    /** {@code name (id)} for any element id, or the id alone when the state does not hold it. */
    String label(String id) {
        return label(names.getOrDefault(id, id), id);
    }
}
