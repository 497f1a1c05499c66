package dev.hubspoke.verify;

import dev.hubspoke.verify.CheckResult.Case;
import dev.hubspoke.verify.Network.FirewallEndpoint;
import dev.hubspoke.verify.Network.NatGateway;
import dev.hubspoke.verify.Network.Subnet;
import dev.hubspoke.verify.Network.Vpc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A VPC's subnets grouped into tiers (the rows of its picture), in the order egress crosses them. */
final class SubnetTiers {

    private SubnetTiers() {
    }

    /**
     * The VPC's subnets by tier: a subnet's tier is its name without the VPC's name prefix and
     * the AZ index ({@code hubspoke-spoke1-workload-0} in {@code hubspoke-spoke1-vpc}:
     * {@code workload}). Tiers egress crosses come first, in the order it crosses them.
     */
    static Map<String, List<Subnet>> of(Network network, List<Case> egress, Vpc vpc, List<Subnet> subnets) {
        Map<String, List<Subnet>> byTier = new TreeMap<>();
        for (Subnet subnet : subnets) {
            byTier.computeIfAbsent(tierOf(vpc.name(), subnet.name()), t -> new ArrayList<>()).add(subnet);
        }
        Map<String, Integer> firstHop = new LinkedHashMap<>();
        for (Case flow : egress) {
            for (int i = 0; i < flow.path().size(); i++) {
                String at = hopSubnet(network, flow.path().get(i));
                Subnet subnet = network.subnets().get(at);
                if (subnet != null && subnet.vpcId().equals(vpc.id())) {
                    firstHop.merge(tierOf(vpc.name(), subnet.name()), i, Math::min);
                }
            }
        }
        Map<String, List<Subnet>> ordered = new LinkedHashMap<>();
        byTier.keySet().stream().sorted(Comparator.comparing((String t) -> firstHop.getOrDefault(t, Integer.MAX_VALUE)))
                .forEach(t -> ordered.put(t, byTier.get(t)));
        return ordered;
    }

    /** The subnet a hop happens in: the subnet itself, or the one holding its endpoint or NAT gateway. */
    private static String hopSubnet(Network network, Hop hop) {
        return switch (hop.kind()) {
            case FIREWALL_ENDPOINT -> Optional.ofNullable(network.firewallEndpoints().get(hop.id())).map(FirewallEndpoint::subnetId).orElse("");
            case NAT_GATEWAY -> Optional.ofNullable(network.natGateways().get(hop.id())).map(NatGateway::subnetId).orElse("");
            default -> hop.id();
        };
    }

    static String tierOf(String vpcName, String subnetName) {
        String stem = subnetName.replaceFirst("-\\d+$", "");
        int common = 0;
        for (int i = 0; i < Math.min(stem.length(), vpcName.length()) && stem.charAt(i) == vpcName.charAt(i); i++) {
            if (stem.charAt(i) == '-') {
                common = i + 1;
            }
        }
        return stem.substring(common).isEmpty() ? stem : stem.substring(common);
    }
}
