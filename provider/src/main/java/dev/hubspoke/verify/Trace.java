package dev.hubspoke.verify;

import java.util.List;
import java.util.Optional;

/**
 * The hops of one traced packet and how it ended.
 *
 * @param hops      in order; the first is the source subnet
 * @param outcome   where the packet ended up
 * @param vpcId     for {@link Outcome#DELIVERED}: the VPC it was delivered in; for
 *                  {@link Outcome#INTERNET}: the VPC of the internet gateway
 * @param reason    for {@link Outcome#DROPPED}: why
 */
record Trace(List<Hop> hops, Outcome outcome, Optional<String> vpcId, Optional<String> reason) {

    enum Outcome {
        INTERNET, DELIVERED, DROPPED
    }

    /** How the packet ended, in words. */
    String ending(Network network) {
        return switch (outcome) {
            case INTERNET -> "reaches the internet";
            case DELIVERED -> "is delivered in " + vpcId.map(network::label).orElse("?");
            case DROPPED -> "is dropped: " + reason.orElse("?");
        };
    }
}
