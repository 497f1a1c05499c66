package dev.hubspoke.components;

import com.pulumi.aws.AwsFunctions;
import com.pulumi.aws.inputs.GetAvailabilityZonesFilter;
import com.pulumi.aws.inputs.GetAvailabilityZonesPlainArgs;
import com.pulumi.aws.outputs.GetAvailabilityZonesResult;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The availability zones a VPC spans: the first {@code count} of the names the user listed, or,
 * with none listed, the first {@code count} (by name) of the region's usable zones. Index
 * {@code a} is AZ {@code a} of the subnet plan, so the inspection VPC and every spoke use the
 * same zones.
 *
 * <p>Usable means a real Availability Zone. A region's zone list also holds the Local Zones and
 * Wavelength Zones the account opted in to, and those cannot hold what every AZ of this network
 * needs: a Transit Gateway attachment subnet and a Network Firewall endpoint. AWS documents two
 * ways to tell them apart, and the lookup asks for both: the {@code zone-type} filter
 * ({@code availability-zone}) and the {@code opt-in-status} filter ({@code opt-in-not-required},
 * which Availability Zones always have and Local and Wavelength Zones never do). See
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeAvailabilityZones.html and
 * https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AvailabilityZone.html
 */
record Zones(List<String> listed, int count) {

    /**
     * An AZ ID such as {@code use1-az1} or {@code usgw1-az2}: the physical zone, the same in every
     * account, while AZ names ({@code us-east-1a}) are mapped to physical zones per account
     * (https://docs.aws.amazon.com/ram/latest/userguide/working-with-az-ids.html).
     */
    static final Pattern AZ_ID = Pattern.compile("[a-z]{2,}[0-9]+-az[0-9]+");

    static boolean isZoneId(String zone) {
        return zone != null && AZ_ID.matcher(zone).matches();
    }

    static final String LOOKUP = "aws:index/getAvailabilityZones:getAvailabilityZones";

    /** What the lookup sends: available zones that are Availability Zones (no Local/Wavelength Zones). */
    static final GetAvailabilityZonesPlainArgs USABLE = GetAvailabilityZonesPlainArgs.builder()
            .state("available")
            .filters(
                    GetAvailabilityZonesFilter.builder().name("zone-type").values("availability-zone").build(),
                    GetAvailabilityZonesFilter.builder().name("opt-in-status").values("opt-in-not-required").build())
            .build();

    Zones {
        listed = List.copyOf(listed);
    }

    /** Whether the names are known: listed by the user, or already looked up. */
    boolean known() {
        return !listed.isEmpty();
    }

    /** Whether the zones are listed by AZ ID rather than by name (never mixed, see {@link Checks#zones}). */
    boolean byId() {
        return known() && isZoneId(listed.get(0));
    }

    /** The zone names (or AZ IDs, see {@link #byId()}), in AZ order; only once {@link #known()}. */
    List<String> names() {
        if (!known()) {
            throw new IllegalStateException("the availability zones have not been looked up: call resolved() first");
        }
        return listed;
    }

    /**
     * These zones with their names known: the listed ones as they are, or the region's first
     * {@code count} usable zones, looked up now.
     *
     * <p>This waits for the lookup, and the constructors call it before they register anything:
     * a region with too few usable zones must fail as one error, before the first child exists
     * (also in preview, where invokes run too), not as a failed Output under every subnet after
     * the VPC and its route tables were registered (and, under {@code pulumi up}, created).
     * Waiting costs one invoke round trip, and it makes each zone a plain string, so no subnet's
     * {@code availabilityZone} hangs on an Output.
     *
     * @param options the component's options: the lookup uses the aws provider its children
     *                will inherit, so it asks the region they are built in
     * @throws dev.hubspoke.net.InvalidNetworkException when the region has fewer usable zones than {@code count}
     */
    Zones resolved(Reporter r, ComponentResourceOptions options) {
        if (known()) {
            return this;
        }
        GetAvailabilityZonesResult result = Lookups.now(
                AwsFunctions.getAvailabilityZonesPlain(USABLE, Lookups.options(options)));
        return new Zones(firstUsable(r, result.names(), count), count);
    }

    /**
     * The first {@code count} of {@code usable}, sorted by name: AWS does not promise an order
     * ("The order of the elements in the response ... might vary", DescribeAvailabilityZones),
     * and AZ {@code a} must name the same zone on every run.
     */
    static List<String> firstUsable(Reporter r, List<String> usable, int count) {
        var sorted = usable.stream().sorted().toList();
        if (sorted.size() < count) {
            throw r.fail("azCount", count, "asks for " + count + " availability zones, but the region has "
                            + (sorted.isEmpty() ? "none" : "only " + sorted.size() + " (" + String.join(", ", sorted) + ")")
                            + " that can hold a Transit Gateway attachment and a firewall endpoint"
                            + " (Local Zones and Wavelength Zones cannot, and are not counted)",
                    "set azCount to at most " + sorted.size() + ", or deploy to a region with at least "
                            + count + " availability zones");
        }
        return List.copyOf(sorted.subList(0, count));
    }
}
