package dev.hubspoke.components;

import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.ec2.DefaultSecurityGroup;
import com.pulumi.aws.ec2.DefaultSecurityGroupArgs;
import com.pulumi.aws.ec2.FlowLog;
import com.pulumi.aws.ec2.FlowLogArgs;
import com.pulumi.aws.ec2.Route;
import com.pulumi.aws.ec2.RouteArgs;
import com.pulumi.aws.ec2.RouteTable;
import com.pulumi.aws.ec2.RouteTableArgs;
import com.pulumi.aws.ec2.RouteTableAssociation;
import com.pulumi.aws.ec2.RouteTableAssociationArgs;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.ec2transitgateway.RouteTablePropagation;
import com.pulumi.aws.ec2transitgateway.RouteTablePropagationArgs;
import com.pulumi.aws.ec2transitgateway.VpcAttachment;
import com.pulumi.aws.ec2transitgateway.VpcAttachmentArgs;
import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import dev.hubspoke.net.Cidr;
import dev.hubspoke.net.SubnetPlan;
import dev.hubspoke.net.Tier;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** The parts InspectionVpc and SpokeVpc share: VPC, subnet tiers, TGW attachment, flow logs. */
final class VpcParts {

    /** One subnet of a tier with its own route table, so every AZ can route on its own. */
    record TierSubnet(Subnet subnet, RouteTable routeTable) {
    }

    private VpcParts() {
    }

    static Vpc vpc(Scope scope, Cidr cidr) {
        String name = scope.name("vpc");
        var vpc = new Vpc(name, VpcArgs.builder()
                .cidrBlock(cidr.toString())
                .enableDnsSupport(true)
                .enableDnsHostnames(true)
                .tags(scope.tags(name))
                .build(), scope.options());
        emptyDefaultSecurityGroup(scope, vpc);
        return vpc;
    }

    /**
     * Adopts the VPC's default security group and removes all its rules (the resource manages
     * the group's rules, and lists none): anything launched without a security group of its own
     * can then neither send nor receive. CIS AWS Foundations Benchmark control EC2.2
     * (https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-2).
     * Deleting the resource leaves the group, empty, to the VPC.
     */
    private static DefaultSecurityGroup emptyDefaultSecurityGroup(Scope scope, Vpc vpc) {
        String name = scope.name("default-sg");
        return new DefaultSecurityGroup(name, DefaultSecurityGroupArgs.builder()
                .vpcId(vpc.id())
                .tags(scope.tags(name))
                .build(), scope.options());
    }

    /**
     * Per AZ of the plan: the tier's subnet ({@code <name>-<tier>-<a>}), route table
     * ({@code <name>-<tier>-rt-<a>}) and their association ({@code <name>-<tier>-rta-<a>}).
     * The zones are plain strings, known before anything is registered (see
     * {@link Zones#resolved}): a subnet's zone must never wait on an Output, since a change of
     * zone replaces the subnet. A zone given as an AZ ID ({@code use1-az1}) is set as the subnet's
     * {@code availabilityZoneId}, a name as its {@code availabilityZone}, so a network listed by
     * name keeps exactly the inputs it was created with.
     */
    static List<TierSubnet> tier(Scope scope, Vpc vpc, SubnetPlan plan, Tier tier, List<String> zones) {
        var subnets = new ArrayList<TierSubnet>();
        for (var planned : plan.subnets(tier)) {
            int az = planned.azIndex();
            String label = tier.label();
            String subnetName = scope.name(label, az);
            var subnetArgs = SubnetArgs.builder()
                    .vpcId(vpc.id())
                    .cidrBlock(planned.cidr().toString());
            String zone = zones.get(az);
            if (Zones.isZoneId(zone)) {
                subnetArgs.availabilityZoneId(zone);
            } else {
                subnetArgs.availabilityZone(zone);
            }
            var subnet = new Subnet(subnetName, subnetArgs
                    .mapPublicIpOnLaunch(false)
                    .tags(scope.tags(subnetName))
                    .build(), scope.options());
            String tableName = scope.name(label + "-rt", az);
            var table = new RouteTable(tableName, RouteTableArgs.builder()
                    .vpcId(vpc.id())
                    .tags(scope.tags(tableName))
                    .build(), scope.options());
            new RouteTableAssociation(scope.name(label + "-rta", az), RouteTableAssociationArgs.builder()
                    .subnetId(subnet.id())
                    .routeTableId(table.id())
                    .build(), scope.options());
            subnets.add(new TierSubnet(subnet, table));
        }
        return subnets;
    }

    /**
     * The VPC's Transit Gateway attachment on its tgw subnets. Default association and propagation
     * are off: the components associate and propagate explicitly, into the right route tables.
     * On a Transit Gateway another account shared ({@code ownTransitGateway} false) the two flags
     * are left unset: AWS lets only the owner set them
     * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyTransitGatewayVpcAttachment.html,
     * and the aws provider's VpcAttachment documents that they cannot be configured on a RAM-shared
     * Transit Gateway); the owner's Transit Gateway has default association and propagation off anyway.
     */
    static VpcAttachment attachment(Scope scope, Vpc vpc, Output<String> transitGatewayId,
                                    List<TierSubnet> tgwSubnets, boolean applianceMode, boolean ownTransitGateway) {
        String name = scope.name("tgw-attachment");
        var args = VpcAttachmentArgs.builder()
                .transitGatewayId(transitGatewayId)
                .vpcId(vpc.id())
                .subnetIds(ids(tgwSubnets.stream().map(TierSubnet::subnet).toList()))
                .dnsSupport("enable")
                .tags(scope.tags(name));
        if (ownTransitGateway) {
            args.transitGatewayDefaultRouteTableAssociation(false)
                    .transitGatewayDefaultRouteTablePropagation(false);
        }
        if (applianceMode) {
            args.applianceModeSupport("enable");
        }
        return new VpcAttachment(name, args.build(), scope.options());
    }

    /**
     * VPC flow logs to a CloudWatch log group, through a role that may write to that group only and
     * that the flow-logs service may assume only for this account's flow logs in this region
     * (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html). The flow log
     * waits for the role's policy: created before it, its first deliveries would be refused.
     */
    static FlowLog flowLogs(Scope scope, AwsEnvironment aws, Vpc vpc, int retentionDays) {
        var group = logGroup(scope, "flow-logs", retentionDays);
        var trust = Output.tuple(aws.servicePrincipal("vpc-flow-logs"), aws.accountId(),
                        aws.arn("ec2", "vpc-flow-log/*"))
                .applyValue(t -> Json.assumeRoleBy(t.t1, t.t2, t.t3));
        var role = serviceRole(scope, "flow-logs-role", trust);
        var policy = new RolePolicy(scope.name("flow-logs-policy"), RolePolicyArgs.builder()
                .role(role.id())
                .policy(group.arn().applyValue(arn -> Json.allow(
                        List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"),
                        List.of(arn, arn + ":*"))))
                .build(), scope.options());
        String name = scope.name("flow-log");
        return new FlowLog(name, FlowLogArgs.builder()
                .vpcId(vpc.id())
                .trafficType("ALL")
                .logDestinationType("cloud-watch-logs")
                .logDestination(group.arn())
                .iamRoleArn(role.arn())
                .tags(scope.tags(name))
                .build(), scope.dependingOn(policy));
    }

    /** An IAM role with the given trust policy; its permissions are attached by the caller. */
    static Role serviceRole(Scope scope, String role, Output<String> trustPolicy) {
        String name = scope.name(role);
        return new Role(name, RoleArgs.builder()
                .assumeRolePolicy(trustPolicy)
                .tags(scope.tags(name))
                .build(), scope.options());
    }

    static LogGroup logGroup(Scope scope, String role, int retentionDays) {
        String name = scope.name(role);
        return new LogGroup(name, LogGroupArgs.builder()
                .retentionInDays(retentionDays)
                .tags(scope.tags(name))
                .build(), scope.options());
    }

    /**
     * A log group for logs an AWS service delivers itself ("vended logs", e.g. Network Firewall's):
     * under {@code /aws/vendedlogs/}, where CloudWatch Logs' resource policy size limit does not
     * apply, as AWS advises
     * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/AWS-logs-and-resource-policy.html).
     * The name gets a unique suffix from {@code namePrefix}. A group created by an older hubspoke
     * (named without the prefix) keeps its name: {@code ignoreChanges} on the name, because a new
     * name would replace the group and delete the logs it holds.
     */
    static LogGroup vendedLogGroup(Scope scope, String role, int retentionDays) {
        String name = scope.name(role);
        return new LogGroup(name, LogGroupArgs.builder()
                .namePrefix(VENDED_LOGS_PREFIX + name + "-")
                .retentionInDays(retentionDays)
                .tags(scope.tags(name))
                .build(), CustomResourceOptions.builder().parent(scope.parent())
                .ignoreChanges("name", "namePrefix").build());
    }

    static final String VENDED_LOGS_PREFIX = "/aws/vendedlogs/hubspoke/";

    /** A route in {@code table}; {@code target} sets where it goes (gateway, NAT, endpoint or TGW). */
    static Route route(Scope scope, String name, RouteTable table, String destination,
                       UnaryOperator<RouteArgs.Builder> target, CustomResourceOptions options) {
        return new Route(name, target.apply(RouteArgs.builder()
                .routeTableId(table.id())
                .destinationCidrBlock(destination)).build(), options);
    }

    /**
     * A spoke attachment's place on the hub: associated with the spoke route table (default route
     * to the inspection VPC) and propagated into the inspection route table only, never into the
     * spoke route table, which would let spoke-to-spoke traffic bypass the firewall. The one
     * wiring of SpokeVpc (own Transit Gateway) and SpokeAttachment (a spoke built elsewhere).
     */
    static void spokeRouting(Scope scope, Output<String> attachmentId, Output<String> spokeRouteTableId,
                             Output<String> inspectionRouteTableId, CustomResourceOptions options) {
        // The Transit Gateway's association, not the VPC route table's of the same simple name.
        new com.pulumi.aws.ec2transitgateway.RouteTableAssociation(scope.name("tgw-association"),
                com.pulumi.aws.ec2transitgateway.RouteTableAssociationArgs.builder()
                .transitGatewayAttachmentId(attachmentId)
                .transitGatewayRouteTableId(spokeRouteTableId)
                .build(), options);
        new RouteTablePropagation(scope.name("tgw-propagation"), RouteTablePropagationArgs.builder()
                .transitGatewayAttachmentId(attachmentId)
                .transitGatewayRouteTableId(inspectionRouteTableId)
                .build(), options);
    }

    /**
     * The zone names of a tier's subnets: {@code zones} itself when listed by name (known in
     * preview, as before AZ IDs were accepted), else what AWS reports for each subnet.
     */
    static Output<List<String>> zoneNames(List<String> zones, List<TierSubnet> subnets) {
        return zones.stream().anyMatch(Zones::isZoneId)
                ? Output.all(subnets.stream().map(s -> s.subnet().availabilityZone()).toList())
                : Output.of(zones);
    }

    /** The AZ IDs of a tier's subnets: {@code zones} itself when listed by AZ ID, else what AWS reports. */
    static Output<List<String>> zoneIds(List<String> zones, List<TierSubnet> subnets) {
        return zones.stream().allMatch(Zones::isZoneId)
                ? Output.of(zones)
                : Output.all(subnets.stream().map(s -> s.subnet().availabilityZoneId()).toList());
    }

    /** The ids of {@code resources}, in their order. */
    static Output<List<String>> ids(List<? extends CustomResource> resources) {
        return joined(resources.stream().map(CustomResource::id).toList());
    }

    /**
     * The elements as one Output. Every property that holds the outputs of several resources is
     * given as one: the SDK (com.pulumi:pulumi 1.36.1) gathers a property's dependencies into a
     * plain HashSet from whichever threads complete its outputs, so a list of outputs that
     * resolve at the same moment lost a dependency now and then (a firewall policy recorded
     * without one of its rule groups; destroying that stack would then delete the rule group
     * while the policy still used it). {@code Output.all} merges the dependencies in one step
     * once every element is known.
     */
    static <T> Output<List<T>> joined(List<Output<T>> elements) {
        return Output.all(elements);
    }

    static Output<List<String>> routeTableIds(List<TierSubnet> subnets) {
        return ids(subnets.stream().map(TierSubnet::routeTable).toList());
    }

    static Output<List<String>> subnetIds(List<TierSubnet> subnets) {
        return ids(subnets.stream().map(TierSubnet::subnet).toList());
    }
}
