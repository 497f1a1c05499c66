package dev.hubspoke.components;

import com.pulumi.aws.ec2.Instance;
import com.pulumi.aws.ec2.InstanceArgs;
import com.pulumi.aws.ec2.SecurityGroup;
import com.pulumi.aws.ec2.SecurityGroupArgs;
import com.pulumi.aws.ec2.inputs.InstanceMetadataOptionsArgs;
import com.pulumi.aws.ec2.inputs.InstanceRootBlockDeviceArgs;
import com.pulumi.aws.ec2.inputs.SecurityGroupEgressArgs;
import com.pulumi.aws.iam.InstanceProfile;
import com.pulumi.aws.iam.InstanceProfileArgs;
import com.pulumi.aws.iam.RolePolicyAttachment;
import com.pulumi.aws.iam.RolePolicyAttachmentArgs;
import com.pulumi.aws.ssm.SsmFunctions;
import com.pulumi.aws.ssm.inputs.GetParameterArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOutputOptions;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.LinkedHashMap;

/**
 * {@code hubspoke:index:SpokeWorkload}: a probe instance in a spoke's workload subnet, reachable
 * through Session Manager only. Its security group admits nothing and lets out only HTTPS
 * (Session Manager and the allow-listed domains), HTTP and ICMP; the instance requires IMDSv2
 * and has an encrypted root volume.
 */
public final class SpokeWorkload extends BaseComponent {

    public static final String TYPE = "hubspoke:index:SpokeWorkload";

    /** The AWS managed policy Session Manager needs on an instance; its ARN depends on the partition. */
    static final String SSM_CORE_POLICY = "AmazonSSMManagedInstanceCore";

    /** The checked inputs: everything the constructor needs, known before anything is registered. */
    record Plan(String instanceType) {
    }

    private final Output<String> instanceId;
    private final Output<String> privateIp;

    /**
     * @param name    the component's resource name; children are named {@code <name>-sg},
     *                {@code <name>-role}, {@code <name>-instance}, ...
     * @param args    the inputs, as in schema.json
     * @param options resource options; children inherit its providers through {@code parent}
     * @throws dev.hubspoke.net.InvalidNetworkException for a bad input, before anything is registered
     */
    public SpokeWorkload(String name, SpokeWorkloadArgs args, ComponentResourceOptions options) {
        this(name, checked(Reporter.of("SpokeWorkload", name), args), args, options);
    }

    private SpokeWorkload(String name, Plan plan, SpokeWorkloadArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var scope = scope(name, args.tags());

        String sgName = scope.name("sg");
        var sg = new SecurityGroup(sgName, SecurityGroupArgs.builder()
                .vpcId(args.vpcId())
                .description("hubspoke probe: no inbound; outbound HTTPS, HTTP and ICMP")
                .egress(
                        egress("HTTPS, also Session Manager", "tcp", 443, 443),
                        egress("HTTP", "tcp", 80, 80),
                        egress("ICMP", "icmp", -1, -1))
                .tags(scope.tags(sgName))
                .build(), scope.options());

        var aws = new AwsEnvironment(this);
        var role = VpcParts.serviceRole(scope, "role", aws.servicePrincipal("ec2").applyValue(Json::assumeRoleBy));
        new RolePolicyAttachment(scope.name("ssm-core"), RolePolicyAttachmentArgs.builder()
                .role(role.name())
                .policyArn(aws.managedPolicyArn(SSM_CORE_POLICY))
                .build(), scope.options());
        String profileName = scope.name("profile");
        var profile = new InstanceProfile(profileName, InstanceProfileArgs.builder()
                .role(role.name())
                .tags(scope.tags(profileName))
                .build(), scope.options());

        boolean amiGiven = args.amiId() != null && args.amiId().isPresent();
        Output<String> ami = amiGiven ? args.amiId().get()
                // The parameter is public and the AMI id no secret: insecureValue keeps the
                // instance's ami input readable in diffs.
                : SsmFunctions.getParameter(GetParameterArgs.builder().name(Defaults.AMI_PARAMETER).build(),
                        new InvokeOutputOptions(this, null, null, null)).applyValue(p -> p.insecureValue());
        String instanceName = scope.name("instance");
        var instance = new Instance(instanceName, InstanceArgs.builder()
                .ami(ami)
                .instanceType(plan.instanceType())
                .subnetId(args.subnetId())
                .vpcSecurityGroupIds(sg.id().applyValue(java.util.List::of))
                .iamInstanceProfile(profile.name())
                .associatePublicIpAddress(false)
                .metadataOptions(InstanceMetadataOptionsArgs.builder()
                        .httpEndpoint("enabled")
                        .httpTokens("required")
                        .httpPutResponseHopLimit(1)
                        .build())
                .rootBlockDevice(InstanceRootBlockDeviceArgs.builder()
                        .encrypted(true)
                        .volumeType("gp3")
                        .build())
                .tags(scope.tags(instanceName))
                .volumeTags(scope.tags(instanceName))
                .build(), amiGiven ? scope.options() : keepLaunchAmi(scope));

        this.instanceId = instance.id();
        this.privateIp = instance.privateIp();
        var out = new LinkedHashMap<String, Output<?>>();
        out.put("instanceId", instance.id());
        out.put("privateIp", instance.privateIp());
        out.put("securityGroupId", sg.id());
        out.put("roleArn", role.arn());
        publish(out);
    }

    private static Plan checked(Reporter r, SpokeWorkloadArgs args) {
        var plan = plan(r, args.instanceType());
        Checks.required(r, "vpcId", args.vpcId());
        Checks.required(r, "subnetId", args.subnetId());
        Checks.optional(r, "amiId", args.amiId());
        return plan;
    }

    static Plan plan(Reporter r, String instanceType) {
        return new Plan(Checks.instanceType(r, Defaults.or(instanceType, Defaults.INSTANCE_TYPE)));
    }

    /**
     * The default AMI comes from the public "latest Amazon Linux 2023" parameter, which AWS moves
     * to each new release; {@code ami} cannot change in place, so following it would replace the
     * probe (new instance id and private IP, Session Manager sessions cut) on the first update after
     * every release. The instance keeps the AMI it was launched with instead: a new probe gets the
     * release of its day, and {@code pulumi up --replace <instance urn>} (or an explicit
     * {@code amiId}, which is never ignored) moves an existing one on purpose.
     */
    private static com.pulumi.resources.CustomResourceOptions keepLaunchAmi(Scope scope) {
        return com.pulumi.resources.CustomResourceOptions.builder().parent(scope.parent()).ignoreChanges("ami").build();
    }

    private static SecurityGroupEgressArgs egress(String description, String protocol, int from, int to) {
        return SecurityGroupEgressArgs.builder()
                .description(description)
                .protocol(protocol)
                .fromPort(from)
                .toPort(to)
                .cidrBlocks("0.0.0.0/0")
                .build();
    }

    Output<String> instanceId() {
        return instanceId;
    }

    Output<String> privateIp() {
        return privateIp;
    }
}
