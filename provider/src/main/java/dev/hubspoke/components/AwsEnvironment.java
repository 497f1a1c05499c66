package dev.hubspoke.components;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.inputs.GetCallerIdentityArgs;
import com.pulumi.aws.inputs.GetPartitionArgs;
import com.pulumi.aws.inputs.GetRegionArgs;
import com.pulumi.aws.inputs.GetServicePrincipalArgs;
import com.pulumi.aws.outputs.GetPartitionResult;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOutputOptions;
import com.pulumi.resources.Resource;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a component's resources live: partition, region and account, asked of the aws provider
 * the component uses, so that ARNs, endpoint service names and service principals are right in
 * every partition (aws, aws-us-gov, aws-cn), not just the commercial one. AWS's ARN format:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html.
 *
 * <p>Each invoke is made the first time its value is needed, once per component: a component
 * that builds no ARN asks nothing. Not thread-safe: a component registers its children on one
 * thread, in its constructor.
 */
final class AwsEnvironment {

    private final Resource parent;
    private Optional<Output<GetPartitionResult>> partition = Optional.empty();
    private Optional<Output<String>> region = Optional.empty();
    private Optional<Output<String>> accountId = Optional.empty();
    private final Map<String, Output<String>> principals = new HashMap<>();

    AwsEnvironment(Resource parent) {
        this.parent = parent;
    }

    private InvokeOutputOptions options() {
        // The parent carries the component's aws provider (and so its region and credentials).
        return new InvokeOutputOptions(parent, null, null, null);
    }

    private Output<GetPartitionResult> partitionResult() {
        if (partition.isEmpty()) {
            partition = Optional.of(AwsFunctions.getPartition(GetPartitionArgs.builder().build(), options()));
        }
        return partition.get();
    }

    /** {@code aws}, {@code aws-us-gov} or {@code aws-cn}. */
    Output<String> partition() {
        return partitionResult().applyValue(GetPartitionResult::partition);
    }

    Output<String> region() {
        if (region.isEmpty()) {
            region = Optional.of(AwsFunctions.getRegion(GetRegionArgs.builder().build(), options())
                    .applyValue(result -> result.name()));
        }
        return region.get();
    }

    Output<String> accountId() {
        if (accountId.isEmpty()) {
            accountId = Optional.of(AwsFunctions.getCallerIdentity(GetCallerIdentityArgs.builder().build(), options())
                    .applyValue(result -> result.accountId()));
        }
        return accountId.get();
    }

    /** {@code arn:<partition>:<service>:<region>:<account>:<resource>}. */
    Output<String> arn(String service, String resource) {
        return Output.tuple(partition(), region(), accountId())
                .applyValue(t -> "arn:" + t.t1 + ":" + service + ":" + t.t2 + ":" + t.t3 + ":" + resource);
    }

    /** An AWS managed IAM policy, e.g. {@code AmazonSSMManagedInstanceCore}. */
    Output<String> managedPolicyArn(String policyName) {
        return partition().applyValue(p -> "arn:" + p + ":iam::aws:policy/" + policyName);
    }

    /**
     * The service name of an AWS service's interface endpoint: the partition's reverse DNS prefix,
     * the region and the service, e.g. {@code com.amazonaws.us-east-1.ssm}
     * (https://docs.aws.amazon.com/vpc/latest/privatelink/aws-services-privatelink-support.html).
     */
    Output<String> endpointServiceName(String service) {
        return Output.tuple(partitionResult(), region())
                .applyValue(t -> t.t1.reverseDnsPrefix() + "." + t.t2 + "." + service);
    }

    /**
     * The principal of an AWS service in this partition and region, as the aws provider knows it
     * (the suffix is not the same for every service in aws-cn), e.g. {@code ec2.amazonaws.com}.
     */
    Output<String> servicePrincipal(String service) {
        return principals.computeIfAbsent(service, s -> AwsFunctions.getServicePrincipal(
                GetServicePrincipalArgs.builder().serviceName(s).build(), options()).applyValue(r -> r.name()));
    }
}
