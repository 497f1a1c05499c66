package dev.hubspoke.net;

import java.util.List;
import java.util.NoSuchElementException;

/** The subnets of one VPC, in tier order then AZ order. */
public record SubnetPlan(Cidr vpc, int azCount, List<TierSpec> tiers, List<PlannedSubnet> subnets) {

    public SubnetPlan {
        tiers = List.copyOf(tiers);
        subnets = List.copyOf(subnets);
    }

    public Cidr cidr(Tier tier, int azIndex) {
        return subnets.stream()
                .filter(s -> s.tier() == tier && s.azIndex() == azIndex)
                .map(PlannedSubnet::cidr)
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("no " + tier.label() + " subnet for AZ " + azIndex + " in " + vpc));
    }

    public List<PlannedSubnet> subnets(Tier tier) {
        return subnets.stream().filter(s -> s.tier() == tier).toList();
    }
}
