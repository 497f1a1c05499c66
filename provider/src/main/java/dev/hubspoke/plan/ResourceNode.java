package dev.hubspoke.plan;

import com.pulumi.resources.Resource;

import java.util.Comparator;
import java.util.List;

/** One resource of the tree a component builds, with its children sorted by type then name. */
record ResourceNode(String type, String name, List<ResourceNode> children) {

    static ResourceNode of(Resource resource) {
        List<ResourceNode> children = resource.pulumiChildResources().stream()
                .map(ResourceNode::of)
                .sorted(Comparator.comparing(ResourceNode::type).thenComparing(ResourceNode::name))
                .toList();
        return new ResourceNode(resource.pulumiResourceType(), resource.pulumiResourceName(), children);
    }

    /** This node and every descendant. */
    int size() {
        return 1 + children.stream().mapToInt(ResourceNode::size).sum();
    }

    void appendText(StringBuilder out, String indent, boolean last, boolean root) {
        out.append(indent).append(root ? "" : last ? "└─ " : "├─ ").append(name).append("  (").append(type).append(")\n");
        String childIndent = root ? indent : indent + (last ? "   " : "│  ");
        for (int i = 0; i < children.size(); i++) {
            children.get(i).appendText(out, childIndent, i == children.size() - 1, false);
        }
    }
}
