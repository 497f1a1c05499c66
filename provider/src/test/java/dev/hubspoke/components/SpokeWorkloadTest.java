package dev.hubspoke.components;

import dev.hubspoke.plan.StandInAws;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.hubspoke.components.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpokeWorkloadTest {

    private static MockRun build(Optional<Output<String>> amiId) {
        return MockRun.ok(ctx -> new SpokeWorkload("probe", workload(amiId), ComponentResourceOptions.Empty));
    }

    @Test
    void buildsASecurityGroupAnSsmRoleAProfileAndOneInstance() {
        var run = build(Optional.empty());

        assertEquals(Map.of(SpokeWorkload.TYPE, 1L, SECURITY_GROUP, 1L, ROLE, 1L, ROLE_POLICY_ATTACHMENT, 1L,
                INSTANCE_PROFILE, 1L, INSTANCE, 1L), run.countsByType());
        assertEquals(run.all().size() - 1, run.childrenOf(run.named("probe")).size());
    }

    @Test
    void theSecurityGroupAdmitsNothingAndLetsOutOnlyHttpsHttpAndIcmp() {
        var sg = build(Optional.empty()).named("probe-sg");

        assertEquals("vpc-0spoke", sg.input("vpcId"));
        assertNull(sg.input("ingress"));
        assertEquals(List.of(
                Map.of("description", "HTTPS, also Session Manager", "protocol", "tcp", "fromPort", 443, "toPort", 443,
                        "cidrBlocks", List.of("0.0.0.0/0")),
                Map.of("description", "HTTP", "protocol", "tcp", "fromPort", 80, "toPort", 80,
                        "cidrBlocks", List.of("0.0.0.0/0")),
                Map.of("description", "ICMP", "protocol", "icmp", "fromPort", -1, "toPort", -1,
                        "cidrBlocks", List.of("0.0.0.0/0"))),
                SpokeVpcTest.normalizedRules(sg.list("egress")));
    }

    @Test
    void theInstanceRequiresImdsV2HasAnEncryptedRootVolumeAndNoPublicAddress() {
        var run = build(Optional.empty());
        var instance = run.named("probe-instance");

        assertEquals("required", instance.map("metadataOptions").get("httpTokens"));
        assertEquals(true, instance.map("rootBlockDevice").get("encrypted"));
        assertEquals(false, instance.input("associatePublicIpAddress"));
        assertEquals("t3.micro", instance.input("instanceType"));
        assertEquals("subnet-0workload", instance.input("subnetId"));
        assertEquals(List.of(run.named("probe-sg").id()), instance.list("vpcSecurityGroupIds"));
        assertEquals("probe-profile", instance.input("iamInstanceProfile"));
    }

    @Test
    void theRoleIsForEc2AndCarriesOnlyTheSsmCorePolicy() {
        var run = build(Optional.empty());

        assertTrue(((String) run.named("probe-role").input("assumeRolePolicy"))
                .contains("\"Service\":\"ec2.amazonaws.com\""));
        var attachment = run.named("probe-ssm-core");
        assertEquals("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore", attachment.input("policyArn"));
        assertEquals("probe-role", attachment.input("role"));
        assertEquals("probe-role", run.named("probe-profile").input("role"));
    }

    @Test
    void withoutAnAmiTheLatestAmazonLinux2023FromThePublicParameterIsUsed() {
        var run = build(Optional.empty());

        assertEquals(StandInAws.AL2023_AMI, run.named("probe-instance").input("ami"));
        assertEquals(List.of(new StandInAws.Invoke("aws:ssm/getParameter:getParameter",
                        Map.of("name", "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"))),
                run.invokes().stream().filter(i -> i.token().startsWith("aws:ssm/")).toList());
    }

    @Test
    void aNewAmazonLinuxReleaseDoesNotReplaceTheProbeButAGivenAmiIsFollowed() {
        // ami cannot change in place: following the moving public parameter would replace the probe.
        assertEquals(List.of("ami"), build(Optional.empty()).named("probe-instance").ignoreChanges());
        assertEquals(List.of(), build(Optional.of(Output.of("ami-0given"))).named("probe-instance").ignoreChanges());
    }

    @Test
    void aGivenAmiIsUsedWithoutALookup() {
        var run = build(Optional.of(Output.of("ami-0given")));

        assertEquals("ami-0given", run.named("probe-instance").input("ami"));
        assertTrue(run.invokes().stream().noneMatch(i -> i.token().startsWith("aws:ssm/")), run.invokes().toString());
    }
}
