package dev.hubspoke.components;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of {@code shareWith}: a principal AWS RAM can share the Transit Gateway with. RAM
 * takes an AWS account id, an organizational unit ARN or the organization's ARN as a principal
 * (https://docs.aws.amazon.com/ram/latest/APIReference/API_AssociateResourceShare.html); the
 * Organizations ARN formats are those of
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsorganizations.html#awsorganizations-resources-for-iam-policies.
 *
 * @param value     the entry as the user wrote it, which is what RAM is given
 * @param key       what names its principal association: the account id, {@code ou-...} or {@code o-...};
 *                  taken from the entry, not its position, so removing one entry leaves the others alone
 * @param partition the ARN's partition; empty for an account id
 * @param account   whether it is an account id, which may lie outside the organization
 */
record SharePrincipal(String value, String key, Optional<String> partition, boolean account) {

    static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern ORGANIZATION = Pattern.compile(
            "arn:([a-z][a-z0-9-]*):organizations::\\d{12}:organization/(o-[a-z0-9]{10,32})");
    private static final Pattern OU = Pattern.compile(
            "arn:([a-z][a-z0-9-]*):organizations::\\d{12}:ou/o-[a-z0-9]{10,32}/(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32})");

    /** AWS's partitions (https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html). */
    static final List<String> PARTITIONS = List.of("aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b",
            "aws-iso-e", "aws-iso-f", "aws-eusc");

    static final String FORMS = "a 12-digit account id (123456789012), an organizational unit ARN"
            + " (arn:<partition>:organizations::111111111111:ou/o-exampleorgid/ou-exam-ple12345) or an organization ARN"
            + " (arn:<partition>:organizations::111111111111:organization/o-exampleorgid)";

    /** The entries, checked: each one of the three forms, a known partition, none twice. */
    static List<SharePrincipal> parse(Reporter r, List<String> shareWith) {
        var principals = new ArrayList<SharePrincipal>();
        for (int i = 0; i < shareWith.size(); i++) {
            String field = "shareWith[" + i + "]";
            String entry = shareWith.get(i) == null ? "" : shareWith.get(i).strip();
            var principal = of(entry).orElseThrow(() -> r.fail(field, entry,
                    "is not an AWS account id, organizational unit ARN or organization ARN", "write " + FORMS));
            principal.partition().filter(p -> !PARTITIONS.contains(p)).ifPresent(p -> {
                throw r.fail(field, entry, "names the partition '" + p + "', which AWS does not have",
                        "use one of " + String.join(", ", PARTITIONS) + " (the partition the Hub is deployed to)");
            });
            for (int j = 0; j < principals.size(); j++) {
                if (principals.get(j).key().equals(principal.key())) {
                    throw r.fail(field, entry, "repeats " + r.path("shareWith[" + j + "]"), "list each principal once");
                }
            }
            principals.add(principal);
        }
        return List.copyOf(principals);
    }

    /** Every ARN must be in {@code partition}, the one the Transit Gateway is in: RAM shares within a partition only. */
    static void samePartition(Reporter r, List<SharePrincipal> principals, String partition) {
        for (int i = 0; i < principals.size(); i++) {
            var principal = principals.get(i);
            if (principal.partition().isPresent() && !principal.partition().get().equals(partition)) {
                throw r.fail("shareWith[" + i + "]", principal.value(), "is an ARN in the partition '"
                                + principal.partition().get() + "', but the Hub is deployed to '" + partition + "'",
                        "write the ARN with arn:" + partition + ":organizations::... (RAM shares only within a partition)");
            }
        }
    }

    static boolean anyArn(List<SharePrincipal> principals) {
        return principals.stream().anyMatch(p -> p.partition().isPresent());
    }

    static boolean anyAccount(List<SharePrincipal> principals) {
        return principals.stream().anyMatch(SharePrincipal::account);
    }

    private static Optional<SharePrincipal> of(String entry) {
        if (ACCOUNT_ID.matcher(entry).matches()) {
            return Optional.of(new SharePrincipal(entry, entry, Optional.empty(), true));
        }
        for (Pattern arn : List.of(ORGANIZATION, OU)) {
            Matcher m = arn.matcher(entry);
            if (m.matches()) {
                return Optional.of(new SharePrincipal(entry, m.group(2), Optional.of(m.group(1)), false));
            }
        }
        return Optional.empty();
    }
}
