package dev.hubspoke.server;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.pulumi.provider.internal.properties.PropertyValue;
import com.pulumi.provider.internal.properties.PropertyValue.OutputReference;
import org.junit.jupiter.api.Test;
import pulumirpc.Provider.ConstructRequest;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConstructCallTest {

    private static final String HUB = "urn:pulumi:dev::proj::hubspoke:index:Hub::hub";
    private static final String POLICY = "urn:pulumi:dev::proj::hubspoke:index:FirewallPolicy::policy";

    private static Value text(String s) {
        return Value.newBuilder().setStringValue(s).build();
    }

    @Test
    void aPlainInputTakesTheDependenciesTheEngineSentBesideIt() {
        var request = ConstructRequest.newBuilder()
                .setInputs(Struct.newBuilder()
                        .putFields("transitGatewayId", text("tgw-1"))
                        .putFields("cidrBlock", text("10.0.0.0/16")))
                .putInputDependencies("transitGatewayId",
                        ConstructRequest.PropertyDependencies.newBuilder().addUrns(HUB).build())
                .build();

        var inputs = ConstructCall.inputs(request);

        assertEquals(PropertyValue.of(new OutputReference(PropertyValue.of("tgw-1"), Set.of(HUB))),
                inputs.get("transitGatewayId"));
        assertEquals(PropertyValue.of("10.0.0.0/16"), inputs.get("cidrBlock"), "no dependencies, left as it was");
    }

    @Test
    void anOutputValueKeepsItsOwnDependenciesAndGainsTheListedOnes() {
        var output = PropertyValue.of(new OutputReference(PropertyValue.of("arn:policy"), Set.of(POLICY)));
        var request = ConstructRequest.newBuilder()
                .setInputs(PropertyValue.marshalProperties(java.util.Map.of("firewallPolicyArn", output)))
                .putInputDependencies("firewallPolicyArn",
                        ConstructRequest.PropertyDependencies.newBuilder().addUrns(HUB).build())
                .build();

        var value = ConstructCall.inputs(request).get("firewallPolicyArn");

        var outer = value.getOutputValue();
        assertEquals(Set.of(HUB), outer.getDependencies());
        assertEquals(output, outer.getValue());
    }
}
