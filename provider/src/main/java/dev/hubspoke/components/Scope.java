package dev.hubspoke.components;

import com.pulumi.core.Output;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;

/** What every child of one component shares: the component as parent, its names and its tags. */
record Scope(Resource parent, Names names) {

    CustomResourceOptions options() {
        return CustomResourceOptions.builder().parent(parent).build();
    }

    /** For a child that must wait for others, e.g. a route to the TGW for the TGW attachment. */
    CustomResourceOptions dependingOn(Resource... dependencies) {
        return CustomResourceOptions.builder().parent(parent).dependsOn(List.of(dependencies)).build();
    }

    ComponentResourceOptions componentOptions() {
        return ComponentResourceOptions.builder().parent(parent).build();
    }

    String name(String role) {
        return names.of(role);
    }

    String name(String role, int azIndex) {
        return names.of(role, azIndex);
    }

    Output<Map<String, String>> tags(String resourceName) {
        return names.tags(resourceName);
    }
}
