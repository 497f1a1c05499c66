package dev.hubspoke.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A stack export fixture (a real {@code pulumi stack export} of our network under the engine,
 * against the offline stand-in aws) as a mutable JSON tree, with helpers that break it the way a
 * hand-edited or drifted deployment would. Resources are found by their Pulumi name here, which
 * is fine in tests: the code under test never looks at names.
 */
final class StackExport {

    static final String COMPONENTS = "yaml-components";
    static final String BLUEPRINT = "yaml-blueprint";
    static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root;
    private final String prefix;

    private StackExport(ObjectNode root, String prefix) {
        this.root = root;
        this.prefix = prefix;
    }

    /** The fixture {@code verify/NAME.export.json}; the blueprint's resources carry a "network-" prefix. */
    static StackExport load(String name) {
        try (InputStream in = StackExport.class.getResourceAsStream("/verify/" + name + ".export.json")) {
            return new StackExport((ObjectNode) JSON.readTree(in), name.equals(BLUEPRINT) ? "network-" : "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ObjectNode root() {
        return root;
    }

    String json() {
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Network network() {
        return StackExportReader.read(root);
    }

    Report verify() {
        return VerifyCommand.verify(network(), true);
    }

    ArrayNode resources() {
        return (ArrayNode) root.path("deployment").path("resources");
    }

    /** The resource of that type and Pulumi name (without the blueprint's prefix). */
    ObjectNode resource(String type, String name) {
        for (JsonNode r : resources()) {
            if (r.path("type").asText().equals(type) && r.path("urn").asText().endsWith("::" + prefix + name)) {
                return (ObjectNode) r;
            }
        }
        throw new IllegalArgumentException("no " + type + " named " + prefix + name);
    }

    String id(String type, String name) {
        return resource(type, name).path("id").asText();
    }

    ObjectNode outputs(String type, String name) {
        return (ObjectNode) resource(type, name).path("outputs");
    }

    /** Adds a custom resource with these outputs. */
    ObjectNode add(String type, String name, String id, ObjectNode outputs) {
        ObjectNode resource = resources().addObject();
        resource.put("urn", "urn:pulumi:dev::test::" + type + "::" + name);
        resource.put("custom", true);
        resource.put("id", id);
        resource.put("type", type);
        resource.set("outputs", outputs);
        return resource;
    }

    void remove(String type, String name) {
        ObjectNode victim = resource(type, name);
        for (int i = 0; i < resources().size(); i++) {
            if (resources().get(i) == victim) {
                resources().remove(i);
                return;
            }
        }
    }

    List<ObjectNode> ofType(String type) {
        List<ObjectNode> found = new ArrayList<>();
        resources().forEach(r -> {
            if (r.path("type").asText().equals(type)) {
                found.add((ObjectNode) r);
            }
        });
        return found;
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** The names of the checks that fail. */
    static Set<String> failing(Report report) {
        return report.checks().stream().filter(c -> !c.passed()).map(CheckResult::name).collect(Collectors.toSet());
    }

    static CheckResult check(Report report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    static List<CheckResult.Case> failingCases(Report report, String name) {
        return check(report, name).cases().stream().filter(c -> !c.passed()).collect(Collectors.toList());
    }

    static final String VPC = "aws:ec2/vpc:Vpc";
    static final String SUBNET = "aws:ec2/subnet:Subnet";
    static final String ROUTE_TABLE = "aws:ec2/routeTable:RouteTable";
    static final String ROUTE = "aws:ec2/route:Route";
    static final String NAT = "aws:ec2/natGateway:NatGateway";
    static final String IGW = "aws:ec2/internetGateway:InternetGateway";
    static final String FIREWALL = "aws:networkfirewall/firewall:Firewall";
    static final String ATTACHMENT = "aws:ec2transitgateway/vpcAttachment:VpcAttachment";
    static final String TGW = "aws:ec2transitgateway/transitGateway:TransitGateway";
    static final String TGW_ROUTE_TABLE = "aws:ec2transitgateway/routeTable:RouteTable";
    static final String TGW_ASSOCIATION = "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation";
    static final String TGW_PROPAGATION = "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation";
}
