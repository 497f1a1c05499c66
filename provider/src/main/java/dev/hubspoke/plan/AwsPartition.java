package dev.hubspoke.plan;

/**
 * The partition of a region and its DNS names, as {@link StandInAws} plays them: GovCloud and
 * China are partitions of their own, with their own ARN prefix and (China) DNS suffix
 * (https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html).
 */
record AwsPartition(String id, String dnsSuffix, String reverseDnsPrefix) {

    static AwsPartition of(String region) {
        if (region.startsWith("us-gov-")) {
            return new AwsPartition("aws-us-gov", "amazonaws.com", "com.amazonaws");
        }
        if (region.startsWith("cn-")) {
            return new AwsPartition("aws-cn", "amazonaws.com.cn", "cn.com.amazonaws");
        }
        return new AwsPartition("aws", "amazonaws.com", "com.amazonaws");
    }
}
