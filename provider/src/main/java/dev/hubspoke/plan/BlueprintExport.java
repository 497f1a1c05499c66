package dev.hubspoke.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.resources.Resource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resource graph a plan builds, shaped like {@code pulumi stack export} ({@code {"version": 3,
 * "deployment": {"resources": [...]}}}, each resource with urn, custom, id, type, inputs, outputs,
 * parent and dependencies), so that {@code verify} and {@code diagram} can read a blueprint
 * before anything is deployed. Ids and outputs are the stand-in's made-up ones ({@link
 * StandInAws}): consistent across resources (a route names the id of the NAT gateway resource
 * it targets), but not AWS's. Dependencies are the resources whose ids a resource's inputs name.
 */
final class BlueprintExport {

    static final String PROJECT = "hubspoke-plan";
    static final String STACK = "blueprint";
    private static final String STACK_TYPE = "pulumi:pulumi:Stack";
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Entry(String urn, String parentUrn, StandInAws.Registered resource) {
    }

    private BlueprintExport() {
    }

    /** The export of {@code root}'s tree (the stack resource first, then parents before children). */
    static ObjectNode of(Resource root, StandInAws aws) {
        String stackUrn = urn(STACK_TYPE, PROJECT + "-" + STACK);
        List<Entry> entries = new ArrayList<>();
        walk(root, "", stackUrn, aws, entries);
        Map<String, String> urnById = new LinkedHashMap<>();
        entries.forEach(e -> e.resource().id().ifPresent(id -> urnById.put(id, e.urn())));

        ObjectNode document = JSON.createObjectNode();
        document.put("version", 3);
        ObjectNode deployment = document.putObject("deployment");
        deployment.putObject("manifest").put("version", "hubspoke plan: a blueprint built against a stand-in for AWS, not a deployment");
        ArrayNode resources = deployment.putArray("resources");
        resources.addObject().put("urn", stackUrn).put("custom", false).put("type", STACK_TYPE)
                .set("outputs", JSON.createObjectNode());
        for (Entry entry : entries) {
            StandInAws.Registered r = entry.resource();
            ObjectNode node = resources.addObject();
            node.put("urn", entry.urn());
            node.put("custom", r.id().isPresent());
            r.id().ifPresent(id -> node.put("id", id));
            node.put("type", r.type());
            JsonNode inputs = JSON.valueToTree(r.inputs());
            node.set("inputs", inputs);
            node.set("outputs", JSON.valueToTree(r.outputs()));
            node.put("parent", entry.parentUrn());
            Set<String> dependencies = new LinkedHashSet<>();
            idsIn(inputs, urnById, dependencies);
            dependencies.remove(entry.urn());
            ArrayNode deps = node.putArray("dependencies");
            dependencies.forEach(deps::add);
        }
        return document;
    }

    /** Adds {@code resource} and its descendants; children in a stable order (type, then name). */
    private static void walk(Resource resource, String parentTypes, String parentUrn, StandInAws aws, List<Entry> entries) {
        String type = resource.pulumiResourceType();
        String name = resource.pulumiResourceName();
        String qualified = parentTypes.isEmpty() ? type : parentTypes + "$" + type;
        String urn = urn(qualified, name);
        StandInAws.Registered registered = aws.registered(type, name)
                .orElseThrow(() -> new IllegalStateException("the stand-in never saw " + type + " " + name));
        entries.add(new Entry(urn, parentUrn, registered));
        resource.pulumiChildResources().stream()
                .sorted(Comparator.comparing(Resource::pulumiResourceType).thenComparing(Resource::pulumiResourceName))
                .forEach(child -> walk(child, qualified, urn, aws, entries));
    }

    /** A Pulumi URN: the type part chains the parents' types (the stack's excluded), as the engine writes it. */
    private static String urn(String qualifiedType, String name) {
        return "urn:pulumi:" + STACK + "::" + PROJECT + "::" + qualifiedType + "::" + name;
    }

    private static void idsIn(JsonNode value, Map<String, String> urnById, Set<String> found) {
        if (value.isTextual()) {
            String urn = urnById.get(value.asText());
            if (urn != null) {
                found.add(urn);
            }
        }
        value.forEach(child -> idsIn(child, urnById, found));
    }
}
