package dev.hubspoke.components;

import com.pulumi.resources.ComponentResourceOptions;
import dev.hubspoke.plan.StandInAws;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static dev.hubspoke.components.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every ARN, endpoint service name and service principal the components write comes from the
 * partition and region the aws provider reports, so a network builds in GovCloud and China too.
 */
class PartitionTest {

    private static MockRun spokeWithEverything(String region) {
        return MockRun.of(new StandInAws(region), ctx -> {
            new SpokeVpc("app", spoke("10.0.0.0/16", 2, true, true), ComponentResourceOptions.Empty);
            new SpokeWorkload("probe", workload(Optional.empty()), ComponentResourceOptions.Empty);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "us-east-1,     aws,        com.amazonaws,    amazonaws.com",
            "us-gov-west-1, aws-us-gov, com.amazonaws,    amazonaws.com",
            "cn-north-1,    aws-cn,     cn.com.amazonaws, amazonaws.com.cn"})
    void arnsServiceNamesAndPrincipalsFollowThePartition(String region, String partition, String reverseDns,
                                                         String dnsSuffix) {
        var run = spokeWithEverything(region);

        assertEquals(List.of(), run.exceptions());
        for (String service : SpokeVpc.SSM_SERVICES) {
            assertEquals(reverseDns + "." + region + "." + service, run.named("app-" + service + "-endpoint").input("serviceName"));
        }
        String trust = (String) run.named("app-flow-logs-role").input("assumeRolePolicy");
        assertTrue(trust.contains("\"aws:SourceArn\":\"arn:" + partition + ":ec2:" + region + ":"
                + StandInAws.ACCOUNT + ":vpc-flow-log/*\""), trust);
        assertTrue(trust.contains("\"Service\":\"vpc-flow-logs." + dnsSuffix + "\""), trust);
        assertEquals("arn:" + partition + ":iam::aws:policy/AmazonSSMManagedInstanceCore",
                run.named("probe-ssm-core").input("policyArn"));
        assertTrue(((String) run.named("probe-role").input("assumeRolePolicy"))
                .contains("\"Service\":\"ec2." + dnsSuffix + "\""));
    }

    /** What would break another partition: an ARN or a DNS name written for the commercial one. */
    private static final Pattern COMMERCIAL_ONLY = Pattern.compile("\"[^\"]*(arn:aws:|amazonaws\\.com|com\\.amazonaws)[^\"]*\"");

    @Test
    void noComponentWritesACommercialPartitionArnOrDnsName() throws IOException {
        var offenders = new ArrayList<String>();
        try (var files = Files.list(Path.of("src/main/java/dev/hubspoke/components"))) {
            for (Path file : files.toList()) {
                var lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    boolean comment = line.startsWith("*") || line.startsWith("//") || line.startsWith("/*");
                    if (!comment && COMMERCIAL_ONLY.matcher(line).find()) {
                        offenders.add(file.getFileName() + ":" + (i + 1) + ": " + line);
                    }
                }
            }
        }
        assertEquals(List.of(), offenders);
    }

    @Test
    void theGuardFindsALiteralArn() {
        assertTrue(COMMERCIAL_ONLY.matcher("String p = \"arn:aws:iam::aws:policy/X\";").find());
        assertTrue(COMMERCIAL_ONLY.matcher(".serviceName(\"com.amazonaws.\" + r)").find());
        assertTrue(!COMMERCIAL_ONLY.matcher("aws.managedPolicyArn(SSM_CORE_POLICY)").find());
        assertTrue(COMMERCIAL_ONLY.matcher("principal(\"ec2.amazonaws.com\")").find());
    }
}
