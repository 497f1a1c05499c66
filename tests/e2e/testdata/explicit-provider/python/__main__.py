"""A hub and a spoke deployed through an explicit aws provider: the same registrations as
../yaml/Pulumi.yaml. The provider is declared without the aws SDK (a plain ProviderResource of
package aws): the components need only its reference."""

import pulumi
import pulumi_hubspoke as hubspoke

# The stand-in aws plugin plays account 111111111111 in eu-west-1 for this provider.
platform = pulumi.ProviderResource(
    "aws", "platform", {"region": "eu-west-1", "allowedAccountIds": ["111111111111"]}
)
through_platform = pulumi.ResourceOptions(providers=[platform])

hub = hubspoke.Hub("hub", opts=through_platform)
spoke = hubspoke.SpokeVpc(
    "spoke",
    cidr_block="10.0.0.0/16",
    transit_gateway_id=hub.transit_gateway_id,
    spoke_route_table_id=hub.spoke_route_table_id,
    inspection_route_table_id=hub.inspection_route_table_id,
    az_count=2,
    opts=through_platform,
)
