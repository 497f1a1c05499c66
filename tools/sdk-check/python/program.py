"""The seed network (examples/seed.yaml) built twice with the Python SDK: once with HubAndSpoke and
once from the building blocks. tools/sdk-check.sh type-checks it with mypy --strict and runs it
under Pulumi mocks (run_mocks.py); nothing here talks to an engine."""

import pulumi
import pulumi_hubspoke as hubspoke

SUPERNET = "10.0.0.0/8"
INSPECTION = "10.129.0.0/24"
SPOKES = {"spoke1": "10.0.0.0/16", "spoke2": "10.1.0.0/16"}
TAGS = {"project": "hubspoke-seed"}


def seed_network() -> hubspoke.HubAndSpoke:
    # One spoke as an args class and one as a plain dict, the two ways users write them.
    first = hubspoke.SpokeSpecArgs(name="spoke1", cidr_block=SPOKES["spoke1"], workload=True)
    second: hubspoke.SpokeSpecArgsDict = {"name": "spoke2", "cidr_block": SPOKES["spoke2"], "workload": True}
    return hubspoke.HubAndSpoke(
        "seed",
        supernet_cidr_block=SUPERNET,
        inspection_cidr_block=INSPECTION,
        az_count=2,
        nat_gateways=hubspoke.NatGatewayMode.PER_AZ,
        firewall=True,
        allowed_domains=[".amazon.com"],
        spokes=[first, second],
        tags=TAGS,
    )


def building_blocks() -> list[pulumi.ComponentResource]:
    hub = hubspoke.Hub("hub", hubspoke.HubArgs(amazon_side_asn=64512, tags=TAGS))
    policy = hubspoke.FirewallPolicy(
        "policy", supernet_cidr_block=SUPERNET, allowed_domains=[".amazon.com"], tags=TAGS
    )
    inspection = hubspoke.InspectionVpc(
        "inspection",
        hubspoke.InspectionVpcArgs(
            cidr_block=INSPECTION,
            supernet_cidr_block=SUPERNET,
            transit_gateway_id=hub.transit_gateway_id,
            spoke_route_table_id=hub.spoke_route_table_id,
            inspection_route_table_id=hub.inspection_route_table_id,
            az_count=2,
            nat_gateways=hubspoke.NatGatewayMode.SINGLE,
            firewall_policy_arn=policy.arn,
            tags=TAGS,
        ),
    )
    spokes = [
        hubspoke.SpokeVpc(
            name,
            cidr_block=cidr,
            transit_gateway_id=hub.transit_gateway_id,
            spoke_route_table_id=hub.spoke_route_table_id,
            inspection_route_table_id=hub.inspection_route_table_id,
            az_count=2,
            tags=TAGS,
        )
        for name, cidr in SPOKES.items()
    ]
    workload = hubspoke.SpokeWorkload(
        "workload1",
        vpc_id=spokes[0].vpc_id,
        subnet_id=spokes[0].workload_subnet_ids.apply(lambda ids: ids[0]),
        tags=TAGS,
    )
    return [hub, policy, inspection, *spokes, workload]


def main() -> list[pulumi.ComponentResource]:
    net = seed_network()
    pulumi.export("natPublicIps", net.nat_public_ips)
    return [net, *building_blocks()]
