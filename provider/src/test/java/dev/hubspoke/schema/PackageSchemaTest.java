package dev.hubspoke.schema;

import dev.hubspoke.schema.PackageSchema.Kind;
import dev.hubspoke.schema.PackageSchema.PropertySpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackageSchemaTest {

    @Test
    void getSchemaBytesAreTheRepositorySchemaJsonByteForByte() throws IOException {
        // Surefire runs in provider/, next to which the repository's schema.json sits.
        byte[] file = Files.readAllBytes(Path.of("..", "schema.json"));
        assertArrayEquals(file, PackageSchema.get().bytes());
    }

    @Test
    void schemaIsLoadedOnceAndItsBytesCannotBeChangedByACaller() {
        PackageSchema schema = PackageSchema.get();
        assertSame(schema, PackageSchema.get());
        byte[] copy = schema.bytes();
        copy[0] = 'x';
        assertEquals('{', schema.bytes()[0]);
    }

    @Test
    void propertySpecsCarryTypeItemsRefEnumValuesAndDefault() {
        var inputs = PackageSchema.get().component("hubspoke:index:HubAndSpoke").orElseThrow().inputs();
        PropertySpec spokes = inputs.properties().get("spokes");
        assertEquals(Kind.ARRAY, spokes.kind());
        assertEquals(Kind.OBJECT, spokes.element().orElseThrow().kind());
        assertEquals("hubspoke:index:SpokeSpec", spokes.element().orElseThrow().ref().orElseThrow());

        PropertySpec nat = inputs.properties().get("natGateways");
        assertEquals(List.of("perAz", "single"), nat.enumValues());
        assertEquals("perAz", nat.defaultValue().orElseThrow().asText());

        PropertySpec tags = inputs.properties().get("tags");
        assertEquals(Kind.MAP, tags.kind());
        assertEquals(Kind.STRING, tags.element().orElseThrow().kind());

        assertEquals(64512, inputs.properties().get("amazonSideAsn").defaultValue().orElseThrow().intValue());
        assertTrue(inputs.properties().get("azCount").defaultValue().isEmpty());
        assertTrue(inputs.required().isEmpty());
    }

    @Test
    void outputsAndRequiredOutputsAreRead() {
        var outputs = PackageSchema.get().component("hubspoke:index:HubAndSpoke").orElseThrow().outputs();
        assertTrue(outputs.properties().containsKey("firewallArn"));
        assertTrue(!outputs.required().contains("firewallArn") && outputs.required().contains("spokeVpcIds"));
        PropertySpec subnets = outputs.properties().get("spokeWorkloadSubnetIds");
        assertEquals(Kind.MAP, subnets.kind());
        assertEquals(Kind.ARRAY, subnets.element().orElseThrow().kind());
    }

    @Test
    void unknownTokensAreAbsent() {
        assertTrue(PackageSchema.get().component("hubspoke:index:Nope").isEmpty());
        assertTrue(PackageSchema.get().objectType("hubspoke:index:NatGatewayMode").isEmpty());
    }
}
