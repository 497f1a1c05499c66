"""The seed network, component by component: a Transit Gateway hub, a firewall policy that allows
.amazon.com, an inspection VPC with NAT gateways and AWS Network Firewall, and two spoke VPCs with
a test instance each. The same registrations as examples/yaml/Pulumi.yaml."""

import pulumi
import pulumi_hubspoke as hubspoke

SUPERNET = "10.0.0.0/8"
TAGS = {"project": "hubspoke-seed"}

hub = hubspoke.Hub("hub", tags=TAGS)

policy = hubspoke.FirewallPolicy(
    "policy",
    supernet_cidr_block=SUPERNET,
    allowed_domains=[".amazon.com"],
    tags=TAGS,
)

inspection = hubspoke.InspectionVpc(
    "inspection",
    cidr_block="10.129.0.0/24",
    supernet_cidr_block=SUPERNET,
    transit_gateway_id=hub.transit_gateway_id,
    spoke_route_table_id=hub.spoke_route_table_id,
    inspection_route_table_id=hub.inspection_route_table_id,
    az_count=2,
    nat_gateways=hubspoke.NatGatewayMode.PER_AZ,
    firewall_policy_arn=policy.arn,
    tags=TAGS,
)


def spoke_with_workload(
    spoke_name: str, cidr_block: str, workload_name: str
) -> tuple[hubspoke.SpokeVpc, hubspoke.SpokeWorkload]:
    """A spoke VPC attached to the hub, and a test instance in its first workload subnet."""
    spoke = hubspoke.SpokeVpc(
        spoke_name,
        cidr_block=cidr_block,
        transit_gateway_id=hub.transit_gateway_id,
        spoke_route_table_id=hub.spoke_route_table_id,
        inspection_route_table_id=hub.inspection_route_table_id,
        az_count=2,
        # Session Manager endpoints, so the probe instance can be reached (SpokeVpc's default is off).
        ssm_endpoints=True,
        tags=TAGS,
    )
    workload = hubspoke.SpokeWorkload(
        workload_name,
        vpc_id=spoke.vpc_id,
        subnet_id=spoke.workload_subnet_ids.apply(lambda ids: ids[0]),
        tags=TAGS,
    )
    return spoke, workload


spoke1, workload1 = spoke_with_workload("spoke1", "10.0.0.0/16", "workload1")
spoke2, workload2 = spoke_with_workload("spoke2", "10.1.0.0/16", "workload2")

pulumi.export("transitGatewayId", hub.transit_gateway_id)
pulumi.export("inspectionVpcId", inspection.vpc_id)
pulumi.export("natPublicIps", inspection.nat_public_ips)
pulumi.export("spokeVpcIds", [spoke1.vpc_id, spoke2.vpc_id])
pulumi.export("workloadInstanceIds", [workload1.instance_id, workload2.instance_id])
