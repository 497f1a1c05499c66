// A hub and a spoke deployed through an explicit aws provider: the same registrations as
// ../yaml/Pulumi.yaml. The provider is declared without the aws SDK (a ProviderResource of
// package aws): the components need only its reference.
import * as pulumi from "@pulumi/pulumi";
import * as hubspoke from "@hubspoke/pulumi-hubspoke";

class AwsProvider extends pulumi.ProviderResource {
    constructor(name: string, args: pulumi.Inputs) {
        super("aws", name, args);
    }
}

// The stand-in aws plugin plays account 111111111111 in eu-west-1 for this provider.
const platform = new AwsProvider("platform", { region: "eu-west-1", allowedAccountIds: ["111111111111"] });
const throughPlatform = { providers: [platform] };

const hub = new hubspoke.Hub("hub", {}, throughPlatform);
new hubspoke.SpokeVpc("spoke", {
    cidrBlock: "10.0.0.0/16",
    transitGatewayId: hub.transitGatewayId,
    spokeRouteTableId: hub.spokeRouteTableId,
    inspectionRouteTableId: hub.inspectionRouteTableId,
    azCount: 2,
}, throughPlatform);
