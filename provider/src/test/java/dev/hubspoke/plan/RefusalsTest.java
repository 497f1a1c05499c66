package dev.hubspoke.plan;

import com.pulumi.test.Mocks.ResourceArgs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-process stand-in refuses the creates AWS refuses, as the engine tests' stand-in does. */
class RefusalsTest {

    private final StandInAws aws = new StandInAws();

    private String create(String type, String name, Map<String, Object> inputs) {
        return aws.newResourceAsync(new ResourceArgs(type, name, inputs, null, null)).join().id.orElseThrow();
    }

    private String refused(String type, String name, Map<String, Object> inputs) {
        var failure = assertThrows(CompletionException.class, () -> create(type, name, inputs));
        var message = failure.getCause().getMessage();
        assertTrue(message.contains("refused creating " + type + " '" + name + "'"), message);
        return message;
    }

    private String subnet(String name, String zone) {
        return create("aws:ec2/subnet:Subnet", name, Map.of("vpcId", "vpc-1", "cidrBlock", "10.0.0.0/28",
                "availabilityZone", zone));
    }

    @Test
    void aVpcBlockOutsideSlash16ToSlash28IsRefused() {
        for (var block : List.of("10.0.0.0/8", "10.0.0.0/29")) {
            assertTrue(refused("aws:ec2/vpc:Vpc", "v" + block.length(), Map.of("cidrBlock", block))
                    .contains("InvalidVpc.Range"));
        }
        assertDoesNotThrow(() -> create("aws:ec2/vpc:Vpc", "ok", Map.of("cidrBlock", "10.0.0.0/16")));
    }

    @Test
    void aTgwAttachmentNeedsOneSubnetPerAvailabilityZoneAndNoneInALocalZone() {
        var a = subnet("a", "us-east-1a");
        var a2 = subnet("a2", "us-east-1a");
        var b = subnet("b", "us-east-1b");
        var local = subnet("local", "us-east-1-bos-1a");
        var type = "aws:ec2transitgateway/vpcAttachment:VpcAttachment";
        assertTrue(refused(type, "twice", Map.of("subnetIds", List.of(a, a2))).contains("DuplicateSubnetsInSameZone"));
        assertTrue(refused(type, "local", Map.of("subnetIds", List.of(b, local))).contains("not an Availability Zone"));
        assertDoesNotThrow(() -> create(type, "ok", Map.of("subnetIds", List.of(a, b))));
        // A zone the stand-in does not play (plan runs on blueprints of any region) is taken as given.
        var elsewhere = subnet("elsewhere", "eu-west-1a");
        assertDoesNotThrow(() -> create(type, "elsewhere", Map.of("subnetIds", List.of(elsewhere, b))));
    }

    @Test
    void aFirewallNeedsEachSubnetMappingInADifferentZone() {
        var a = subnet("a", "us-east-1a");
        var a2 = subnet("a2", "us-east-1a");
        var b = subnet("b", "us-east-1b");
        var type = "aws:networkfirewall/firewall:Firewall";
        assertTrue(refused(type, "twice", Map.of("subnetMappings", List.of(Map.of("subnetId", a), Map.of("subnetId", a2))))
                .contains("InvalidRequestException"));
        assertDoesNotThrow(() -> create(type, "ok",
                Map.of("subnetMappings", List.of(Map.of("subnetId", a), Map.of("subnetId", b)))));
    }
}
