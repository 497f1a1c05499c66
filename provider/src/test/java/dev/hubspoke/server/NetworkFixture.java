package dev.hubspoke.server;

import com.google.common.collect.ImmutableSet;
import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.ec2.Subnet;
import com.pulumi.aws.ec2.SubnetArgs;
import com.pulumi.aws.ec2.Vpc;
import com.pulumi.aws.ec2.VpcArgs;
import com.pulumi.aws.inputs.GetAvailabilityZonesArgs;
import com.pulumi.aws.inputs.GetAvailabilityZonesFilterArgs;
import com.pulumi.core.Output;
import com.pulumi.core.internal.OutputData;
import com.pulumi.core.internal.OutputInternal;
import com.pulumi.provider.internal.properties.PropertyValue;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.DependencyResource;
import com.pulumi.resources.Resource;
import dev.hubspoke.components.HubspokeComponent;
import dev.hubspoke.net.Cidr;
import dev.hubspoke.net.InvalidNetworkException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small real component for the wire tests, standing in for the six hubspoke components until
 * they are wired: a VPC and {@code subnetCount} subnets (prefix + 8 each, so a /16 holds 256),
 * spread over the zones an invoke returns,
 * all parented to the component. Inputs: {@code cidrBlock} (required), {@code subnetCount}
 * (default 2), {@code description} (may be secret or come from another resource), {@code explode}
 * (true: fail with a bug before registering anything).
 */
final class NetworkFixture extends ComponentResource implements HubspokeComponent {

    static final String TYPE = "hubspoke:index:TestNetwork";

    private final Map<String, Output<?>> outputs;

    /** Validates everything first, so a bad input registers nothing, not even the component. */
    static NetworkFixture create(String name, Map<String, PropertyValue> inputs, ComponentResourceOptions options) {
        var text = knownString(inputs.get("cidrBlock")).orElseThrow(() -> new InvalidNetworkException(
                "TestNetwork", name, "cidrBlock", null, "is required", "give an IPv4 CIDR block such as 10.0.0.0/16"));
        var cidr = Cidr.tryParse(text).orElseThrow(() -> new InvalidNetworkException(
                "TestNetwork", name, "cidrBlock", text, "is not an IPv4 CIDR block", "write it as a.b.c.d/n"));
        var subnets = Optional.ofNullable(inputs.get("subnetCount")).map(v -> v.getNumberValue().intValue()).orElse(2);
        if (Optional.ofNullable(inputs.get("explode")).map(PropertyValue::getBooleanValue).orElse(false)) {
            throw new IllegalStateException("the fixture exploded on purpose");
        }
        var description = Optional.ofNullable(inputs.get("description")).map(NetworkFixture::stringOutput)
                .orElse(Output.of("test network"));
        return new NetworkFixture(name, cidr, subnets, description, options);
    }

    private NetworkFixture(String name, Cidr cidr, int subnetCount, Output<String> description,
                           ComponentResourceOptions options) {
        super(TYPE, name, options);
        // Availability Zones only, as the components ask: the stand-in, like AWS, also lists Local Zones.
        var zones = AwsFunctions.getAvailabilityZones(GetAvailabilityZonesArgs.builder().state("available")
                        .filters(GetAvailabilityZonesFilterArgs.builder().name("zone-type").values("availability-zone").build())
                        .build())
                .applyValue(result -> result.names());
        var child = CustomResourceOptions.builder().parent(this).build();
        var vpc = new Vpc(name + "-vpc", VpcArgs.builder()
                .cidrBlock(cidr.toString())
                .tags(description.applyValue(text -> Map.of("Name", name, "Description", text)))
                .build(), child);
        var subnetIds = new ArrayList<Output<String>>();
        for (int i = 0; i < subnetCount; i++) {
            var zone = i;
            var subnet = new Subnet(name + "-subnet-" + i, SubnetArgs.builder()
                    .vpcId(vpc.id())
                    .cidrBlock(cidr.subnet(cidr.prefixLength() + 8, i).toString())
                    .availabilityZone(zones.applyValue(names -> names.get(zone % names.size())))
                    .build(), child);
            subnetIds.add(subnet.id());
        }
        var outputs = new LinkedHashMap<String, Output<?>>();
        outputs.put("vpcId", vpc.id());
        outputs.put("subnetIds", Output.all(subnetIds));
        outputs.put("cidrBlock", Output.of(cidr.toString()));
        outputs.put("availabilityZones", zones);
        outputs.put("description", description);
        this.outputs = Map.copyOf(outputs);
        registerOutputs(outputs);
    }

    @Override
    public Map<String, Output<?>> outputs() {
        return outputs;
    }

    private static Optional<String> knownString(PropertyValue value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.getType()) {
            case STRING -> Optional.of(value.getStringValue());
            case SECRET -> knownString(value.getSecretValue());
            case OUTPUT -> knownString(value.getOutputValue().getValue());
            default -> Optional.empty();
        };
    }

    /** A string input as an Output, keeping secretness, unknownness and dependencies. */
    private static Output<String> stringOutput(PropertyValue value) {
        boolean secret = value.getType() == PropertyValue.ValueType.SECRET;
        var inner = secret ? value.getSecretValue() : value;
        var dependencies = new ArrayList<Resource>();
        if (inner.getType() == PropertyValue.ValueType.OUTPUT) {
            inner.getOutputValue().getDependencies().forEach(urn -> dependencies.add(new DependencyResource(urn)));
        }
        var text = knownString(inner);
        OutputData<String> data = text.isPresent()
                ? OutputData.of(ImmutableSet.copyOf(dependencies), text.get(), secret)
                : OutputData.ofNullable(ImmutableSet.copyOf(dependencies), null, false, secret);
        return new OutputInternal<>(data);
    }

    static List<String> childTypes(int subnets) {
        var types = new ArrayList<String>();
        types.add("aws:ec2/vpc:Vpc");
        for (int i = 0; i < subnets; i++) {
            types.add("aws:ec2/subnet:Subnet");
        }
        return types;
    }
}
