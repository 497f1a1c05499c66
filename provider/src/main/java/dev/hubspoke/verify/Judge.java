package dev.hubspoke.verify;

import dev.hubspoke.verify.CheckResult.Case;
import dev.hubspoke.verify.Hop.Kind;
import dev.hubspoke.verify.Trace.Outcome;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Judges a traced flow against the places it must pass, in order. The places that matter are the
 * VPCs the packet enters from the TGW, firewall endpoints (when required), NAT gateways and
 * internet gateways; they must be the waypoints, in order, and nothing else.
 */
final class Judge {

    /** A place a traced path must pass, in order; {@code problem} says what is wrong with a match. */
    record Waypoint(String what, Predicate<Hop> is, Function<Hop, Optional<String>> problem) {
    }

    private final Network network;
    private final boolean firewallRequired;

    Judge(Network network, boolean firewallRequired) {
        this.network = network;
        this.firewallRequired = firewallRequired;
    }

    /**
     * NAT gateways are left out for east-west flows ({@code natMatters} false): a NAT gateway
     * forwards a private destination by its subnet's routes, so such a path may legitimately pass
     * one. The faulty hop is the one whose decision led to the first wrong place: the hop before it.
     */
    Case judge(String subject, Trace trace, List<Waypoint> waypoints, Outcome expected, boolean natMatters) {
        List<Hop> hops = trace.hops();
        int next = 0;
        for (int i = 0; i < hops.size(); i++) {
            Hop hop = hops.get(i);
            if (!matters(hops, i, natMatters)) {
                continue;
            }
            if (next == waypoints.size()) {
                return Case.fail(subject, "after " + waypoints.get(next - 1).what() + " the packet reaches " + brief(hop),
                        hops, Math.max(0, i - 1));
            }
            Waypoint waypoint = waypoints.get(next);
            if (!waypoint.is().test(hop)) {
                return Case.fail(subject, "expected " + waypoint.what() + ", but the packet reaches " + brief(hop), hops, Math.max(0, i - 1));
            }
            Optional<String> problem = waypoint.problem().apply(hop);
            if (problem.isPresent()) {
                return Case.fail(subject, problem.get() + ": " + brief(hop), hops, Math.max(0, i - 1));
            }
            next++;
        }
        if (next < waypoints.size()) {
            return Case.fail(subject, "never reaches " + waypoints.get(next).what() + ": the packet " + trace.ending(network),
                    hops, hops.size() - 1);
        }
        if (trace.outcome() != expected) {
            return Case.fail(subject, "the packet " + trace.ending(network), hops, hops.size() - 1);
        }
        return Case.pass(subject, "the packet " + trace.ending(network) + " via " + hops.stream()
                .filter(h -> h.kind() == Kind.FIREWALL_ENDPOINT || h.kind() == Kind.NAT_GATEWAY || h.kind() == Kind.INTERNET_GATEWAY)
                .map(this::brief).collect(Collectors.joining(", ")), hops);
    }

    private boolean matters(List<Hop> hops, int i, boolean natMatters) {
        Hop hop = hops.get(i);
        return switch (hop.kind()) {
            case FIREWALL_ENDPOINT -> firewallRequired;
            case NAT_GATEWAY -> natMatters;
            case INTERNET_GATEWAY -> true;
            case SUBNET -> entersFromTgw(hops, i);
            default -> false;
        };
    }

    /** Whether hop {@code i} is where the packet enters a VPC from a Transit Gateway. */
    static boolean entersFromTgw(List<Hop> hops, int i) {
        return hops.get(i).kind() == Kind.SUBNET && i > 0 && hops.get(i - 1).kind() == Kind.TRANSIT_GATEWAY;
    }

    /** The AZ in which the packet first enters {@code vpcId} from a Transit Gateway, if it does. */
    static Optional<String> entryAz(Trace trace, String vpcId) {
        List<Hop> hops = trace.hops();
        for (int i = 0; i < hops.size(); i++) {
            if (entersFromTgw(hops, i) && hops.get(i).vpcId().equals(Optional.of(vpcId))) {
                return hops.get(i).az();
            }
        }
        return Optional.empty();
    }

    String brief(Hop hop) {
        return hop.kind() == Kind.SUBNET
                ? network.label(hop.vpcId().orElse("?")) + " (subnet " + hop.name() + hop.az().map(a -> " [" + a + "]").orElse("") + ")"
                : hop.kind().words() + " " + Network.label(hop.name(), hop.id()) + hop.az().map(a -> " [" + a + "]").orElse("");
    }

    Waypoint arrival(String vpcId) {
        return new Waypoint(network.label(vpcId) + " through its TGW attachment",
                h -> h.kind() == Kind.SUBNET && h.vpcId().equals(Optional.of(vpcId)), h -> Optional.empty());
    }

    Waypoint firewall(String az) {
        return new Waypoint("the firewall endpoint of " + az, h -> h.kind() == Kind.FIREWALL_ENDPOINT,
                h -> h.az().equals(Optional.of(az)) ? Optional.empty()
                        : Optional.of("the firewall endpoint is in " + h.az().orElse("?") + ", not in " + az));
    }

    Waypoint anyFirewall() {
        return new Waypoint("a firewall endpoint", h -> h.kind() == Kind.FIREWALL_ENDPOINT, h -> Optional.empty());
    }
}
