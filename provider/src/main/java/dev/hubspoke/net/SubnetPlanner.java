package dev.hubspoke.net;

import java.util.ArrayList;
import java.util.List;

/**
 * Derives every subnet CIDR from (VPC CIDR, tier, AZ index) alone.
 *
 * <p>Each tier, in the order given, takes the next free region aligned to its own size, and
 * that region holds {@link #AZ_SLOTS} subnets of the tier's prefix length whether or not every
 * AZ is used. So adding an AZ (up to {@code AZ_SLOTS}) fills a reserved slot, and adding a tier
 * at the end takes space after the existing ones: neither renumbers an existing subnet.
 */
public final class SubnetPlanner {

    /** Subnet slots reserved per tier: the most AZs a VPC built here can span. */
    public static final int AZ_SLOTS = 4;

    /** Smallest subnet AWS allows. */
    public static final int MAX_SUBNET_PREFIX = 28;

    private static final int SLOT_BITS = Integer.numberOfTrailingZeros(AZ_SLOTS);

    private SubnetPlanner() {
    }

    /**
     * Plans the subnets of one VPC.
     *
     * @throws PlanningException when a tier's prefix is not allowed or the tiers do not fit
     */
    public static SubnetPlan plan(Cidr vpc, List<TierSpec> tiers, int azCount) {
        if (azCount < 1 || azCount > AZ_SLOTS) {
            throw new PlanningException(PlanningException.Subject.AZ_COUNT,
                    "an AZ count of " + azCount + " is outside 1.." + AZ_SLOTS,
                    "use from 1 to " + AZ_SLOTS + " availability zones");
        }
        List<PlannedSubnet> subnets = new ArrayList<>();
        long next = vpc.network();
        for (TierSpec spec : tiers) {
            int prefix = spec.prefixLength();
            if (prefix < vpc.prefixLength() || prefix > MAX_SUBNET_PREFIX) {
                throw new PlanningException(PlanningException.Subject.tier(spec.tier()),
                        "a " + spec.tier().label() + " subnet of /" + prefix + " cannot lie in the VPC " + vpc,
                        "use a prefix length from /" + Math.max(vpc.prefixLength(), 16) + " to /" + MAX_SUBNET_PREFIX);
            }
            int regionPrefix = prefix - SLOT_BITS;
            long regionSize = 1L << (32 - Math.max(regionPrefix, 0));
            long start = alignUp(next, regionSize);
            if (regionPrefix < vpc.prefixLength() || start + regionSize - 1 > vpc.last()) {
                throw new PlanningException(PlanningException.Subject.tier(spec.tier()),
                        "the VPC " + vpc + " has no room for " + AZ_SLOTS + " " + spec.tier().label()
                                + " subnets of /" + prefix + " after the tiers before it",
                        "use a longer prefix (smaller subnets) for this tier or a larger VPC CIDR block");
            }
            Cidr region = new Cidr(start, regionPrefix);
            for (int az = 0; az < azCount; az++) {
                subnets.add(new PlannedSubnet(spec.tier(), az, region.subnet(prefix, az)));
            }
            next = start + regionSize;
        }
        return new SubnetPlan(vpc, azCount, tiers, subnets);
    }

    private static long alignUp(long address, long alignment) {
        return (address + alignment - 1) / alignment * alignment;
    }
}
