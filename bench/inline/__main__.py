"""The hub-and-spoke network of examples/yaml-blueprint, written the way a user writes it without
a component: every resource declared directly with pulumi_aws, with the same names and inputs.

It is the baseline of `make bench-engine` (bench/README.md), not an example: the figures compare
the engine's cost of the HubAndSpoke component with the cost of the same resources declared
inline. tests/e2e checks that it declares exactly what the component deploys.

Config: `spokes` (default 2): spoke<i> gets 10.<i-1>.0.0/16; `workloads` (default true): each
spoke gets a probe instance and Session Manager endpoints, as examples/yaml-blueprint's do.
"""

import ipaddress
import json

import pulumi
import pulumi_aws as aws

config = pulumi.Config()
SPOKES = config.get_int("spokes") or 2
WORKLOADS = config.get_bool("workloads")
WORKLOADS = True if WORKLOADS is None else WORKLOADS

SUPERNET = "10.0.0.0/8"
INSPECTION_CIDR = "10.129.0.0/24"
AZ_COUNT = 2
ALLOWED_DOMAINS = [".amazon.com"]
PROJECT_TAGS = {"project": "hubspoke-blueprint"}
AMI_PARAMETER = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"


def tags(name: str) -> dict:
    return {**PROJECT_TAGS, "Name": name}


def subnet_cidr(vpc_cidr: str, tier: int, az: int, prefix: int) -> str:
    """Each tier gets a quarter of the VPC; AZ `az` gets the az-th block of `prefix` in it."""
    quarter = list(ipaddress.ip_network(vpc_cidr).subnets(prefixlen_diff=2))[tier]
    start = int(quarter.network_address) + az * 2 ** (32 - prefix)
    return str(ipaddress.ip_network((start, prefix)))


zones = aws.get_availability_zones(
    state="available",
    filters=[
        aws.GetAvailabilityZonesFilterArgs(name="zone-type", values=["availability-zone"]),
        aws.GetAvailabilityZonesFilterArgs(name="opt-in-status", values=["opt-in-not-required"]),
    ],
).names[:AZ_COUNT]
region = aws.get_region().name
partition = aws.get_partition().partition

# --- Firewall policy: SSH dropped, ICMP within the supernet, TLS/HTTP handshakes, domain allow-list.
HOME_NET = {"ip_sets": [{"key": "HOME_NET", "ip_set": {"definitions": [SUPERNET]}}]}
HANDSHAKES = "\n".join(
    ["# drop_strict drops the TCP handshake too; pass it for the allow-list's ports so it can see TLS SNI / HTTP Host."]
    + [
        f"pass tcp $HOME_NET any -> !$HOME_NET {port} (flow:not_established, to_server; "
        f'msg:"hubspoke: {proto} handshake from HOME_NET"; sid:{sid}; rev:1;)\n'
        f"pass tcp !$HOME_NET {port} -> $HOME_NET any (flow:not_established, to_client; "
        f'msg:"hubspoke: {proto} handshake replies to HOME_NET"; sid:{sid + 1}; rev:1;)'
        for port, proto, sid in [(443, "TLS", 1000103), (80, "HTTP", 1000105)]
    ]
)
RULES = [  # (name, capacity, rules source), in the policy's priority order
    ("drop-ssh", 10, {"rules_string": 'drop tcp any any -> any 22 (flow:to_server; msg:"hubspoke: SSH dropped"; sid:1000201; rev:1;)'}),
    ("icmp", 10, {"rules_string": 'pass icmp $HOME_NET any -> $HOME_NET any (msg:"hubspoke: ICMP within the supernet"; sid:1000001; rev:1;)'}),
    ("tcp-handshake", 10, {"rules_string": HANDSHAKES}),
    ("domains", 100, {"rules_source_list": {"generated_rules_type": "ALLOWLIST", "target_types": ["TLS_SNI", "HTTP_HOST"],
                                          "targets": ALLOWED_DOMAINS}}),
]
rule_groups = [
    aws.networkfirewall.RuleGroup(
        f"network-policy-{name}",
        type="STATEFUL",
        capacity=capacity,
        description=f"hubspoke: {name}",
        rule_group={"rule_variables": HOME_NET, "rules_source": source, "stateful_rule_options": {"rule_order": "STRICT_ORDER"}},
        tags=tags(f"network-policy-{name}"),
    )
    for name, capacity, source in RULES
]
policy = aws.networkfirewall.FirewallPolicy(
    "network-policy-policy",
    description="hubspoke egress and east-west inspection",
    firewall_policy={
        "stateful_rule_group_references": [
            {"resource_arn": group.arn, "priority": priority}
            for group, priority in zip(rule_groups, [50, 100, 200, 300])
        ],
        "stateful_default_actions": ["aws:drop_strict", "aws:alert_strict"],
        "stateless_default_actions": ["aws:forward_to_sfe"],
        "stateless_fragment_default_actions": ["aws:forward_to_sfe"],
        "stateful_engine_options": {"rule_order": "STRICT_ORDER"},
    },
    tags=tags("network-policy-policy"),
)

# --- Hub: a Transit Gateway without default tables, a spoke table and an inspection table.
tgw = aws.ec2transitgateway.TransitGateway(
    "network-hub-tgw",
    description="hubspoke Transit Gateway",
    amazon_side_asn=64512,
    auto_accept_shared_attachments="disable",
    default_route_table_association="disable",
    default_route_table_propagation="disable",
    dns_support="enable",
    vpn_ecmp_support="enable",
    tags=tags("network-hub-tgw"),
)
spoke_rt, inspection_rt = [
    aws.ec2transitgateway.RouteTable(f"network-hub-{kind}-rt", transit_gateway_id=tgw.id, tags=tags(f"network-hub-{kind}-rt"))
    for kind in ["spoke", "inspection"]
]


def vpc(prefix: str, cidr: str) -> aws.ec2.Vpc:
    """A VPC with DNS on, and its default security group emptied of rules."""
    v = aws.ec2.Vpc(f"{prefix}-vpc", cidr_block=cidr, enable_dns_hostnames=True, enable_dns_support=True,
                    tags=tags(f"{prefix}-vpc"))
    aws.ec2.DefaultSecurityGroup(f"{prefix}-default-sg", vpc_id=v.id, tags=tags(f"{prefix}-default-sg"))
    return v


def tier(prefix: str, v: aws.ec2.Vpc, cidr: str, name: str, index: int, size: int) -> list:
    """One subnet and route table per AZ, associated; returns [(subnet, route table)] in AZ order."""
    out = []
    for az, zone in enumerate(zones):
        subnet = aws.ec2.Subnet(f"{prefix}-{name}-{az}", vpc_id=v.id, cidr_block=subnet_cidr(cidr, index, az, size),
                                availability_zone=zone, map_public_ip_on_launch=False, tags=tags(f"{prefix}-{name}-{az}"))
        table = aws.ec2.RouteTable(f"{prefix}-{name}-rt-{az}", vpc_id=v.id, tags=tags(f"{prefix}-{name}-rt-{az}"))
        aws.ec2.RouteTableAssociation(f"{prefix}-{name}-rta-{az}", subnet_id=subnet.id, route_table_id=table.id)
        out.append((subnet, table))
    return out


def attachment(prefix: str, v: aws.ec2.Vpc, subnets: list, **extra) -> aws.ec2transitgateway.VpcAttachment:
    return aws.ec2transitgateway.VpcAttachment(
        f"{prefix}-tgw-attachment", transit_gateway_id=tgw.id, vpc_id=v.id, subnet_ids=[s.id for s, _ in subnets],
        dns_support="enable", transit_gateway_default_route_table_association=False,
        transit_gateway_default_route_table_propagation=False, tags=tags(f"{prefix}-tgw-attachment"), **extra)


# --- Inspection VPC: public (NAT, IGW), firewall and tgw subnets per AZ; traffic crosses the
# firewall endpoint of its own AZ both ways; the TGW attachment is in appliance mode.
INS = "network-inspection"
inspection = vpc(INS, INSPECTION_CIDR)
igw = aws.ec2.InternetGateway(f"{INS}-igw", vpc_id=inspection.id, tags=tags(f"{INS}-igw"))
public, firewall_tier, tgw_tier = [tier(INS, inspection, INSPECTION_CIDR, name, i, 28)
                                   for i, name in enumerate(["public", "firewall", "tgw"])]
firewall = aws.networkfirewall.Firewall(
    f"{INS}-firewall", vpc_id=inspection.id, firewall_policy_arn=policy.arn,
    subnet_mappings=[{"subnet_id": s.id} for s, _ in firewall_tier], tags=tags(f"{INS}-firewall"))


def endpoint_in(zone: str) -> pulumi.Output:
    """The firewall's endpoint in one AZ, from its sync states."""
    return firewall.firewall_statuses.apply(lambda statuses: next(
        state.attachments[0].endpoint_id for state in statuses[0].sync_states if state.availability_zone == zone))


for az, zone in enumerate(zones):
    eip = aws.ec2.Eip(f"{INS}-nat-eip-{az}", domain="vpc", tags=tags(f"{INS}-nat-eip-{az}"))
    nat = aws.ec2.NatGateway(f"{INS}-nat-{az}", allocation_id=eip.id, subnet_id=public[az][0].id, tags=tags(f"{INS}-nat-{az}"))
    endpoint = endpoint_in(zone)
    aws.ec2.Route(f"{INS}-public-default-{az}", route_table_id=public[az][1].id, destination_cidr_block="0.0.0.0/0",
                  gateway_id=igw.id)
    aws.ec2.Route(f"{INS}-public-supernet-{az}", route_table_id=public[az][1].id, destination_cidr_block=SUPERNET,
                  vpc_endpoint_id=endpoint)
    aws.ec2.Route(f"{INS}-firewall-default-{az}", route_table_id=firewall_tier[az][1].id,
                  destination_cidr_block="0.0.0.0/0", nat_gateway_id=nat.id)
    aws.ec2.Route(f"{INS}-firewall-supernet-{az}", route_table_id=firewall_tier[az][1].id,
                  destination_cidr_block=SUPERNET, transit_gateway_id=tgw.id)
    aws.ec2.Route(f"{INS}-tgw-default-{az}", route_table_id=tgw_tier[az][1].id, destination_cidr_block="0.0.0.0/0",
                  vpc_endpoint_id=endpoint)
inspection_attachment = attachment(INS, inspection, tgw_tier, appliance_mode_support="enable")
aws.ec2transitgateway.RouteTableAssociation(f"{INS}-tgw-association", transit_gateway_attachment_id=inspection_attachment.id,
                                            transit_gateway_route_table_id=inspection_rt.id)
aws.ec2transitgateway.Route(f"{INS}-spoke-default-route", destination_cidr_block="0.0.0.0/0",
                            transit_gateway_attachment_id=inspection_attachment.id,
                            transit_gateway_route_table_id=spoke_rt.id)

# --- Spokes: workload and tgw subnets per AZ, attached to the hub; everything leaves through the TGW.
ami = aws.ssm.get_parameter(name=AMI_PARAMETER).insecure_value if WORKLOADS else None
for i in range(1, SPOKES + 1):
    prefix, cidr = f"network-spoke{i}", f"10.{i - 1}.0.0/16"
    spoke = vpc(prefix, cidr)
    workload = tier(prefix, spoke, cidr, "workload", 0, ipaddress.ip_network(cidr).prefixlen + 4)
    tgw_subnets = tier(prefix, spoke, cidr, "tgw", 1, 28)
    spoke_attachment = attachment(prefix, spoke, tgw_subnets)
    aws.ec2transitgateway.RouteTableAssociation(f"{prefix}-tgw-association", transit_gateway_attachment_id=spoke_attachment.id,
                                                transit_gateway_route_table_id=spoke_rt.id)
    aws.ec2transitgateway.RouteTablePropagation(f"{prefix}-tgw-propagation", transit_gateway_attachment_id=spoke_attachment.id,
                                                transit_gateway_route_table_id=inspection_rt.id)
    for az, (_, table) in enumerate(workload):
        aws.ec2.Route(f"{prefix}-workload-default-{az}", route_table_id=table.id, destination_cidr_block="0.0.0.0/0",
                      transit_gateway_id=tgw.id)
    if not WORKLOADS:
        continue
    # Session Manager endpoints, reachable on 443 from inside the VPC only.
    ssm_sg = aws.ec2.SecurityGroup(
        f"{prefix}-ssm-sg", vpc_id=spoke.id, description="HTTPS to the SSM endpoints from inside the VPC",
        ingress=[{"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": [cidr], "description": "HTTPS from the VPC"}],
        tags=tags(f"{prefix}-ssm-sg"))
    for service in ["ssm", "ssmmessages", "ec2messages"]:
        aws.ec2.VpcEndpoint(
            f"{prefix}-{service}-endpoint", vpc_id=spoke.id, service_name=f"com.amazonaws.{region}.{service}",
            vpc_endpoint_type="Interface", private_dns_enabled=True, subnet_ids=[s.id for s, _ in workload],
            security_group_ids=[ssm_sg.id], tags=tags(f"{prefix}-{service}-endpoint"))
    # The probe: no inbound, IMDSv2 only, reachable through Session Manager.
    probe = f"{prefix}-workload"
    sg = aws.ec2.SecurityGroup(
        f"{probe}-sg", vpc_id=spoke.id, description="hubspoke probe: no inbound; outbound HTTPS, HTTP and ICMP",
        egress=[{"protocol": proto, "from_port": port, "to_port": port, "cidr_blocks": ["0.0.0.0/0"], "description": why}
                for why, proto, port in [("HTTPS, also Session Manager", "tcp", 443), ("HTTP", "tcp", 80), ("ICMP", "icmp", -1)]],
        tags=tags(f"{probe}-sg"))
    trust = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
    role = aws.iam.Role(f"{probe}-role", assume_role_policy=json.dumps(trust, separators=(",", ":"), sort_keys=True),
                        tags=tags(f"{probe}-role"))
    aws.iam.RolePolicyAttachment(f"{probe}-ssm-core", role=role.name,
                                 policy_arn=f"arn:{partition}:iam::aws:policy/AmazonSSMManagedInstanceCore")
    profile = aws.iam.InstanceProfile(f"{probe}-profile", role=role.name, tags=tags(f"{probe}-profile"))
    aws.ec2.Instance(
        f"{probe}-instance", ami=ami, instance_type="t3.micro", subnet_id=workload[0][0].id,
        vpc_security_group_ids=[sg.id], iam_instance_profile=profile.name, associate_public_ip_address=False,
        metadata_options={"http_endpoint": "enabled", "http_tokens": "required", "http_put_response_hop_limit": 1},
        root_block_device={"encrypted": True, "volume_type": "gp3"},
        tags=tags(f"{probe}-instance"), volume_tags=tags(f"{probe}-instance"),
        # The AMI a probe was launched with stays: the parameter moves with every release.
        opts=pulumi.ResourceOptions(ignore_changes=["ami"]))

pulumi.export("transitGatewayId", tgw.id)
pulumi.export("inspectionVpcId", inspection.id)
