package dev.hubspoke.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubspoke.net.Cidr;
import dev.hubspoke.verify.Network.FirewallEndpoint;
import dev.hubspoke.verify.Network.Instance;
import dev.hubspoke.verify.Network.InternetGateway;
import dev.hubspoke.verify.Network.NatGateway;
import dev.hubspoke.verify.Network.Route;
import dev.hubspoke.verify.Network.RouteTable;
import dev.hubspoke.verify.Network.Subnet;
import dev.hubspoke.verify.Network.TargetKind;
import dev.hubspoke.verify.Network.TgwAttachment;
import dev.hubspoke.verify.Network.TgwPropagation;
import dev.hubspoke.verify.Network.TgwRoute;
import dev.hubspoke.verify.Network.TgwRouteTable;
import dev.hubspoke.verify.Network.TransitGateway;
import dev.hubspoke.verify.Network.Vpc;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rebuilds a {@link Network} from a {@code pulumi stack export} document. Only the {@code outputs}
 * of pulumi-aws 6.x resources that real state carries are read (the list is {@link #FIELDS_READ}),
 * and elements are recognised by type and id, never by resource name, so any program's stack works.
 * Resources pending deletion and resources without outputs (a failed create) are skipped.
 *
 * <p>Several exports (a platform stack and the spoke stacks of other accounts) are joined into one
 * network by {@link #readAll}: AWS ids are unique across accounts, so a spoke's attachment names
 * the shared Transit Gateway by id and the owner's associations name the attachment by id. Zones
 * are then lined up by AZ ID, because AZ names map to different physical zones in each account
 * (https://docs.aws.amazon.com/ram/latest/userguide/working-with-az-ids.html).
 */
final class StackExportReader {

    /**
     * Every resource type and top-level output this reader uses (besides the resource's id), for
     * README and a test that checks them against pulumi-aws. Nested fields read:
     * {@code routes[]}: cidrBlock and the target ids as in aws:ec2/route; {@code firewallStatuses[]
     * .syncStates[]}: availabilityZone, attachments[].endpointId, attachments[].subnetId.
     */
    static final Map<String, List<String>> FIELDS_READ = fieldsRead();

    private final Map<String, Vpc> vpcs = new LinkedHashMap<>();
    private final Map<String, Subnet> subnets = new LinkedHashMap<>();
    private final Map<String, RouteTable> routeTables = new LinkedHashMap<>();
    private final Map<String, Map<Cidr, Route>> inlineRoutes = new LinkedHashMap<>();
    private final Map<String, Map<Cidr, Route>> routeResources = new LinkedHashMap<>();
    private final Map<String, String> subnetRouteTables = new LinkedHashMap<>();
    private final Map<String, String> mainRouteTables = new LinkedHashMap<>();
    private final Map<String, String> mainRouteTableAssociations = new LinkedHashMap<>();
    private final List<String[]> secondaryCidrs = new ArrayList<>();
    private final Map<String, NatGateway> natGateways = new LinkedHashMap<>();
    private final Map<String, InternetGateway> internetGateways = new LinkedHashMap<>();
    private final Map<String, String> internetGatewayAttachments = new LinkedHashMap<>();
    private final Map<String, FirewallEndpoint> firewallEndpoints = new LinkedHashMap<>();
    private final Map<String, TransitGateway> transitGateways = new LinkedHashMap<>();
    private final Map<String, TgwAttachment> attachments = new LinkedHashMap<>();
    private final Map<String, TgwRouteTable> tgwRouteTables = new LinkedHashMap<>();
    private final Map<String, String> tgwAssociations = new LinkedHashMap<>();
    private final List<TgwPropagation> tgwPropagations = new ArrayList<>();
    private final List<TgwRoute> tgwStaticRoutes = new ArrayList<>();
    private final List<Instance> instances = new ArrayList<>();
    private final Map<String, String> names = new LinkedHashMap<>();
    /** Each subnet's AZ ID, by subnet id, where the state has it. */
    private final Map<String, String> zoneIds = new LinkedHashMap<>();

    private StackExportReader() {
    }

    /** Reads an export from a stream (a file or stdin). */
    static Network read(InputStream in) throws IOException {
        return read(new ObjectMapper().readTree(in));
    }

    /**
     * Reads the document {@code pulumi stack export} prints ({@code {"version":3,"deployment":
     * {"resources":[...]}}}); a bare deployment or a bare resource array is accepted too.
     *
     * @throws IllegalArgumentException when the document holds no resource list
     */
    static Network read(JsonNode document) {
        var reader = new StackExportReader();
        reader.addAll(document);
        return reader.network();
    }

    /**
     * Joins several exports into one network, zones lined up by AZ ID: each subnet's zone (and
     * each firewall endpoint's, through its subnet) is its {@code availabilityZoneId}.
     *
     * @throws IllegalArgumentException when a document holds no resource list, or a subnet has no AZ ID
     */
    static Network readAll(List<JsonNode> documents) {
        var reader = new StackExportReader();
        documents.forEach(reader::addAll);
        return reader.byZoneId(reader.network());
    }

    private void addAll(JsonNode document) {
        JsonNode resources = document == null ? null
                : document.isArray() ? document
                : document.path("deployment").path("resources").isArray() ? document.path("deployment").path("resources")
                : document.path("resources");
        if (resources == null || !resources.isArray()) {
            throw new IllegalArgumentException(
                    "not a stack export: expected {\"deployment\": {\"resources\": [...]}} as `pulumi stack export` prints");
        }
        for (JsonNode resource : resources) {
            JsonNode outputs = resource.path("outputs");
            if (resource.path("delete").asBoolean(false) || !outputs.isObject()) {
                continue;
            }
            Optional<String> id = text(resource, "id").or(() -> text(outputs, "id"));
            id.ifPresent(i -> add(resource.path("type").asText(), i, displayName(resource, outputs, i), outputs));
        }
    }

    /** {@code network} with every zone given as its AZ ID, the name every account agrees on. */
    private Network byZoneId(Network network) {
        Map<String, Subnet> byId = new LinkedHashMap<>();
        network.subnets().forEach((id, subnet) -> {
            String zoneId = zoneIds.get(id);
            if (zoneId == null) {
                throw new IllegalArgumentException("subnet " + network.label(id) + " has no availabilityZoneId in its"
                        + " export, so its zone cannot be lined up with the other accounts' (AZ names differ between"
                        + " accounts): refresh that stack (pulumi refresh) and export it again");
            }
            byId.put(id, new Subnet(id, subnet.name(), subnet.vpcId(), subnet.cidr(), zoneId));
        });
        Map<String, FirewallEndpoint> endpoints = new LinkedHashMap<>();
        network.firewallEndpoints().forEach((id, e) -> endpoints.put(id, new FirewallEndpoint(id, e.firewallName(),
                Optional.ofNullable(byId.get(e.subnetId())).map(Subnet::availabilityZone).orElse(e.availabilityZone()),
                e.subnetId())));
        return new Network(network.vpcs(), byId, network.routeTables(), network.subnetRouteTables(),
                network.mainRouteTables(), network.natGateways(), network.internetGateways(), endpoints,
                network.transitGateways(), network.attachments(), network.tgwRouteTables(), network.tgwAssociations(),
                network.tgwPropagations(), network.tgwStaticRoutes(), network.instances(), network.names());
    }

    private void add(String type, String id, String name, JsonNode o) {
        names.putIfAbsent(id, name);
        switch (type) {
            case "aws:ec2/vpc:Vpc" -> {
                cidr(o, "cidrBlock").ifPresent(c -> vpcs.put(id, new Vpc(id, name, List.of(c))));
                text(o, "mainRouteTableId").ifPresent(rt -> mainRouteTables.put(id, rt));
            }
            case "aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation" ->
                    text(o, "vpcId").ifPresent(v -> text(o, "cidrBlock").ifPresent(c -> secondaryCidrs.add(new String[] {v, c})));
            case "aws:ec2/subnet:Subnet" -> {
                var vpc = text(o, "vpcId");
                var cidr = cidr(o, "cidrBlock");
                var az = text(o, "availabilityZone");
                if (vpc.isPresent() && cidr.isPresent() && az.isPresent()) {
                    subnets.put(id, new Subnet(id, name, vpc.get(), cidr.get(), az.get()));
                }
                text(o, "availabilityZoneId").ifPresent(zoneId -> zoneIds.put(id, zoneId));
            }
            case "aws:ec2/routeTable:RouteTable", "aws:ec2/defaultRouteTable:DefaultRouteTable" -> {
                text(o, "vpcId").ifPresent(v -> routeTables.put(id, new RouteTable(id, name, v, List.of())));
                var inline = inlineRoutes.computeIfAbsent(id, k -> new LinkedHashMap<>());
                for (JsonNode r : o.path("routes")) {
                    route(r, "cidrBlock").ifPresent(route -> inline.put(route.destination(), route));
                }
            }
            case "aws:ec2/route:Route" -> text(o, "routeTableId").ifPresent(rt -> route(o, "destinationCidrBlock")
                    .ifPresent(route -> routeResources.computeIfAbsent(rt, k -> new LinkedHashMap<>()).put(route.destination(), route)));
            case "aws:ec2/routeTableAssociation:RouteTableAssociation" ->
                    text(o, "subnetId").ifPresent(s -> text(o, "routeTableId").ifPresent(rt -> subnetRouteTables.put(s, rt)));
            case "aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation" ->
                    text(o, "vpcId").ifPresent(v -> text(o, "routeTableId").ifPresent(rt -> mainRouteTableAssociations.put(v, rt)));
            case "aws:ec2/natGateway:NatGateway" ->
                    text(o, "subnetId").ifPresent(s -> natGateways.put(id, new NatGateway(id, name, s)));
            case "aws:ec2/internetGateway:InternetGateway" ->
                    internetGateways.put(id, new InternetGateway(id, name, text(o, "vpcId")));
            case "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment" ->
                    text(o, "internetGatewayId").ifPresent(g -> text(o, "vpcId").ifPresent(v -> internetGatewayAttachments.put(g, v)));
            case "aws:networkfirewall/firewall:Firewall" -> firewall(text(o, "name").orElse(name), o);
            case "aws:ec2transitgateway/transitGateway:TransitGateway" -> transitGateways.put(id, new TransitGateway(id, name,
                    enabled(o, "defaultRouteTableAssociation") ? text(o, "associationDefaultRouteTableId") : Optional.empty(),
                    enabled(o, "defaultRouteTablePropagation") ? text(o, "propagationDefaultRouteTableId") : Optional.empty()));
            case "aws:ec2transitgateway/vpcAttachment:VpcAttachment" -> {
                var tgw = text(o, "transitGatewayId");
                var vpc = text(o, "vpcId");
                if (tgw.isPresent() && vpc.isPresent()) {
                    List<String> subnetIds = new ArrayList<>();
                    o.path("subnetIds").forEach(s -> subnetIds.add(s.asText()));
                    attachments.put(id, new TgwAttachment(id, name, tgw.get(), vpc.get(), List.copyOf(subnetIds),
                            enabled(o, "applianceModeSupport"),
                            o.path("transitGatewayDefaultRouteTableAssociation").asBoolean(true),
                            o.path("transitGatewayDefaultRouteTablePropagation").asBoolean(true)));
                }
            }
            case "aws:ec2transitgateway/routeTable:RouteTable" ->
                    text(o, "transitGatewayId").ifPresent(t -> tgwRouteTables.put(id, new TgwRouteTable(id, name, t)));
            case "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation" -> text(o, "transitGatewayAttachmentId")
                    .ifPresent(a -> text(o, "transitGatewayRouteTableId").ifPresent(rt -> tgwAssociations.put(a, rt)));
            case "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation" -> text(o, "transitGatewayAttachmentId")
                    .ifPresent(a -> text(o, "transitGatewayRouteTableId").ifPresent(rt -> tgwPropagations.add(new TgwPropagation(a, rt))));
            case "aws:ec2transitgateway/route:Route" -> text(o, "transitGatewayRouteTableId").ifPresent(rt -> cidr(o, "destinationCidrBlock")
                    .ifPresent(c -> tgwStaticRoutes.add(new TgwRoute(rt, c,
                            o.path("blackhole").asBoolean(false) ? Optional.empty() : text(o, "transitGatewayAttachmentId")))));
            case "aws:ec2/instance:Instance" -> text(o, "subnetId").ifPresent(s -> instances.add(new Instance(id, name, s)));
            default -> {
                // not part of the routing picture
            }
        }
    }

    /** firewallStatuses[].syncStates[]: one per AZ, with that AZ's endpoint and subnet. */
    private void firewall(String firewallName, JsonNode o) {
        for (JsonNode status : o.path("firewallStatuses")) {
            for (JsonNode sync : status.path("syncStates")) {
                var az = text(sync, "availabilityZone");
                for (JsonNode attachment : sync.path("attachments")) {
                    var endpoint = text(attachment, "endpointId");
                    var subnet = text(attachment, "subnetId");
                    if (az.isPresent() && endpoint.isPresent() && subnet.isPresent()) {
                        firewallEndpoints.put(endpoint.get(),
                                new FirewallEndpoint(endpoint.get(), firewallName, az.get(), subnet.get()));
                        names.putIfAbsent(endpoint.get(), firewallName + " endpoint " + az.get());
                    }
                }
            }
        }
    }

    private Network network() {
        for (String[] secondary : secondaryCidrs) {
            Vpc vpc = vpcs.get(secondary[0]);
            Optional<Cidr> cidr = Cidr.tryParse(secondary[1]);
            if (vpc != null && cidr.isPresent()) {
                List<Cidr> cidrs = new ArrayList<>(vpc.cidrs());
                cidrs.add(cidr.get());
                vpcs.put(vpc.id(), new Vpc(vpc.id(), vpc.name(), List.copyOf(cidrs)));
            }
        }
        mainRouteTables.putAll(mainRouteTableAssociations);
        // A route table's `routes` output is refreshed from AWS and may list the routes that
        // separate aws:ec2/route resources made too; one destination is one route, and the route
        // resource's own record is preferred.
        Map<String, RouteTable> withRoutes = new LinkedHashMap<>();
        routeTables.forEach((id, table) -> {
            Map<Cidr, Route> routes = new LinkedHashMap<>(inlineRoutes.getOrDefault(id, Map.of()));
            routes.putAll(routeResources.getOrDefault(id, Map.of()));
            withRoutes.put(id, new RouteTable(id, table.name(), table.vpcId(), List.copyOf(routes.values())));
        });
        internetGatewayAttachments.forEach((igw, vpc) -> {
            InternetGateway gateway = internetGateways.get(igw);
            if (gateway != null) {
                internetGateways.put(igw, new InternetGateway(igw, gateway.name(), Optional.of(vpc)));
            }
        });
        return new Network(vpcs, subnets, withRoutes, subnetRouteTables, mainRouteTables, natGateways,
                internetGateways, firewallEndpoints, transitGateways, attachments, tgwRouteTables, tgwAssociations,
                tgwPropagations, tgwStaticRoutes, instances, names);
    }

    /**
     * A VPC route from a route resource or an inline route block. Only IPv4 destinations are
     * routed; the target is the first of the fields that is set (empty strings, as Terraform
     * state stores unset ones, count as unset).
     */
    private static Optional<Route> route(JsonNode o, String destinationField) {
        return cidr(o, destinationField).map(destination -> {
            for (var target : List.of(
                    Map.entry("natGatewayId", TargetKind.NAT_GATEWAY),
                    Map.entry("transitGatewayId", TargetKind.TRANSIT_GATEWAY),
                    Map.entry("vpcEndpointId", TargetKind.VPC_ENDPOINT),
                    Map.entry("gatewayId", TargetKind.GATEWAY),
                    Map.entry("networkInterfaceId", TargetKind.OTHER),
                    Map.entry("vpcPeeringConnectionId", TargetKind.OTHER),
                    Map.entry("instanceId", TargetKind.OTHER),
                    Map.entry("carrierGatewayId", TargetKind.OTHER),
                    Map.entry("localGatewayId", TargetKind.OTHER),
                    Map.entry("egressOnlyGatewayId", TargetKind.OTHER),
                    Map.entry("coreNetworkArn", TargetKind.OTHER))) {
                Optional<String> id = text(o, target.getKey());
                if (id.isPresent()) {
                    boolean local = target.getValue() == TargetKind.GATEWAY && id.get().equals("local");
                    return new Route(destination, local ? TargetKind.LOCAL : target.getValue(), id.get());
                }
            }
            return new Route(destination, TargetKind.OTHER, "(no target)");
        });
    }

    private static String displayName(JsonNode resource, JsonNode outputs, String id) {
        return text(outputs.path("tags"), "Name").or(() -> {
            String urn = resource.path("urn").asText("");
            int cut = urn.lastIndexOf("::");
            return cut >= 0 && cut + 2 < urn.length() ? Optional.of(urn.substring(cut + 2)) : Optional.empty();
        }).orElse(id);
    }

    /** A non-empty string field; secrets (objects) and Terraform's empty strings are absent. */
    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static Optional<Cidr> cidr(JsonNode node, String field) {
        return text(node, field).flatMap(Cidr::tryParse);
    }

    private static boolean enabled(JsonNode node, String field) {
        return text(node, field).map("enable"::equals).orElse(false);
    }

    private static Map<String, List<String>> fieldsRead() {
        String[][] table = {
            {"aws:ec2/vpc:Vpc", "cidrBlock", "mainRouteTableId", "tags"},
            {"aws:ec2/vpcIpv4CidrBlockAssociation:VpcIpv4CidrBlockAssociation", "vpcId", "cidrBlock"},
            {"aws:ec2/subnet:Subnet", "vpcId", "cidrBlock", "availabilityZone", "availabilityZoneId", "tags"},
            {"aws:ec2/routeTable:RouteTable", "vpcId", "routes", "tags"},
            {"aws:ec2/defaultRouteTable:DefaultRouteTable", "vpcId", "routes", "tags"},
            {"aws:ec2/route:Route", "routeTableId", "destinationCidrBlock", "natGatewayId", "transitGatewayId",
                "vpcEndpointId", "gatewayId", "networkInterfaceId", "vpcPeeringConnectionId", "instanceId",
                "carrierGatewayId", "localGatewayId", "egressOnlyGatewayId", "coreNetworkArn"},
            {"aws:ec2/routeTableAssociation:RouteTableAssociation", "subnetId", "routeTableId"},
            {"aws:ec2/mainRouteTableAssociation:MainRouteTableAssociation", "vpcId", "routeTableId"},
            {"aws:ec2/natGateway:NatGateway", "subnetId", "tags"},
            {"aws:ec2/internetGateway:InternetGateway", "vpcId", "tags"},
            {"aws:ec2/internetGatewayAttachment:InternetGatewayAttachment", "internetGatewayId", "vpcId"},
            {"aws:networkfirewall/firewall:Firewall", "name", "firewallStatuses"},
            {"aws:ec2transitgateway/transitGateway:TransitGateway", "defaultRouteTableAssociation",
                "associationDefaultRouteTableId", "defaultRouteTablePropagation", "propagationDefaultRouteTableId", "tags"},
            {"aws:ec2transitgateway/vpcAttachment:VpcAttachment", "transitGatewayId", "vpcId", "subnetIds",
                "applianceModeSupport", "transitGatewayDefaultRouteTableAssociation",
                "transitGatewayDefaultRouteTablePropagation", "tags"},
            {"aws:ec2transitgateway/routeTable:RouteTable", "transitGatewayId", "tags"},
            {"aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation", "transitGatewayAttachmentId",
                "transitGatewayRouteTableId"},
            {"aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation", "transitGatewayAttachmentId",
                "transitGatewayRouteTableId"},
            {"aws:ec2transitgateway/route:Route", "transitGatewayRouteTableId", "destinationCidrBlock",
                "transitGatewayAttachmentId", "blackhole"},
            {"aws:ec2/instance:Instance", "subnetId", "tags"},
        };
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String[] row : table) {
            fields.put(row[0], List.of(row).subList(1, row.length));
        }
        return Collections.unmodifiableMap(fields);
    }
}
