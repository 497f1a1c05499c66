package dev.hubspoke.net;

/** A tier and the prefix length of each of its subnets. */
public record TierSpec(Tier tier, int prefixLength) {
}
