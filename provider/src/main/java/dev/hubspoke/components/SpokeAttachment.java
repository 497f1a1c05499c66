package dev.hubspoke.components;

import com.pulumi.aws.ec2transitgateway.VpcAttachmentAccepter;
import com.pulumi.aws.ec2transitgateway.VpcAttachmentAccepterArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.LinkedHashMap;

/**
 * {@code hubspoke:index:SpokeAttachment}: the Transit Gateway owner's half of a spoke built in
 * another stack (often another account, on a Transit Gateway shared through RAM). It associates
 * the spoke's attachment with the spoke route table and propagates it into the inspection route
 * table only, with the same wiring as {@link SpokeVpc} ({@code <name>-tgw-association},
 * {@code <name>-tgw-propagation}). With {@code acceptAttachment} it first accepts the attachment
 * ({@code <name>-accepter}): a cross-account attachment waits in {@code pendingAcceptance} until the
 * owner accepts it, unless the Transit Gateway accepts shared attachments on its own
 * (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html#tgw-vpc-attachment-accept),
 * and a pending attachment cannot be associated. AWS accepts only an attachment in
 * {@code pendingAcceptance}
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AcceptTransitGatewayVpcAttachment.html),
 * so an attachment of the owner's own account, or one AWS accepted on its own, is not accepted here.
 */
public final class SpokeAttachment extends BaseComponent {

    public static final String TYPE = "hubspoke:index:SpokeAttachment";

    /** The inputs once checked, before anything is registered. */
    private record Checked(SpokeAttachmentArgs args) {
    }

    private final Output<String> transitGatewayAttachmentId;

    /**
     * @param name    the component's resource name; children are named {@code <name>-accepter}, ...
     * @param args    the inputs, as in schema.json
     * @param options resource options; children inherit its providers through {@code parent}
     * @throws dev.hubspoke.net.InvalidNetworkException for a bad input, before anything is registered
     */
    public SpokeAttachment(String name, SpokeAttachmentArgs args, ComponentResourceOptions options) {
        this(name, checked(Reporter.of("SpokeAttachment", name), args), options);
    }

    private SpokeAttachment(String name, Checked checked, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var args = checked.args();
        var scope = scope(name, args.tags());
        Output<String> attachmentId = args.attachmentId();
        var routing = scope.options();
        if (args.acceptAttachment()) {
            String accepterName = scope.name("accepter");
            var accepter = new VpcAttachmentAccepter(accepterName, VpcAttachmentAccepterArgs.builder()
                    .transitGatewayAttachmentId(args.attachmentId())
                    // The hub associates and propagates explicitly; the provider's default (true) would
                    // ask for the Transit Gateway's default route table, which the Hub turns off.
                    .transitGatewayDefaultRouteTableAssociation(false)
                    .transitGatewayDefaultRouteTablePropagation(false)
                    .tags(scope.tags(accepterName))
                    .build(), scope.options());
            attachmentId = accepter.transitGatewayAttachmentId();
            routing = scope.dependingOn(accepter);
        }
        VpcParts.spokeRouting(scope, attachmentId, args.spokeRouteTableId(), args.inspectionRouteTableId(), routing);

        this.transitGatewayAttachmentId = attachmentId;
        var out = new LinkedHashMap<String, Output<?>>();
        out.put("transitGatewayAttachmentId", attachmentId);
        publish(out);
    }

    private static Checked checked(Reporter r, SpokeAttachmentArgs args) {
        Checks.required(r, "attachmentId", args.attachmentId());
        Checks.required(r, "spokeRouteTableId", args.spokeRouteTableId());
        Checks.required(r, "inspectionRouteTableId", args.inspectionRouteTableId());
        return new Checked(args);
    }

    /** The attachment's id, once accepted when this component accepts it. */
    Output<String> transitGatewayAttachmentId() {
        return transitGatewayAttachmentId;
    }
}
