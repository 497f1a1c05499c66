package dev.hubspoke.plan;

import dev.hubspoke.net.Cidr;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The creates AWS refuses that a network built here could run into, played by {@link StandInAws}
 * as the Go stand-in plugin plays them for the engine tests (tests/standin-aws, refusals.go): a
 * component that asks for one of these fails its plan and its mock tests as it would fail
 * {@code pulumi up}. Each answer is AWS's error code and a short message.
 *
 * <p>Unlike the Go stand-in, which plays the region the stack is configured for, this one cannot
 * know the user's region ({@code plan} runs offline on a blueprint whose listed zones may be any
 * region's): a zone it does not play is taken as given, and only zones it knows to be Local or
 * Wavelength Zones are refused where AWS refuses them.
 */
final class Refusals {

    private Refusals() {
    }

    /**
     * Why AWS would refuse creating {@code type} with {@code given}, if it would.
     *
     * @param zoneOfSubnet the zone of each subnet created so far, by id
     * @param zoneType     the zone type ({@code availability-zone}, {@code local-zone}, ...) of each
     *                     zone the played region has, by name
     */
    static Optional<String> of(String type, Map<String, Object> given, Function<String, String> zoneOfSubnet,
                               Map<String, String> zoneType) {
        return switch (type) {
            case "aws:ec2/vpc:Vpc" -> vpc(given);
            // https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html: one subnet per
            // Availability Zone, and none in a Local Zone.
            case "aws:ec2transitgateway/vpcAttachment:VpcAttachment" -> onePerZone("DuplicateSubnetsInSameZone",
                    strings(given.get("subnetIds")), zoneOfSubnet, zoneType, true);
            // https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_CreateFirewall.html:
            // each subnet mapping in a different Availability Zone.
            case "aws:networkfirewall/firewall:Firewall" -> onePerZone("InvalidRequestException",
                    ((List<?>) given.getOrDefault("subnetMappings", List.of())).stream()
                            .map(m -> String.valueOf(((Map<?, ?>) m).get("subnetId"))).toList(),
                    zoneOfSubnet, zoneType, false);
            default -> Optional.empty();
        };
    }

    /** https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html: /16 to /28. */
    private static Optional<String> vpc(Map<String, Object> given) {
        if (!(given.get("cidrBlock") instanceof String block)) {
            return Optional.empty();
        }
        int prefix;
        try {
            prefix = Cidr.parse(block).prefixLength();
        } catch (IllegalArgumentException notACidr) {
            return Optional.of("InvalidParameterValue: Value (" + block + ") for parameter cidrBlock is invalid.");
        }
        return prefix < 16 || prefix > 28
                ? Optional.of("InvalidVpc.Range: The CIDR '" + block + "' is invalid.")
                : Optional.empty();
    }

    private static Optional<String> onePerZone(String code, List<String> subnets, Function<String, String> zoneOfSubnet,
                                               Map<String, String> zoneType, boolean availabilityZonesOnly) {
        var seen = new HashMap<String, String>();
        for (var subnet : subnets) {
            var zone = zoneOfSubnet.apply(subnet);
            if (zone == null) {
                continue;
            }
            var type = zoneType.get(zone);
            if (availabilityZonesOnly && type != null && !type.equals("availability-zone")) {
                return Optional.of("InvalidParameterValue: subnet " + subnet + " is in " + zone
                        + ", which is not an Availability Zone");
            }
            var first = seen.putIfAbsent(zone, subnet);
            if (first != null) {
                return Optional.of(code + ": " + first + " and " + subnet + " are both in " + zone);
            }
        }
        return Optional.empty();
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
