package dev.hubspoke.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubspoke.components.HubAndSpokeArgs;
import dev.hubspoke.net.Cidr;
import dev.hubspoke.net.PlannedSubnet;
import dev.hubspoke.net.SubnetPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What {@code plan} prints: the address plan (VPC × tier × AZ → CIDR) and the resource tree. */
record Plan(String name, HubAndSpokeArgs args, int azCount, List<Row> rows, ResourceNode tree) {

    /** One planned subnet. */
    record Row(String vpc, Cidr vpcCidr, PlannedSubnet subnet, String availabilityZone) {
    }

    /** The plan of {@code vpcs} (VPC name to its subnets, in build order) and the resource tree. */
    static Plan of(String name, HubAndSpokeArgs args, Map<String, SubnetPlan> vpcs, ResourceNode tree) {
        List<String> zones = args.availabilityZones() == null ? List.of() : args.availabilityZones();
        List<Row> rows = new ArrayList<>();
        int azCount = 0;
        for (Map.Entry<String, SubnetPlan> vpc : vpcs.entrySet()) {
            azCount = vpc.getValue().azCount();
            for (PlannedSubnet subnet : vpc.getValue().subnets()) {
                String zone = subnet.azIndex() < zones.size() ? zones.get(subnet.azIndex()) : "AZ " + subnet.azIndex();
                rows.add(new Row(vpc.getKey(), vpc.getValue().vpc(), subnet, zone));
            }
        }
        return new Plan(name, args, azCount, rows, tree);
    }

    private Map<String, Integer> countsByType() {
        Map<String, Integer> counts = new TreeMap<>();
        count(tree, counts);
        return counts;
    }

    private static void count(ResourceNode node, Map<String, Integer> counts) {
        counts.merge(node.type(), 1, Integer::sum);
        node.children().forEach(child -> count(child, counts));
    }

    String toText() {
        StringBuilder out = new StringBuilder();
        out.append("HubAndSpoke '").append(name).append("': supernet ").append(args.supernetCidrBlock())
                .append(", ").append(azCount).append(" AZs").append(rows.stream().anyMatch(r -> r.availabilityZone().startsWith("AZ ")) ? " (names looked up at deploy time)" : "")
                .append(", NAT ").append(args.natGateways().schemaValue())
                .append(", firewall ").append(args.firewall() ? "on" : "off").append("\n\n");
        out.append("Address plan\n");
        String format = "  %-12s %-16s %-9s %-12s %s%n";
        out.append(String.format(format, "VPC", "VPC CIDR", "tier", "AZ", "subnet"));
        for (Row row : rows) {
            out.append(String.format(format, row.vpc(), row.vpcCidr(), row.subnet().tier().label(), row.availabilityZone(), row.subnet().cidr()));
        }
        out.append("\nResource tree (").append(tree.size()).append(" resources)\n");
        tree.appendText(out, "  ", true, true);
        out.append("\nResources by type\n");
        countsByType().forEach((type, n) -> out.append(String.format("  %4d  %s%n", n, type)));
        return out.toString();
    }

    String toJson() {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("name", name);
        root.put("supernetCidrBlock", args.supernetCidrBlock());
        root.put("azCount", azCount);
        ArrayNode addressPlan = root.putArray("addressPlan");
        for (Row row : rows) {
            addressPlan.addObject()
                    .put("vpc", row.vpc())
                    .put("vpcCidrBlock", row.vpcCidr().toString())
                    .put("tier", row.subnet().tier().label())
                    .put("azIndex", row.subnet().azIndex())
                    .put("availabilityZone", row.availabilityZone())
                    .put("cidrBlock", row.subnet().cidr().toString());
        }
        root.put("resourceCount", tree.size());
        ObjectNode byType = root.putObject("resourcesByType");
        countsByType().forEach(byType::put);
        root.set("resources", treeJson(mapper, tree));
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode treeJson(ObjectMapper mapper, ResourceNode node) {
        ObjectNode json = mapper.createObjectNode().put("type", node.type()).put("name", node.name());
        if (!node.children().isEmpty()) {
            ArrayNode children = json.putArray("children");
            node.children().forEach(child -> children.add(treeJson(mapper, child)));
        }
        return json;
    }
}
