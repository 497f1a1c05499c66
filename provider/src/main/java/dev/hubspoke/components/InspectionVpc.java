package dev.hubspoke.components;

import com.pulumi.aws.ec2.Eip;
import com.pulumi.aws.ec2.EipArgs;
import com.pulumi.aws.ec2.InternetGateway;
import com.pulumi.aws.ec2.InternetGatewayArgs;
import com.pulumi.aws.ec2.NatGateway;
import com.pulumi.aws.ec2.NatGatewayArgs;
import com.pulumi.aws.ec2.RouteArgs;
import com.pulumi.aws.ec2transitgateway.Route;
import com.pulumi.aws.ec2transitgateway.RouteTableAssociation;
import com.pulumi.aws.ec2transitgateway.RouteTableAssociationArgs;
import com.pulumi.aws.networkfirewall.Firewall;
import com.pulumi.aws.networkfirewall.FirewallArgs;
import com.pulumi.aws.networkfirewall.LoggingConfiguration;
import com.pulumi.aws.networkfirewall.LoggingConfigurationArgs;
import com.pulumi.aws.networkfirewall.inputs.FirewallSubnetMappingArgs;
import com.pulumi.aws.networkfirewall.inputs.LoggingConfigurationLoggingConfigurationArgs;
import com.pulumi.aws.networkfirewall.inputs.LoggingConfigurationLoggingConfigurationLogDestinationConfigArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import dev.hubspoke.components.VpcParts.TierSubnet;
import dev.hubspoke.net.Cidr;
import dev.hubspoke.net.Layouts;
import dev.hubspoke.net.PlanningException;
import dev.hubspoke.net.SubnetPlan;
import dev.hubspoke.net.Tier;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@code hubspoke:index:InspectionVpc}: the hub's VPC for centralized egress and inspection. Per
 * AZ it has a public, a firewall and a tgw subnet, each with its own route table:
 * <pre>
 *   tgw-a:      0.0.0.0/0 -> firewall endpoint of AZ a (no firewall: NAT of AZ a)
 *               (single NAT: 0.0.0.0/0 -> endpoint of the NAT's AZ; supernet -> endpoint of AZ a)
 *   firewall-a: 0.0.0.0/0 -> NAT of AZ a (or the single NAT); supernet -> TGW
 *   public-a:   0.0.0.0/0 -> IGW; supernet -> firewall endpoint of AZ a (no firewall: TGW)
 * </pre>
 * Every flow crosses one firewall endpoint both ways: the TGW keeps a flow in one AZ of the
 * attachment (appliance mode) and east-west replies come back through it, and internet replies
 * come back through the NAT's AZ, whose endpoint the request crossed (see the loop below).
 * The routes keep their resource names whether or not there is a firewall, so turning it on or
 * off updates their targets in place in one {@code pulumi up}. The TGW attachment runs in
 * appliance mode so both directions of a flow cross the same AZ's firewall endpoint.
 */
public final class InspectionVpc extends BaseComponent {

    public static final String TYPE = "hubspoke:index:InspectionVpc";

    static final String ANYWHERE = "0.0.0.0/0";

    /** The checked inputs: everything the constructor needs, known before anything is registered. */
    record Plan(SubnetPlan subnets, Cidr supernet, Zones zones, int logRetentionDays) {
    }

    private final Output<String> vpcId;
    private final Output<List<String>> natPublicIps;
    private final Output<List<String>> availabilityZoneIds;
    private final Optional<Output<String>> firewallArn;

    /**
     * @param name    the component's resource name; children are named {@code <name>-vpc},
     *                {@code <name>-tgw-rt-0}, {@code <name>-nat-1}, ...
     * @param args    the inputs, as in schema.json
     * @param options resource options; children inherit its providers through {@code parent}
     * @throws dev.hubspoke.net.InvalidNetworkException for a bad input, before anything is registered
     */
    public InspectionVpc(String name, InspectionVpcArgs args, ComponentResourceOptions options) {
        this(name, checked(Reporter.of("InspectionVpc", name), args, options), args, options);
    }

    private InspectionVpc(String name, Plan plan, InspectionVpcArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var scope = scope(name, args.tags());
        List<String> zoneNames = plan.zones().names();
        String supernet = plan.supernet().toString();

        var vpc = VpcParts.vpc(scope, plan.subnets().vpc());
        String igwName = scope.name("igw");
        var igw = new InternetGateway(igwName, InternetGatewayArgs.builder()
                .vpcId(vpc.id())
                .tags(scope.tags(igwName))
                .build(), scope.options());
        var publics = VpcParts.tier(scope, vpc, plan.subnets(), Tier.PUBLIC, zoneNames);
        var firewalls = VpcParts.tier(scope, vpc, plan.subnets(), Tier.FIREWALL, zoneNames);
        var tgws = VpcParts.tier(scope, vpc, plan.subnets(), Tier.TGW, zoneNames);

        int natCount = Defaults.or(args.natGateways(), Defaults.NAT_GATEWAYS) == NatGatewayMode.SINGLE ? 1 : publics.size();
        var eips = new ArrayList<Eip>();
        var nats = new ArrayList<NatGateway>();
        for (int a = 0; a < natCount; a++) {
            String eipName = scope.name("nat-eip", a);
            var eip = new Eip(eipName, EipArgs.builder()
                    .domain("vpc")
                    .tags(scope.tags(eipName))
                    .build(), scope.options());
            String natName = scope.name("nat", a);
            // A NAT gateway only works once the VPC has its internet gateway.
            nats.add(new NatGateway(natName, NatGatewayArgs.builder()
                    .allocationId(eip.id())
                    .subnetId(publics.get(a).subnet().id())
                    .tags(scope.tags(natName))
                    .build(), scope.dependingOn(igw)));
            eips.add(eip);
        }

        var attachment = VpcParts.attachment(scope, vpc, args.transitGatewayId(), tgws, true, true);
        new RouteTableAssociation(scope.name("tgw-association"), RouteTableAssociationArgs.builder()
                .transitGatewayAttachmentId(attachment.id())
                .transitGatewayRouteTableId(args.inspectionRouteTableId())
                .build(), scope.options());
        new Route(scope.name("spoke-default-route"), com.pulumi.aws.ec2transitgateway.RouteArgs.builder()
                .destinationCidrBlock(ANYWHERE)
                .transitGatewayRouteTableId(args.spokeRouteTableId())
                .transitGatewayAttachmentId(attachment.id())
                .build(), scope.options());

        Optional<Firewall> firewall = args.firewallPolicyArn() == null ? Optional.empty()
                : args.firewallPolicyArn().map(policyArn -> firewall(scope, vpc.id(), policyArn, firewalls));

        for (int a = 0; a < publics.size(); a++) {
            int natAz = Math.min(a, natCount - 1);
            NatGateway nat = nats.get(natAz);
            Optional<Output<String>> endpoint = endpointIn(firewall, zoneNames, firewalls, a);
            // Internet-bound traffic goes to the endpoint of the NAT gateway's AZ: the NAT sends the
            // replies back by its own AZ's public route table, so only that AZ's endpoint sees both
            // directions. With perAz NAT gateways that is this AZ's endpoint; with a single NAT
            // gateway, AZ 0's. AWS Network Firewall drops a flow whose directions cross different
            // endpoints (https://docs.aws.amazon.com/network-firewall/latest/developerguide/asymmetric-routing.html),
            // and in appliance mode the TGW may hand a flow to any AZ's tgw subnet
            // (https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-appliance-scenario.html).
            Optional<Output<String>> egressEndpoint = natAz == a ? endpoint : endpointIn(firewall, zoneNames, firewalls, natAz);
            UnaryOperator<RouteArgs.Builder> toTgw = r -> r.transitGatewayId(args.transitGatewayId());

            VpcParts.route(scope, scope.name("public-default", a), publics.get(a).routeTable(), ANYWHERE,
                    r -> r.gatewayId(igw.id()), scope.options());
            VpcParts.route(scope, scope.name("public-supernet", a), publics.get(a).routeTable(), supernet,
                    endpoint.<UnaryOperator<RouteArgs.Builder>>map(e -> r -> r.vpcEndpointId(e)).orElse(toTgw),
                    scope.dependingOn(attachment));
            VpcParts.route(scope, scope.name("firewall-default", a), firewalls.get(a).routeTable(), ANYWHERE,
                    r -> r.natGatewayId(nat.id()), scope.options());
            VpcParts.route(scope, scope.name("firewall-supernet", a), firewalls.get(a).routeTable(), supernet,
                    toTgw, scope.dependingOn(attachment));
            VpcParts.route(scope, scope.name("tgw-default", a), tgws.get(a).routeTable(), ANYWHERE,
                    egressEndpoint.<UnaryOperator<RouteArgs.Builder>>map(e -> r -> r.vpcEndpointId(e))
                            .orElse(r -> r.natGatewayId(nat.id())),
                    scope.options());
            if (firewall.isPresent() && natAz != a) {
                // East-west traffic stays with this AZ's endpoint: the TGW returns its replies to
                // this same AZ (appliance mode), so they cross this endpoint again.
                VpcParts.route(scope, scope.name("tgw-supernet", a), tgws.get(a).routeTable(), supernet,
                        r -> r.vpcEndpointId(endpoint.get()), scope.options());
            }
        }

        if (args.firewallLogging()) {
            firewall.ifPresent(fw -> firewallLogging(scope, fw, plan.logRetentionDays()));
        }
        if (args.flowLogs()) {
            VpcParts.flowLogs(scope, new AwsEnvironment(this), vpc, plan.logRetentionDays());
        }

        this.vpcId = vpc.id();
        this.availabilityZoneIds = VpcParts.zoneIds(zoneNames, tgws);
        this.natPublicIps = Output.all(eips.stream().map(Eip::publicIp).toList());
        this.firewallArn = firewall.map(Firewall::arn);
        var out = new LinkedHashMap<String, Output<?>>();
        out.put("vpcId", vpc.id());
        out.put("availabilityZones", VpcParts.zoneNames(zoneNames, tgws));
        out.put("availabilityZoneIds", availabilityZoneIds);
        out.put("publicSubnetIds", VpcParts.subnetIds(publics));
        out.put("firewallSubnetIds", VpcParts.subnetIds(firewalls));
        out.put("tgwSubnetIds", VpcParts.subnetIds(tgws));
        out.put("publicRouteTableIds", VpcParts.routeTableIds(publics));
        out.put("firewallRouteTableIds", VpcParts.routeTableIds(firewalls));
        out.put("tgwRouteTableIds", VpcParts.routeTableIds(tgws));
        out.put("internetGatewayId", igw.id());
        out.put("natGatewayIds", VpcParts.ids(nats));
        out.put("natPublicIps", natPublicIps);
        out.put("transitGatewayAttachmentId", attachment.id());
        firewallArn.ifPresent(arn -> out.put("firewallArn", arn));
        publish(out);
    }

    /**
     * The firewall endpoint in AZ {@code a}, when there is a firewall. The firewall reports its
     * endpoints by zone name: with zones listed by AZ ID, the name is the one AWS gave the firewall subnet.
     */
    private static Optional<Output<String>> endpointIn(Optional<Firewall> firewall, List<String> zones,
                                                       List<VpcParts.TierSubnet> firewallSubnets, int a) {
        String zone = zones.get(a);
        if (!Zones.isZoneId(zone)) {
            return firewall.map(fw -> fw.firewallStatuses().applyValue(statuses -> FirewallEndpoints.in(statuses, zone)));
        }
        return firewall.map(fw -> Output.tuple(fw.firewallStatuses(), firewallSubnets.get(a).subnet().availabilityZone())
                .applyValue(t -> FirewallEndpoints.in(t.t1, t.t2)));
    }

    /**
     * {@link #plan} plus the ids only a standalone InspectionVpc is given by its user, and the
     * zones looked up (if none were listed): everything is checked before anything is registered.
     */
    private static Plan checked(Reporter r, InspectionVpcArgs args, ComponentResourceOptions options) {
        var plan = plan(r, args.cidrBlock(), args.supernetCidrBlock(), args.allowPublicSupernet(),
                args.availabilityZones(), args.azCount(), args.logRetentionDays());
        Checks.required(r, "transitGatewayId", args.transitGatewayId());
        Checks.required(r, "spokeRouteTableId", args.spokeRouteTableId());
        Checks.required(r, "inspectionRouteTableId", args.inspectionRouteTableId());
        Checks.optional(r, "firewallPolicyArn", args.firewallPolicyArn());
        return new Plan(plan.subnets(), plan.supernet(), plan.zones().resolved(r, options), plan.logRetentionDays());
    }

    static Plan plan(Reporter r, String cidrBlock, String supernetCidrBlock, boolean allowPublicSupernet,
                     List<String> availabilityZones, Optional<Integer> azCount, int logRetentionDays) {
        Cidr supernet = Checks.supernet(r, Defaults.or(supernetCidrBlock, Defaults.SUPERNET_CIDR_BLOCK), allowPublicSupernet);
        Cidr vpc = Checks.vpcCidr(r, "cidrBlock", cidrBlock);
        Checks.inside(r, "cidrBlock", vpc, supernet);
        Zones zones = Checks.zones(r, availabilityZones, azCount);
        SubnetPlan subnets;
        try {
            subnets = Layouts.inspection(vpc, zones.count());
        } catch (PlanningException e) {
            // The tiers' sizes are fixed, so the only fix is a larger block.
            throw r.fail("cidrBlock", cidrBlock, e.getMessage(),
                    "use a /24 or larger block: the public, firewall and tgw tiers each reserve "
                            + "4 subnets of /" + Layouts.SMALL_SUBNET_PREFIX);
        }
        return new Plan(subnets, supernet, zones, Checks.logRetentionDays(r, logRetentionDays));
    }

    private static Firewall firewall(Scope scope, Output<String> vpcId, Output<String> policyArn,
                                     List<TierSubnet> subnets) {
        String name = scope.name("firewall");
        return new Firewall(name, FirewallArgs.builder()
                .vpcId(vpcId)
                .firewallPolicyArn(policyArn)
                .subnetMappings(VpcParts.joined(subnets.stream()
                        .map(s -> s.subnet().id().applyValue(id -> FirewallSubnetMappingArgs.builder().subnetId(id).build()))
                        .toList()))
                .tags(scope.tags(name))
                .build(), scope.options());
    }

    /** Alert and flow logs of the firewall, each to its own CloudWatch log group. */
    private static void firewallLogging(Scope scope, Firewall firewall, int retentionDays) {
        var configs = new ArrayList<Output<LoggingConfigurationLoggingConfigurationLogDestinationConfigArgs>>();
        for (String logType : List.of("ALERT", "FLOW")) {
            var group = VpcParts.vendedLogGroup(scope, "firewall-" + logType.toLowerCase() + "-logs", retentionDays);
            configs.add(group.name().applyValue(groupName -> LoggingConfigurationLoggingConfigurationLogDestinationConfigArgs
                    .builder()
                    .logType(logType)
                    .logDestinationType("CloudWatchLogs")
                    .logDestination(Map.of("logGroup", groupName))
                    .build()));
        }
        new LoggingConfiguration(scope.name("firewall-logging"), LoggingConfigurationArgs.builder()
                .firewallArn(firewall.arn())
                .loggingConfiguration(LoggingConfigurationLoggingConfigurationArgs.builder()
                        .logDestinationConfigs(VpcParts.joined(configs))
                        .build())
                .build(), scope.options());
    }

    Output<String> vpcId() {
        return vpcId;
    }

    /** The AZ IDs of its zones, in AZ order: what other accounts line their zones up with. */
    Output<List<String>> availabilityZoneIds() {
        return availabilityZoneIds;
    }

    Output<List<String>> natPublicIps() {
        return natPublicIps;
    }

    Optional<Output<String>> firewallArn() {
        return firewallArn;
    }
}
