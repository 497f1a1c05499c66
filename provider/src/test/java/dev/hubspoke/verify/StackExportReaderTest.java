package dev.hubspoke.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.hubspoke.verify.StackExport.BLUEPRINT;
import static dev.hubspoke.verify.StackExport.COMPONENTS;
import static dev.hubspoke.verify.StackExport.IGW;
import static dev.hubspoke.verify.StackExport.ROUTE;
import static dev.hubspoke.verify.StackExport.ROUTE_TABLE;
import static dev.hubspoke.verify.StackExport.TGW;
import static dev.hubspoke.verify.StackExport.TGW_ASSOCIATION;
import static dev.hubspoke.verify.StackExport.VPC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rebuilding the network from state: only real pulumi-aws outputs, ids not names, other shapes of state. */
class StackExportReaderTest {

    @Test
    void everyFieldReadIsAnOutputOfThatResourceInPulumiAws683() throws Exception {
        for (Map.Entry<String, List<String>> entry : StackExportReader.FIELDS_READ.entrySet()) {
            String token = entry.getKey();
            // aws:ec2/routeTable:RouteTable -> com.pulumi.aws.ec2.RouteTable
            String module = token.substring(token.indexOf(':') + 1, token.indexOf('/'));
            String type = token.substring(token.lastIndexOf(':') + 1);
            Class<?> resource = Class.forName("com.pulumi.aws." + module + "." + type);
            assertEquals(token, resource.getAnnotation(ResourceType.class).type());
            Set<String> exported = new HashSet<>();
            for (Field field : resource.getDeclaredFields()) {
                Optional.ofNullable(field.getAnnotation(Export.class)).ifPresent(e -> exported.add(e.name()));
            }
            for (String output : entry.getValue()) {
                assertTrue(exported.contains(output), token + " has no output " + output);
            }
        }
    }

    @Test
    void theNestedFieldsReadExistInPulumiAwsOutputTypes() throws Exception {
        assertHasFields("com.pulumi.aws.ec2.outputs.RouteTableRoute", "cidrBlock", "gatewayId", "natGatewayId",
                "transitGatewayId", "vpcEndpointId", "networkInterfaceId", "vpcPeeringConnectionId");
        assertHasFields("com.pulumi.aws.ec2.outputs.DefaultRouteTableRoute", "cidrBlock", "gatewayId", "natGatewayId",
                "transitGatewayId", "vpcEndpointId", "instanceId");
        assertHasFields("com.pulumi.aws.networkfirewall.outputs.FirewallFirewallStatus", "syncStates");
        assertHasFields("com.pulumi.aws.networkfirewall.outputs.FirewallFirewallStatusSyncState", "availabilityZone", "attachments");
        assertHasFields("com.pulumi.aws.networkfirewall.outputs.FirewallFirewallStatusSyncStateAttachment", "endpointId", "subnetId");
    }

    private static void assertHasFields(String className, String... names) throws Exception {
        Class<?> type = Class.forName(className);
        for (String name : names) {
            assertEquals(name, type.getDeclaredField(name).getName());
        }
    }

    @Test
    void theComponentsFixtureIsRebuiltCompletely() {
        Network network = StackExport.load(COMPONENTS).network();

        assertEquals(3, network.vpcs().size());
        assertEquals(14, network.subnets().size());
        assertEquals(14, network.routeTables().size());
        assertEquals(14, network.subnetRouteTables().size());
        assertEquals(14, network.routeTables().values().stream().mapToInt(t -> t.routes().size()).sum());
        assertEquals(2, network.natGateways().size());
        assertEquals(1, network.internetGateways().size());
        assertEquals(Set.of("us-east-1a", "us-east-1b"), Set.copyOf(network.firewallEndpoints().values().stream()
                .map(Network.FirewallEndpoint::availabilityZone).toList()));
        assertEquals(3, network.attachments().size());
        assertEquals(2, network.tgwRouteTables().size());
        assertEquals(3, network.tgwAssociations().size());
        assertEquals(2, network.tgwPropagations().size());
        assertEquals(1, network.tgwStaticRoutes().size());
        assertEquals(2, network.instances().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {COMPONENTS, BLUEPRINT})
    void namesAndUrnsDoNotMatterOnlyIdsAndProperties(String fixture) {
        StackExport export = StackExport.load(fixture);
        int n = 0;
        for (JsonNode resource : export.resources()) {
            ObjectNode r = (ObjectNode) resource;
            r.put("urn", "urn:pulumi:prod::other::" + r.path("type").asText() + "::thing" + n++);
            if (r.path("outputs").path("tags").isObject()) {
                ((ObjectNode) r.path("outputs").path("tags")).put("Name", "x" + n);
            }
        }

        Report report = export.verify();

        assertTrue(report.passed(), report.toText());
        assertEquals(2, report.topology().spokes().size());
        assertEquals("10.129.0.0/24", report.topology().inspection().orElseThrow().cidrs().get(0).toString());
    }

    @Test
    void inlineRouteBlocksOfARouteTableAreRoutedLikeRouteResources() {
        StackExport export = StackExport.load(COMPONENTS);
        // Move every route resource into its table's `routes` output, as a program with inline routes has it.
        for (ObjectNode route : export.ofType(ROUTE)) {
            ObjectNode o = (ObjectNode) route.path("outputs");
            ObjectNode table = export.ofType(ROUTE_TABLE).stream()
                    .filter(t -> t.path("id").asText().equals(o.path("routeTableId").asText())).findFirst().orElseThrow();
            ObjectNode inline = ((ArrayNode) ((ObjectNode) table.path("outputs")).withArrayProperty("routes")).addObject();
            inline.put("cidrBlock", o.path("destinationCidrBlock").asText());
            // Terraform state keeps every unset target as an empty string
            for (String target : List.of("gatewayId", "natGatewayId", "transitGatewayId", "vpcEndpointId", "networkInterfaceId",
                    "vpcPeeringConnectionId", "carrierGatewayId", "egressOnlyGatewayId", "localGatewayId", "coreNetworkArn")) {
                inline.put(target, o.path(target).asText(""));
            }
        }
        for (int i = export.resources().size() - 1; i >= 0; i--) {
            if (export.resources().get(i).path("type").asText().equals(ROUTE)) {
                export.resources().remove(i);
            }
        }

        Report report = export.verify();

        assertEquals(0, export.ofType(ROUTE).size());
        assertTrue(report.passed(), report.toText());
    }

    @Test
    void resourcesPendingDeletionAndSecretValuesAreIgnored() {
        StackExport export = StackExport.load(COMPONENTS);
        ObjectNode stale = export.add(IGW, "old-spoke-igw", "igw-stale", StackExport.object()
                .put("vpcId", export.id(VPC, "spoke1-vpc")));
        stale.put("delete", true);
        ObjectNode secret = StackExport.object().put("4dabf18193072939515e22adb298388d", "1b47061264138c4ac30d75fd1eb44270")
                .put("ciphertext", "AAAA");
        export.add(IGW, "secret-igw", "igw-secret", StackExport.object()).set("outputs", StackExport.object().set("vpcId", secret));

        Network network = export.network();

        assertFalse(network.internetGateways().containsKey("igw-stale"));
        assertEquals(Optional.empty(), network.internetGateways().get("igw-secret").vpcId());
        assertTrue(export.verify().passed());
    }

    @Test
    void anInternetGatewayAttachedByItsOwnResourceBelongsToThatVpc() {
        StackExport export = StackExport.load(COMPONENTS);
        ObjectNode igw = export.outputs(IGW, "inspection-igw");
        String vpc = igw.path("vpcId").asText();
        igw.remove("vpcId");
        export.add("aws:ec2/internetGatewayAttachment:InternetGatewayAttachment", "igw-attachment", "igw-attach-1",
                StackExport.object().put("internetGatewayId", export.id(IGW, "inspection-igw")).put("vpcId", vpc));

        assertEquals(Optional.of(vpc), export.network().internetGateways().get(export.id(IGW, "inspection-igw")).vpcId());
        assertTrue(export.verify().passed());
    }

    @Test
    void withoutAnExplicitAssociationAnAttachmentUsesTheTransitGatewaysDefaultRouteTable() {
        StackExport export = StackExport.load(COMPONENTS);
        String spokeRt = export.id(StackExport.TGW_ROUTE_TABLE, "hub-spoke-rt");
        export.remove(TGW_ASSOCIATION, "spoke1-tgw-association");
        ObjectNode tgw = export.outputs(TGW, "hub-tgw");

        Report unassociated = export.verify();
        tgw.put("defaultRouteTableAssociation", "enable").put("associationDefaultRouteTableId", spokeRt);
        export.outputs(StackExport.ATTACHMENT, "spoke1-tgw-attachment").put("transitGatewayDefaultRouteTableAssociation", true);
        Report associatedByDefault = export.verify();

        assertTrue(StackExport.failingCases(unassociated, Verifier.EGRESS).get(0).detail()
                .contains("which is associated with no TGW route table"), unassociated.toText());
        assertTrue(associatedByDefault.passed(), associatedByDefault.toText());
    }

    @Test
    void aDocumentWithoutResourcesIsNotAStackExport() {
        assertThrows(IllegalArgumentException.class, () -> StackExportReader.read(StackExport.object().put("version", 3)));
        assertEquals(0, StackExportReader.read(StackExport.JSON.createArrayNode()).vpcs().size());
    }
}
