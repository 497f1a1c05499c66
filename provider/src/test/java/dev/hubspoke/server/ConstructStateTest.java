package dev.hubspoke.server;

import com.google.common.collect.ImmutableSet;
import com.google.protobuf.Value;
import com.pulumi.core.Output;
import com.pulumi.core.internal.OutputData;
import com.pulumi.core.internal.OutputInternal;
import com.pulumi.resources.DependencyResource;
import com.pulumi.resources.Resource;
import org.junit.jupiter.api.Test;
import pulumirpc.Provider.ConstructResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConstructStateTest {

    private static final String VPC = "urn:pulumi:dev::proj::hubspoke:index:SpokeVpc$aws:ec2/vpc:Vpc::app-vpc";
    private static final String SUBNET = "urn:pulumi:dev::proj::hubspoke:index:SpokeVpc$aws:ec2/subnet:Subnet::app-a";

    private static <T> Output<T> output(T value, boolean known, boolean secret, String... dependencies) {
        var resources = ImmutableSet.<Resource>copyOf(List.of(dependencies).stream().map(DependencyResource::new).toList());
        return new OutputInternal<>(OutputData.ofNullable(resources, value, known, secret));
    }

    private static ConstructResponse respond(Map<String, Output<?>> outputs, boolean acceptsOutputValues) {
        return ConstructState.response("urn:c", outputs, acceptsOutputValues).join();
    }

    private static Value outputValue(Object value, boolean secret, String... dependencies) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put(Structs.SIG, Structs.OUTPUT_SIG);
        if (value != null) {
            fields.put("value", value);
        }
        fields.put("dependencies", List.of(dependencies));
        fields.put("secret", secret);
        return Structs.value(fields);
    }

    @Test
    void aKnownOutputWithoutDependenciesIsItsPlainValue() {
        var response = respond(Map.of("name", Output.of("hub")), true);
        assertEquals("urn:c", response.getUrn());
        assertEquals(Structs.value("hub"), response.getState().getFieldsOrThrow("name"));
        assertEquals(0, response.getStateDependenciesOrThrow("name").getUrnsCount());
    }

    @Test
    void aKnownOutputWithDependenciesIsAnOutputValueListingThem() {
        var response = respond(Map.of("vpcId", output("vpc-1", true, false, VPC)), true);
        assertEquals(outputValue("vpc-1", false, VPC), response.getState().getFieldsOrThrow("vpcId"));
        assertEquals(List.of(VPC), response.getStateDependenciesOrThrow("vpcId").getUrnsList());
    }

    @Test
    void anUnknownOutputStaysUnknownAndKeepsItsSecretnessAndDependencies() {
        var response = respond(Map.of("ids", output(null, false, true, VPC, SUBNET)), true);
        assertEquals(outputValue(null, true, SUBNET, VPC), response.getState().getFieldsOrThrow("ids"));
    }

    @Test
    void anUnknownOutputWithoutDependenciesIsTheUnknownMarker() {
        var response = respond(Map.of("ids", output(null, false, false)), true);
        assertEquals(Structs.value(Structs.UNKNOWN), response.getState().getFieldsOrThrow("ids"));
    }

    @Test
    void aSecretWithoutDependenciesIsWrappedAsASecret() {
        var response = respond(Map.of("password", Output.ofSecret("hunter2")), true);
        assertEquals(Structs.secret("hunter2"), response.getState().getFieldsOrThrow("password"));
    }

    @Test
    void whenTheEngineTakesNoOutputValuesDependenciesOnlyGoToStateDependencies() {
        var response = respond(Map.of("vpcId", output("vpc-1", true, false, VPC),
                "later", output(null, false, true, SUBNET)), false);
        assertEquals(Structs.value("vpc-1"), response.getState().getFieldsOrThrow("vpcId"));
        assertEquals(Structs.secret(Structs.UNKNOWN), response.getState().getFieldsOrThrow("later"));
        assertEquals(List.of(SUBNET), response.getStateDependenciesOrThrow("later").getUrnsList());
    }

    @Test
    void listsMapsNumbersBooleansAndOptionalsBecomeTheirWireShapes() {
        var value = new LinkedHashMap<String, Object>();
        value.put("a", List.of("subnet-1", "subnet-2"));
        value.put("n", 3);
        value.put("on", true);
        value.put("maybe", Optional.empty());
        var response = respond(Map.of("mixed", Output.of(value), "present", Output.of(Optional.of("x"))), true);
        assertEquals(Map.of("a", List.of("subnet-1", "subnet-2"), "n", 3.0, "on", true),
                Map.copyOf(withoutNulls(Structs.plain(response.getState().getFieldsOrThrow("mixed").getStructValue()))));
        assertTrue(response.getState().getFieldsOrThrow("mixed").getStructValue().getFieldsOrThrow("maybe").hasNullValue());
        assertEquals(Structs.value("x"), response.getState().getFieldsOrThrow("present"));
    }

    @Test
    void aValueTheWireCannotCarryIsRejectedNamingTheOutput() {
        var e = assertThrows(IllegalArgumentException.class, () -> ConstructState.plain("spokes.app", new Object()));
        assertTrue(e.getMessage().startsWith("output spokes.app has a value of type java.lang.Object"), e.getMessage());
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> map) {
        var copy = new LinkedHashMap<>(map);
        copy.values().removeIf(v -> v == null);
        return copy;
    }
}
