package dev.hubspoke.components;

import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.VpcEndpoint;
import com.pulumi.aws.ec2.VpcEndpointArgs;
import com.pulumi.aws.ec2.inputs.SecurityGroupIngressArgs;
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
import java.util.Optional;

/**
 * {@code hubspoke:index:SpokeVpc}: a workload VPC behind the hub, with no public subnets. Per AZ
 * it has a workload and a tgw subnet, each with its own route table; workload subnets send
 * 0.0.0.0/0 to the Transit Gateway. Its attachment associates with the spoke route table and
 * propagates into the inspection route table only: propagating into the spoke route table would
 * let spoke-to-spoke traffic bypass the firewall.
 *
 * <p>Without the route table ids (a Transit Gateway another account shared) it builds the VPC, its
 * subnets, routes and the attachment, and nothing on the Transit Gateway's route tables, which
 * only the owner can change: the owner wires the attachment with {@link SpokeAttachment} or a
 * HubAndSpoke external spoke. With an {@code addressBook} it is checked against its entry first.
 */
public final class SpokeVpc extends BaseComponent {

    public static final String TYPE = "hubspoke:index:SpokeVpc";

    /** The interface endpoints Session Manager needs to reach an instance without internet access. */
    static final List<String> SSM_SERVICES = List.of("ssm", "ssmmessages", "ec2messages");

    /** The checked inputs: everything the constructor needs, known before anything is registered. */
    record Plan(SubnetPlan subnets, Zones zones, int logRetentionDays) {
    }

    /** The route table ids of the owner's hub, when this stack owns the Transit Gateway. */
    private record HubTables(Output<String> spokeRouteTableId, Output<String> inspectionRouteTableId) {
    }

    /** What the constructor registers from: the plan, with the zones known, and the hub's tables if this stack owns them. */
    private record Checked(Plan plan, Optional<HubTables> hub) {
    }

    private final Output<String> vpcId;
    private final Output<List<String>> workloadSubnetIds;
    private final Output<String> firstWorkloadSubnetId;
    private final Output<String> transitGatewayAttachmentId;

    /**
     * @param name    the component's resource name; children are named {@code <name>-vpc},
     *                {@code <name>-workload-0}, {@code <name>-workload-rt-0}, ...
     * @param args    the inputs, as in schema.json
     * @param options resource options; children inherit its providers through {@code parent}
     * @throws dev.hubspoke.net.InvalidNetworkException for a bad input, before anything is registered
     */
    public SpokeVpc(String name, SpokeVpcArgs args, ComponentResourceOptions options) {
        this(name, checked(Reporter.of("SpokeVpc", name), args, options), args, options);
    }

    private SpokeVpc(String name, Checked checked, SpokeVpcArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var scope = scope(name, args.tags());
        Plan plan = checked.plan();
        List<String> zones = plan.zones().names();
        Cidr cidr = plan.subnets().vpc();

        var vpc = VpcParts.vpc(scope, cidr);
        var workloads = VpcParts.tier(scope, vpc, plan.subnets(), Tier.WORKLOAD, zones);
        var tgws = VpcParts.tier(scope, vpc, plan.subnets(), Tier.TGW, zones);

        Optional<HubTables> hub = checked.hub();
        var attachment = VpcParts.attachment(scope, vpc, args.transitGatewayId(), tgws, false, hub.isPresent());
        hub.ifPresent(tables -> VpcParts.spokeRouting(scope, attachment.id(), tables.spokeRouteTableId(),
                tables.inspectionRouteTableId(), scope.options()));
        for (int a = 0; a < workloads.size(); a++) {
            VpcParts.route(scope, scope.name("workload-default", a), workloads.get(a).routeTable(),
                    InspectionVpc.ANYWHERE, r -> r.transitGatewayId(args.transitGatewayId()),
                    scope.dependingOn(attachment));
        }

        var aws = new AwsEnvironment(this);
        List<VpcEndpoint> endpoints = args.ssmEndpoints() ? ssmEndpoints(scope, aws, vpc.id(), cidr, workloads) : List.of();
        if (args.flowLogs()) {
            VpcParts.flowLogs(scope, aws, vpc, plan.logRetentionDays());
        }

        this.vpcId = vpc.id();
        this.workloadSubnetIds = VpcParts.subnetIds(workloads);
        this.firstWorkloadSubnetId = workloads.get(0).subnet().id();
        this.transitGatewayAttachmentId = attachment.id();
        var out = new LinkedHashMap<String, Output<?>>();
        out.put("vpcId", vpc.id());
        out.put("cidrBlock", Output.of(cidr.toString()));
        out.put("availabilityZones", VpcParts.zoneNames(zones, tgws));
        out.put("availabilityZoneIds", VpcParts.zoneIds(zones, tgws));
        out.put("workloadSubnetIds", workloadSubnetIds);
        out.put("tgwSubnetIds", VpcParts.subnetIds(tgws));
        out.put("routeTableIds", VpcParts.routeTableIds(workloads));
        out.put("tgwRouteTableIds", VpcParts.routeTableIds(tgws));
        out.put("transitGatewayAttachmentId", attachment.id());
        out.put("ssmEndpointIds", VpcParts.ids(endpoints));
        publish(out);
    }

    /**
     * {@link #plan} plus the ids only a standalone SpokeVpc is given by its user, and the zones
     * looked up (if none were listed): everything is checked before anything is registered.
     */
    private static Checked checked(Reporter r, SpokeVpcArgs args, ComponentResourceOptions options) {
        var entry = AddressBooks.entry(r, args.addressBook(), args.addressBookEntry());
        List<String> listed = Defaults.list(args.availabilityZones());
        List<String> zones = entry.map(e -> AddressBooks.zones(r, e, listed)).orElse(listed);
        var plan = plan(r, args.cidrBlock(), zones, args.azCount(),
                args.workloadSubnetPrefixLength(), args.tgwSubnetPrefixLength(), args.logRetentionDays());
        Checks.required(r, "transitGatewayId", args.transitGatewayId());
        entry.ifPresent(e -> {
            AddressBooks.cidr(r, e, args.addressBookEntry().orElseThrow(), plan.subnets().vpc());
            AddressBooks.transitGateway(r, e, args.transitGatewayId());
        });
        var hub = hubTables(r, args);
        return new Checked(new Plan(plan.subnets(), plan.zones().resolved(r, options), plan.logRetentionDays()), hub);
    }

    /** Both route table ids (this account owns the Transit Gateway) or neither (another account shares it). */
    private static Optional<HubTables> hubTables(Reporter r, SpokeVpcArgs args) {
        var spoke = Checks.optional(r, "spokeRouteTableId", args.spokeRouteTableId());
        var inspection = Checks.optional(r, "inspectionRouteTableId", args.inspectionRouteTableId());
        if (spoke.isPresent() != inspection.isPresent()) {
            String given = spoke.isPresent() ? "spokeRouteTableId" : "inspectionRouteTableId";
            String missing = spoke.isPresent() ? "inspectionRouteTableId" : "spokeRouteTableId";
            throw r.fail(missing, null, "is missing while " + r.path(given) + " is given",
                    "give both route table ids when this stack owns the Transit Gateway, or neither when another"
                            + " account shares it (its owner then wires the attachment with a SpokeAttachment)");
        }
        return spoke.map(s -> new HubTables(s, inspection.orElseThrow()));
    }

    static Plan plan(Reporter r, String cidrBlock, List<String> availabilityZones, Optional<Integer> azCount,
                     Optional<Integer> workloadSubnetPrefixLength, int tgwSubnetPrefixLength, int logRetentionDays) {
        Cidr vpc = Checks.vpcCidr(r, "cidrBlock", cidrBlock);
        Zones zones = Checks.zones(r, availabilityZones, azCount);
        Optional<Integer> workloadPrefix = workloadSubnetPrefixLength == null ? Optional.empty() : workloadSubnetPrefixLength;
        SubnetPlan subnets;
        try {
            subnets = Layouts.spoke(vpc, zones.count(), workloadPrefix, tgwSubnetPrefixLength);
        } catch (PlanningException e) {
            throw blame(r, e, cidrBlock, workloadPrefix, tgwSubnetPrefixLength);
        }
        return new Plan(subnets, zones, Checks.logRetentionDays(r, logRetentionDays));
    }

    /**
     * Puts a planning failure on the input the user can change: a subnet prefix the user chose,
     * or, when the tier already has the default or smallest size, the VPC block itself.
     */
    private static RuntimeException blame(Reporter r, PlanningException e, String cidrBlock,
                                          Optional<Integer> workloadPrefix, int tgwPrefix) {
        Tier tier = e.subject().tier();
        if (tier == Tier.WORKLOAD && workloadPrefix.isPresent()) {
            return r.fail("workloadSubnetPrefixLength", workloadPrefix.get(), e.getMessage(), e.fix());
        }
        if (tier == Tier.TGW && tgwPrefix != Layouts.SMALL_SUBNET_PREFIX) {
            return r.fail("tgwSubnetPrefixLength", tgwPrefix, e.getMessage(), e.fix());
        }
        if (tier == null) {
            return r.fail("azCount", null, e.getMessage(), e.fix());
        }
        return r.fail("cidrBlock", cidrBlock, e.getMessage(),
                "use a larger VPC block (a /25 holds the smallest layout)"
                        + (tier == Tier.WORKLOAD ? ", or set workloadSubnetPrefixLength" : ""));
    }

    /**
     * Interface endpoints for Session Manager in the workload subnets, so instances are reachable
     * without any inbound rule or internet path. Their security group admits HTTPS from this VPC only.
     */
    private static List<VpcEndpoint> ssmEndpoints(Scope scope, AwsEnvironment aws, Output<String> vpcId, Cidr cidr,
                                                  List<TierSubnet> workloads) {
        String sgName = scope.name("ssm-sg");
        var sg = new SecurityGroup(sgName, SecurityGroupArgs.builder()
                .vpcId(vpcId)
                .description("HTTPS to the SSM endpoints from inside the VPC")
                .ingress(SecurityGroupIngressArgs.builder()
                        .description("HTTPS from the VPC")
                        .protocol("tcp")
                        .fromPort(443)
                        .toPort(443)
                        .cidrBlocks(cidr.toString())
                        .build())
                .tags(scope.tags(sgName))
                .build(), scope.options());
        var endpoints = new ArrayList<VpcEndpoint>();
        for (String service : SSM_SERVICES) {
            String name = scope.name(service + "-endpoint");
            endpoints.add(new VpcEndpoint(name, VpcEndpointArgs.builder()
                    .vpcId(vpcId)
                    .vpcEndpointType("Interface")
                    .serviceName(aws.endpointServiceName(service))
                    .privateDnsEnabled(true)
                    .subnetIds(VpcParts.subnetIds(workloads))
                    .securityGroupIds(sg.id().applyValue(List::of))
                    .tags(scope.tags(name))
                    .build(), scope.options()));
        }
        return endpoints;
    }

    Output<String> vpcId() {
        return vpcId;
    }

    Output<List<String>> workloadSubnetIds() {
        return workloadSubnetIds;
    }

    /**
     * The id of the AZ 0 workload subnet, straight from that subnet: not an element of
     * {@link #workloadSubnetIds()}, which is unknown during a preview that adds an AZ (the new
     * subnet has no id yet), and would make the engine plan a replacement of whatever reads it.
     */
    Output<String> firstWorkloadSubnetId() {
        return firstWorkloadSubnetId;
    }

    Output<String> transitGatewayAttachmentId() {
        return transitGatewayAttachmentId;
    }
}
