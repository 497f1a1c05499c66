package dev.hubspoke.components;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.inputs.GetAvailabilityZonesArgs;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOutputOptions;
import com.pulumi.resources.Resource;

import java.util.List;

/**
 * The availability zones a VPC spans: the first {@code count} of the names the user listed, or,
 * with none listed, the first {@code count} zones the region reports as available. Index {@code a}
 * is AZ {@code a} of the subnet plan, so the inspection VPC and every spoke use the same zones.
 */
record Zones(List<String> listed, int count) {

    Zones {
        listed = List.copyOf(listed);
    }

    /**
     * The zone names, in AZ order. A lookup is an invoke with {@code parent} as parent, so it
     * uses the component's provider. It only maps the invoke's result: nothing is created here.
     */
    Output<List<String>> names(Resource parent) {
        if (!listed.isEmpty()) {
            return Output.of(listed);
        }
        return AwsFunctions.getAvailabilityZones(
                        GetAvailabilityZonesArgs.builder().state("available").build(),
                        new InvokeOutputOptions(parent, null, null, null))
                .applyValue(result -> firstAvailable(result.names(), count));
    }

    static List<String> firstAvailable(List<String> available, int count) {
        if (available.size() < count) {
            throw new IllegalStateException("the region has " + available.size()
                    + " available availability zones but " + count
                    + " are needed; set azCount to at most " + available.size());
        }
        return List.copyOf(available.subList(0, count));
    }
}
