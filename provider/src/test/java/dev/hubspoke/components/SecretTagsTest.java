package dev.hubspoke.components;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.hubspoke.components.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretTagsTest {

    @Test
    void secretTagsReachEveryTaggedChildAsSecrets() {
        var run = MockRun.ok(ctx -> new HubAndSpoke("net", new HubAndSpokeArgs("10.0.0.0/8", "10.129.0.0/24",
                List.of(), Optional.empty(), seedSpokes(), true, List.of(".amazon.com"), List.of(), true, true, 30,
                NatGatewayMode.PER_AZ, 64512, Output.ofSecret(Map.of("cost-center", "1234"))),
                ComponentResourceOptions.Empty));

        var tagged = run.all().stream().filter(r -> r.inputs().containsKey("tags")).toList();
        assertTrue(tagged.size() > 50, "most children carry tags: " + tagged.size());
        for (var resource : tagged) {
            assertTrue(resource.secretInputs().contains("tags"), resource.name() + " tags must stay secret");
            assertEquals(Map.of("cost-center", "1234", "Name", resource.name()), resource.map("tags"));
        }
        var instance = run.named("net-spoke1-workload-instance");
        assertTrue(instance.secretInputs().contains("volumeTags"));
        // Only the tags are secret: ids and CIDRs stay readable.
        assertFalse(run.named("net-inspection-vpc").secretInputs().contains("cidrBlock"));
        assertFalse(instance.secretInputs().contains("subnetId"));
    }

    @Test
    void plainTagsStayPlain() {
        var run = MockRun.ok(ctx -> new SpokeVpc("app", spoke("10.0.0.0/16", 1, false, false),
                ComponentResourceOptions.Empty));

        assertTrue(run.all().stream().allMatch(r -> r.secretInputs().isEmpty()));
    }
}
