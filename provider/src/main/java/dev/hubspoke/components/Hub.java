package dev.hubspoke.components;

import com.pulumi.aws.ec2transitgateway.RouteTable;
import com.pulumi.aws.ec2transitgateway.RouteTableArgs;
import com.pulumi.aws.ec2transitgateway.TransitGateway;
import com.pulumi.aws.ec2transitgateway.TransitGatewayArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.LinkedHashMap;

/**
 * {@code hubspoke:index:Hub}: the Transit Gateway with default association and propagation off,
 * and its two route tables. Spoke attachments associate with the spoke route table (default
 * route to the inspection VPC); the inspection attachment associates with the inspection route
 * table, which learns the spoke CIDRs by propagation.
 */
public final class Hub extends BaseComponent {

    public static final String TYPE = "hubspoke:index:Hub";

    /** The checked inputs: everything the constructor needs, known before anything is registered. */
    record Plan(String description, int amazonSideAsn) {
    }

    private final Output<String> transitGatewayId;
    private final Output<String> spokeRouteTableId;
    private final Output<String> inspectionRouteTableId;

    /**
     * @param name    the component's resource name; children are named {@code <name>-tgw}, ...
     * @param args    the inputs, as in schema.json
     * @param options resource options; children inherit its providers through {@code parent}
     * @throws dev.hubspoke.net.InvalidNetworkException for a bad input, before anything is registered
     */
    public Hub(String name, HubArgs args, ComponentResourceOptions options) {
        this(name, plan(Reporter.of("Hub", name), args.description(), args.amazonSideAsn()), args, options);
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
                .autoAcceptSharedAttachments("disable")
                .dnsSupport("enable")
                .vpnEcmpSupport("enable")
                .tags(scope.tags(tgwName))
                .build(), scope.options());
        var spokeTable = routeTable(scope, "spoke-rt", tgw);
        var inspectionTable = routeTable(scope, "inspection-rt", tgw);

        this.transitGatewayId = tgw.id();
        this.spokeRouteTableId = spokeTable.id();
        this.inspectionRouteTableId = inspectionTable.id();
        var out = new LinkedHashMap<String, Output<?>>();
        out.put("transitGatewayId", tgw.id());
        out.put("transitGatewayArn", tgw.arn());
        out.put("spokeRouteTableId", spokeTable.id());
        out.put("inspectionRouteTableId", inspectionTable.id());
        publish(out);
    }

    static Plan plan(Reporter r, String description, int amazonSideAsn) {
        return new Plan(Defaults.or(description, Defaults.HUB_DESCRIPTION), Checks.amazonSideAsn(r, amazonSideAsn));
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
}
