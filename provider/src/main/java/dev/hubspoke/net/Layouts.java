package dev.hubspoke.net;

import java.util.List;
import java.util.Optional;

/** The tier layouts of the two VPC kinds hubspoke builds. */
public final class Layouts {

    /** Inspection VPC tiers, in allocation order (never reorder: it would renumber subnets). */
    public static final List<Tier> INSPECTION_TIERS = List.of(Tier.PUBLIC, Tier.FIREWALL, Tier.TGW);

    /** Spoke VPC tiers, in allocation order (never reorder: it would renumber subnets). */
    public static final List<Tier> SPOKE_TIERS = List.of(Tier.WORKLOAD, Tier.TGW);

    /** AWS's recommended size for firewall and Transit Gateway subnets, and the smallest subnet. */
    public static final int SMALL_SUBNET_PREFIX = SubnetPlanner.MAX_SUBNET_PREFIX;

    /** Workload subnets default to this many bits longer than the VPC prefix (a /16 gives /20s). */
    public static final int DEFAULT_WORKLOAD_EXTRA_BITS = 4;

    private Layouts() {
    }

    /** Public, firewall and tgw subnets of /28 each: fits a /24 or larger. */
    public static SubnetPlan inspection(Cidr vpc, int azCount) {
        return SubnetPlanner.plan(vpc, INSPECTION_TIERS.stream()
                .map(t -> new TierSpec(t, SMALL_SUBNET_PREFIX)).toList(), azCount);
    }

    /** The default workload prefix for a spoke VPC: four bits longer, at most /28. */
    public static int defaultWorkloadPrefix(Cidr vpc) {
        return Math.min(vpc.prefixLength() + DEFAULT_WORKLOAD_EXTRA_BITS, SMALL_SUBNET_PREFIX);
    }

    /** Workload subnets first, then tgw subnets. */
    public static SubnetPlan spoke(Cidr vpc, int azCount, Optional<Integer> workloadPrefix, int tgwPrefix) {
        int workload = workloadPrefix.orElseGet(() -> defaultWorkloadPrefix(vpc));
        return SubnetPlanner.plan(vpc, List.of(
                new TierSpec(Tier.WORKLOAD, workload),
                new TierSpec(Tier.TGW, tgwPrefix)), azCount);
    }
}
