package dev.hubspoke.components;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.ec2transitgateway.RouteTable;
import com.pulumi.aws.ec2transitgateway.RouteTableArgs;
import com.pulumi.aws.ec2transitgateway.TransitGateway;
import com.pulumi.aws.ec2transitgateway.TransitGatewayArgs;
import com.pulumi.aws.inputs.GetPartitionPlainArgs;
import com.pulumi.aws.ram.PrincipalAssociation;
import com.pulumi.aws.ram.PrincipalAssociationArgs;
import com.pulumi.aws.ram.ResourceAssociation;
import com.pulumi.aws.ram.ResourceAssociationArgs;
import com.pulumi.aws.ram.ResourceShare;
import com.pulumi.aws.ram.ResourceShareArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * {@code hubspoke:index:Hub}: the Transit Gateway with default association and propagation off,
 * and its two route tables. Spoke attachments associate with the spoke route table (default
 * route to the inspection VPC); the inspection attachment associates with the inspection route
 * table, which learns the spoke CIDRs by propagation.
 *
 * <p>With {@code shareWith}, the Transit Gateway is shared through AWS RAM: one resource share
 * ({@code <name>-share}), the Transit Gateway associated with it ({@code <name>-share-tgw}) and one
 * principal association per entry ({@code <name>-share-<account id, ou-... or o-...>}). Other
 * accounts then attach their spokes; only this account can change the route tables
 * (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-transit-gateways.html#tgw-sharing).
 */
public final class Hub extends BaseComponent {

    public static final String TYPE = "hubspoke:index:Hub";

    /** The checked inputs: everything the constructor needs, known before anything is registered. */
    record Plan(String description, int amazonSideAsn, List<SharePrincipal> shareWith) {
    }

    private final Output<String> transitGatewayId;
    private final Output<String> spokeRouteTableId;
    private final Output<String> inspectionRouteTableId;
    private final Optional<Output<String>> resourceShareArn;

    /**
     * @param name    the component's resource name; children are named {@code <name>-tgw}, ...
     * @param args    the inputs, as in schema.json
     * @param options resource options; children inherit its providers through {@code parent}
     * @throws dev.hubspoke.net.InvalidNetworkException for a bad input, before anything is registered
     */
    public Hub(String name, HubArgs args, ComponentResourceOptions options) {
        this(name, checked(Reporter.of("Hub", name), args, options), args, options);
    }

    private Hub(String name, Plan plan, HubArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var scope = scope(name, args.tags());

        String tgwName = scope.name("tgw");
        var tgw = new TransitGateway(tgwName, TransitGatewayArgs.builder()
                .description(plan.description())
                .amazonSideAsn(plan.amazonSideAsn())
                .defaultRouteTableAssociation("disable")
                .defaultRouteTablePropagation("disable")
                .autoAcceptSharedAttachments(args.autoAcceptSharedAttachments() ? "enable" : "disable")
                .dnsSupport("enable")
                .vpnEcmpSupport("enable")
                .tags(scope.tags(tgwName))
                .build(), scope.options());
        var spokeTable = routeTable(scope, "spoke-rt", tgw);
        var inspectionTable = routeTable(scope, "inspection-rt", tgw);

        this.transitGatewayId = tgw.id();
        this.spokeRouteTableId = spokeTable.id();
        this.inspectionRouteTableId = inspectionTable.id();
        this.resourceShareArn = plan.shareWith().isEmpty() ? Optional.empty()
                : Optional.of(share(scope, tgw, plan.shareWith()));
        var out = new LinkedHashMap<String, Output<?>>();
        out.put("transitGatewayId", tgw.id());
        out.put("transitGatewayArn", tgw.arn());
        out.put("spokeRouteTableId", spokeTable.id());
        out.put("inspectionRouteTableId", inspectionTable.id());
        resourceShareArn.ifPresent(arn -> out.put("resourceShareArn", arn));
        publish(out);
    }

    /** {@link #plan}, and the shareWith ARNs in the partition of the provider the Hub is built with. */
    private static Plan checked(Reporter r, HubArgs args, ComponentResourceOptions options) {
        var plan = plan(r, args.description(), args.amazonSideAsn(), args.shareWith());
        checkPartition(r, plan.shareWith(), options);
        return plan;
    }

    static Plan plan(Reporter r, String description, int amazonSideAsn, List<String> shareWith) {
        return new Plan(Defaults.or(description, Defaults.HUB_DESCRIPTION), Checks.amazonSideAsn(r, amazonSideAsn),
                SharePrincipal.parse(r, Defaults.list(shareWith)));
    }

    /**
     * RAM shares only within a partition: an ARN of another partition would fail the principal
     * association after the Transit Gateway was created. Asks the aws provider the component
     * uses for its partition, before anything is registered, and only when an ARN is listed.
     */
    static void checkPartition(Reporter r, List<SharePrincipal> principals, ComponentResourceOptions options) {
        if (SharePrincipal.anyArn(principals)) {
            String partition = Lookups.now(AwsFunctions.getPartitionPlain(GetPartitionPlainArgs.builder().build(),
                    Lookups.options(options))).partition();
            SharePrincipal.samePartition(r, principals, partition);
        }
    }

    /**
     * The RAM share of the Transit Gateway. Principals outside the organization are allowed only
     * when an account id is listed (it may belong to another organization); organizational units
     * and the organization itself need RAM's sharing with AWS Organizations turned on
     * (https://docs.aws.amazon.com/ram/latest/userguide/getting-started-sharing.html#getting-started-sharing-orgs).
     */
    private static Output<String> share(Scope scope, TransitGateway tgw, List<SharePrincipal> principals) {
        String shareName = scope.name("share");
        var share = new ResourceShare(shareName, ResourceShareArgs.builder()
                .name(shareName)
                .allowExternalPrincipals(SharePrincipal.anyAccount(principals))
                .tags(scope.tags(shareName))
                .build(), scope.options());
        new ResourceAssociation(scope.name("share-tgw"), ResourceAssociationArgs.builder()
                .resourceArn(tgw.arn())
                .resourceShareArn(share.arn())
                .build(), scope.options());
        for (SharePrincipal principal : principals) {
            new PrincipalAssociation(scope.name("share-" + principal.key()), PrincipalAssociationArgs.builder()
                    .principal(principal.value())
                    .resourceShareArn(share.arn())
                    .build(), scope.options());
        }
        return share.arn();
    }

    private static RouteTable routeTable(Scope scope, String role, TransitGateway tgw) {
        String name = scope.name(role);
        return new RouteTable(name, RouteTableArgs.builder()
                .transitGatewayId(tgw.id())
                .tags(scope.tags(name))
                .build(), scope.options());
    }

    Output<String> transitGatewayId() {
        return transitGatewayId;
    }

    Output<String> spokeRouteTableId() {
        return spokeRouteTableId;
    }

    Output<String> inspectionRouteTableId() {
        return inspectionRouteTableId;
    }

    /** The RAM share's ARN; empty when the Transit Gateway is not shared. */
    Optional<Output<String>> resourceShareArn() {
        return resourceShareArn;
    }
}
