package dev.hubspoke.net;

/** One subnet of a plan: the tier, the zero-based AZ index and the CIDR block. */
public record PlannedSubnet(Tier tier, int azIndex, Cidr cidr) {
}
