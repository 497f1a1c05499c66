package dev.hubspoke.components;

import com.pulumi.core.Output;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Args for the component tests. Call inside a program: Outputs need the running deployment. */
final class Fixtures {

    static final String TGW_ID = "tgw-0hub";
    static final String SPOKE_RT_ID = "tgw-rtb-0spoke";
    static final String INSPECTION_RT_ID = "tgw-rtb-0inspection";
    static final String POLICY_ARN = "arn:aws:network-firewall:us-east-1:123456789012:firewall-policy/p";
    static final Map<String, String> TAGS = Map.of("team", "net");

    // Resource types, as the engine sees them.
    static final String VPC = "aws:ec2/vpc:Vpc";
    static final String DEFAULT_SG = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
    static final String SUBNET = "aws:ec2/subnet:Subnet";
    static final String ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
    static final String RT_ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";
    static final String ROUTE = "aws:ec2/route:Route";
    static final String IGW = "aws:ec2/internetGateway:InternetGateway";
    static final String EIP = "aws:ec2/eip:Eip";
    static final String NAT = "aws:ec2/natGateway:NatGateway";
    static final String SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
    static final String VPC_ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
    static final String INSTANCE = "aws:ec2/instance:Instance";
    static final String FLOW_LOG = "aws:ec2/flowLog:FlowLog";
    static final String TGW = "aws:ec2transitgateway/transitGateway:TransitGateway";
    static final String TGW_ROUTE_TABLE = "aws:ec2transitgateway/routeTable:RouteTable";
    static final String TGW_ATTACHMENT = "aws:ec2transitgateway/vpcAttachment:VpcAttachment";
    static final String TGW_ASSOCIATION = "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation";
    static final String TGW_PROPAGATION = "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation";
    static final String TGW_ROUTE = "aws:ec2transitgateway/route:Route";
    static final String FIREWALL = "aws:networkfirewall/firewall:Firewall";
    static final String FIREWALL_POLICY = "aws:networkfirewall/firewallPolicy:FirewallPolicy";
    static final String RULE_GROUP = "aws:networkfirewall/ruleGroup:RuleGroup";
    static final String FIREWALL_LOGGING = "aws:networkfirewall/loggingConfiguration:LoggingConfiguration";
    static final String LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
    static final String ROLE = "aws:iam/role:Role";
    static final String ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
    static final String ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
    static final String INSTANCE_PROFILE = "aws:iam/instanceProfile:InstanceProfile";
    static final String RESOURCE_SHARE = "aws:ram/resourceShare:ResourceShare";
    static final String RESOURCE_ASSOCIATION = "aws:ram/resourceAssociation:ResourceAssociation";
    static final String PRINCIPAL_ASSOCIATION = "aws:ram/principalAssociation:PrincipalAssociation";
    static final String TGW_ACCEPTER = "aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter";

    // Principals to share with, in the commercial partition the stand-in plays.
    static final String ACCOUNT = "111122223333";
    static final String OU = "arn:aws:organizations::444455556666:ou/o-a1b2c3d4e5/ou-ab12-cdef5678";
    static final String ORGANIZATION = "arn:aws:organizations::444455556666:organization/o-a1b2c3d4e5";
    static final String ATTACHMENT_ID = "tgw-attach-0team";
    /** The stand-in region's first two zones by AZ ID (us-east-1a and us-east-1b there). */
    static final List<String> ZONE_IDS = List.of("use1-az1", "use1-az2");

    private Fixtures() {
    }

    /** The seed's inspection VPC: 10.129.0.0/24 in the 10.0.0.0/8 supernet, AZs looked up. */
    static InspectionVpcArgs inspection(int azCount, NatGatewayMode nat, boolean firewall, boolean firewallLogging,
                                        boolean flowLogs) {
        return new InspectionVpcArgs("10.129.0.0/24", "10.0.0.0/8",
                Output.of(TGW_ID), Output.of(SPOKE_RT_ID), Output.of(INSPECTION_RT_ID),
                List.of(), Optional.of(azCount), nat,
                firewall ? Optional.of(Output.of(POLICY_ARN)) : Optional.empty(),
                firewallLogging, flowLogs, 30, Output.of(TAGS));
    }

    static InspectionVpcArgs inspection(int azCount, boolean firewall) {
        return inspection(azCount, NatGatewayMode.PER_AZ, firewall, false, false);
    }

    static SpokeVpcArgs spoke(String cidr, int azCount, boolean ssmEndpoints, boolean flowLogs) {
        return new SpokeVpcArgs(cidr, Output.of(TGW_ID), Output.of(SPOKE_RT_ID), Output.of(INSPECTION_RT_ID),
                List.of(), Optional.of(azCount), Optional.empty(), 28, ssmEndpoints, flowLogs, 30, Output.of(TAGS));
    }

    /** A spoke on a Transit Gateway another account shared: no route table ids, zones and block from an address book. */
    static SpokeVpcArgs sharedSpoke(String cidr, List<String> zones, Map<String, AddressBookEntry> book, String entry) {
        return new SpokeVpcArgs(cidr, Output.of(TGW_ID), Optional.empty(), Optional.empty(), zones, Optional.empty(),
                Optional.empty(), 28, false, false, 30, Output.of(TAGS), book,
                entry == null ? Optional.empty() : Optional.of(entry));
    }

    /** An address book holding one spoke, {@code team} at {@code cidr}, in {@link #ZONE_IDS}. */
    static Map<String, AddressBookEntry> book(String cidr) {
        return Map.of("team", new AddressBookEntry(cidr, ZONE_IDS, TGW_ID, Optional.empty()));
    }

    static HubArgs hub(List<String> shareWith, boolean autoAccept) {
        return new HubArgs("d", 64512, Output.of(TAGS), shareWith, autoAccept);
    }

    static HubAndSpokeArgs hubAndSpoke(List<SpokeSpec> spokes, List<String> shareWith, boolean autoAccept) {
        return new HubAndSpokeArgs("10.0.0.0/8", "10.129.0.0/24", List.of(), Optional.empty(), spokes, false,
                List.of(".amazon.com"), List.of(), false, false, 30, NatGatewayMode.PER_AZ, 64512, Output.of(TAGS),
                false, shareWith, autoAccept);
    }

    static SpokeWorkloadArgs workload(Optional<Output<String>> amiId) {
        return new SpokeWorkloadArgs(Output.of("vpc-0spoke"), Output.of("subnet-0workload"), "t3.micro", amiId,
                Output.of(TAGS));
    }

    static FirewallPolicyArgs policy(List<String> domains, boolean icmp, boolean dropSsh, List<String> rules) {
        return new FirewallPolicyArgs("10.0.0.0/8", domains, icmp, dropSsh, rules, Output.of(TAGS));
    }

    static HubAndSpokeArgs hubAndSpoke(List<SpokeSpec> spokes, boolean firewall) {
        return new HubAndSpokeArgs("10.0.0.0/8", "10.129.0.0/24", List.of(), Optional.empty(), spokes, firewall,
                List.of(".amazon.com"), List.of(), false, false, 30, NatGatewayMode.PER_AZ, 64512, Output.of(TAGS));
    }

    /** The contract's default spokes: spoke1 10.0.0.0/16 and spoke2 10.1.0.0/16, both with a workload. */
    static List<SpokeSpec> seedSpokes() {
        return List.of(new SpokeSpec("spoke1", "10.0.0.0/16", true, false, Optional.empty()),
                new SpokeSpec("spoke2", "10.1.0.0/16", true, false, Optional.empty()));
    }
}
