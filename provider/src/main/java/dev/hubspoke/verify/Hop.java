package dev.hubspoke.verify;

import java.util.Optional;

/**
 * One step of a traced packet: where it is and what that place decided.
 *
 * @param kind       what the packet is at
 * @param id         that element's cloud id
 * @param name       its display name
 * @param vpcId      the VPC it sits in (none for a Transit Gateway)
 * @param az         its availability zone, when it has one
 * @param routeTable the VPC or TGW route table whose route was taken here, if any
 * @param action     the decision in words, e.g. {@code rtb-1 (spoke1-workload-rt-0): 0.0.0.0/0 -> tgw-1}
 */
record Hop(Kind kind, String id, String name, Optional<String> vpcId, Optional<String> az,
           Optional<String> routeTable, String action) {

    /** What a hop is at; the JSON names are the lower-case, dashed forms. */
    enum Kind {
        SUBNET, TRANSIT_GATEWAY, FIREWALL_ENDPOINT, NAT_GATEWAY, INTERNET_GATEWAY, ROUTE_TABLE, VPC, ATTACHMENT;

        String jsonName() {
            return name().toLowerCase().replace('_', '-');
        }

        /** How reports name it: {@code firewall endpoint}. */
        String words() {
            return name().toLowerCase().replace('_', ' ');
        }
    }

    /** The hop in one line: {@code subnet spoke1-workload-0 (subnet-1) [us-east-1a]: action}. */
    String describe() {
        return kind.words() + " " + Network.label(name, id) + az.map(a -> " [" + a + "]").orElse("") + ": " + action;
    }
}
