package dev.hubspoke.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubspoke.verify.CheckResult.Case;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * What {@code verify} found: the roles of the VPCs and one result per check, as text for people
 * or JSON (format {@value #FORMAT}) for machines.
 */
record Report(Network network, Topology topology, List<CheckResult> checks) {

    /** Names the JSON layout; bumped when a field changes meaning or goes away. */
    static final String FORMAT = "hubspoke-verify/v1";

    boolean passed() {
        return checks.stream().allMatch(CheckResult::passed);
    }

    String toText() {
        var text = new StringBuilder();
        for (CheckResult check : checks) {
            text.append(check.passed() ? "PASS " : "FAIL ").append(check.name()).append(": ").append(check.title()).append('\n');
            for (Case c : check.cases()) {
                text.append("  ").append(c.passed() ? "ok   " : "FAIL ").append(c.subject()).append(": ").append(c.detail()).append('\n');
                for (int i = 0; i < c.path().size(); i++) {
                    boolean faulty = c.faultyHop().equals(Optional.of(i));
                    text.append(faulty ? "    >> " : "       ").append(i + 1).append(". ")
                            .append(c.path().get(i).describe()).append(faulty ? "   <-- faulty hop" : "").append('\n');
                }
            }
        }
        long failed = checks.stream().filter(c -> !c.passed()).count();
        text.append(failed == 0 ? "PASS: all " + checks.size() + " checks passed\n"
                : "FAIL: " + failed + " of " + checks.size() + " checks failed\n");
        return text.toString();
    }

    String toJson() {
        var mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        root.put("passed", passed());
        ObjectNode roles = root.putObject("topology");
        topology.inspection().ifPresentOrElse(i -> vpc(roles.putObject("inspectionVpc"), i), () -> roles.putNull("inspectionVpc"));
        topology.inspectionAttachment().ifPresentOrElse(a -> roles.put("inspectionAttachmentId", a.id()),
                () -> roles.putNull("inspectionAttachmentId"));
        ArrayNode spokes = roles.putArray("spokes");
        for (Network.Vpc spoke : topology.spokes()) {
            ObjectNode s = vpc(spokes.addObject(), spoke);
            ArrayNode workloads = s.putArray("workloadSubnets");
            topology.workloadSubnets().get(spoke.id()).forEach(w -> workloads.addObject()
                    .put("id", w.id()).put("name", w.name()).put("cidr", w.cidr().toString()).put("az", w.availabilityZone()));
        }
        topology.problems().forEach(roles.putArray("problems")::add);
        ArrayNode checkArray = root.putArray("checks");
        for (CheckResult check : checks) {
            ObjectNode c = checkArray.addObject();
            c.put("name", check.name());
            c.put("passed", check.passed());
            c.put("title", check.title());
            ArrayNode cases = c.putArray("cases");
            for (Case k : check.cases()) {
                ObjectNode kase = cases.addObject();
                kase.put("subject", k.subject());
                kase.put("passed", k.passed());
                kase.put("detail", k.detail());
                k.faultyHop().ifPresentOrElse(f -> kase.put("faultyHop", f), () -> kase.putNull("faultyHop"));
                ArrayNode path = kase.putArray("path");
                for (Hop hop : k.path()) {
                    ObjectNode h = path.addObject();
                    h.put("kind", hop.kind().jsonName());
                    h.put("id", hop.id());
                    h.put("name", hop.name());
                    optional(h, "vpcId", hop.vpcId());
                    optional(h, "az", hop.az());
                    optional(h, "routeTableId", hop.routeTable());
                    h.put("action", hop.action());
                }
            }
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode vpc(ObjectNode node, Network.Vpc vpc) {
        node.put("id", vpc.id());
        node.put("name", vpc.name());
        ArrayNode cidrs = node.putArray("cidrs");
        vpc.cidrs().forEach(c -> cidrs.add(c.toString()));
        return node;
    }

    private static void optional(ObjectNode node, String field, Optional<String> value) {
        value.ifPresentOrElse(v -> node.put(field, v), () -> node.putNull(field));
    }
}
