package dev.hubspoke.verify;

import dev.hubspoke.verify.Network.Subnet;
import dev.hubspoke.verify.Network.TgwAttachment;
import dev.hubspoke.verify.Network.Vpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The roles the VPCs of a network play, found from what they hold, not from their names.
 *
 * <ul>
 *   <li>The <b>inspection VPC</b> is the VPC attached to a TGW that holds firewall endpoints; when
 *   no attached VPC does, the one holding both a NAT gateway and an internet gateway. When several
 *   qualify, the one a static TGW default route (0.0.0.0/0) points at.</li>
 *   <li><b>Spokes</b> are the other VPCs attached to the inspection VPC's TGW.</li>
 *   <li>A spoke's <b>workload subnets</b> are its subnets that no TGW attachment uses (those
 *   hold the attachment's interfaces, not workloads); a spoke whose subnets all serve its
 *   attachment has them all counted as workload subnets.</li>
 * </ul>
 *
 * @param inspection           the inspection VPC, when one was found
 * @param inspectionAttachment its TGW attachment
 * @param spokes               the spokes, in state order
 * @param workloadSubnets      per spoke VPC id, its workload subnets (AZ order)
 * @param problems             why the roles could not be told, if they could not
 */
record Topology(Optional<Vpc> inspection, Optional<TgwAttachment> inspectionAttachment, List<Vpc> spokes,
                Map<String, List<Subnet>> workloadSubnets, List<String> problems) {

    static Topology of(Network network) {
        List<String> problems = new ArrayList<>();
        Map<String, TgwAttachment> attached = new LinkedHashMap<>();
        network.attachments().values().forEach(a -> attached.putIfAbsent(a.vpcId(), a));
        Set<String> withEndpoints = network.firewallEndpoints().values().stream()
                .map(e -> network.subnets().get(e.subnetId())).filter(s -> s != null)
                .map(Subnet::vpcId).collect(Collectors.toSet());
        List<String> candidates = attached.keySet().stream().filter(withEndpoints::contains).collect(Collectors.toList());
        if (candidates.isEmpty()) {
            candidates = attached.keySet().stream()
                    .filter(v -> hasNat(network, v) && hasInternetGateway(network, v)).collect(Collectors.toList());
        }
        if (candidates.size() > 1) {
            Set<String> defaultTargets = network.tgwStaticRoutes().stream()
                    .filter(r -> r.destination().prefixLength() == 0).flatMap(r -> r.attachmentId().stream())
                    .collect(Collectors.toSet());
            List<String> targeted = candidates.stream().filter(v -> defaultTargets.contains(attached.get(v).id()))
                    .collect(Collectors.toList());
            if (targeted.size() == 1) {
                candidates = targeted;
            }
        }
        if (candidates.isEmpty()) {
            problems.add(attached.isEmpty() ? "no VPC is attached to a Transit Gateway"
                    : "no VPC attached to a Transit Gateway holds firewall endpoints, or a NAT gateway and an internet gateway:"
                    + " there is no inspection VPC");
            return new Topology(Optional.empty(), Optional.empty(), List.of(), Map.of(), problems);
        }
        if (candidates.size() > 1) {
            problems.add("several VPCs could be the inspection VPC: "
                    + candidates.stream().map(network::label).collect(Collectors.joining(", ")));
            return new Topology(Optional.empty(), Optional.empty(), List.of(), Map.of(), problems);
        }
        Vpc inspection = network.vpcs().get(candidates.get(0));
        TgwAttachment inspectionAttachment = attached.get(candidates.get(0));
        if (inspection == null) {
            problems.add("the inspection VPC " + candidates.get(0) + " is attached but not in the state");
            return new Topology(Optional.empty(), Optional.empty(), List.of(), Map.of(), problems);
        }
        List<Vpc> spokes = network.attachments().values().stream()
                .filter(a -> a.transitGatewayId().equals(inspectionAttachment.transitGatewayId()))
                .map(TgwAttachment::vpcId).distinct()
                .filter(v -> !v.equals(inspection.id()) && network.vpcs().containsKey(v))
                .map(network.vpcs()::get).collect(Collectors.toList());
        if (spokes.isEmpty()) {
            problems.add("no spoke VPC is attached to " + network.label(inspectionAttachment.transitGatewayId()));
        }
        Set<String> attachmentSubnets = network.attachments().values().stream()
                .flatMap(a -> a.subnetIds().stream()).collect(Collectors.toSet());
        Map<String, List<Subnet>> workloads = new LinkedHashMap<>();
        for (Vpc spoke : spokes) {
            List<Subnet> all = network.subnets().values().stream().filter(s -> s.vpcId().equals(spoke.id()))
                    .sorted(java.util.Comparator.comparing(Subnet::availabilityZone).thenComparing(Subnet::cidr))
                    .collect(Collectors.toList());
            List<Subnet> workload = all.stream().filter(s -> !attachmentSubnets.contains(s.id())).collect(Collectors.toList());
            workloads.put(spoke.id(), workload.isEmpty() ? all : workload);
            if (all.isEmpty()) {
                problems.add(network.label(spoke.id()) + " has no subnet in the state");
            }
        }
        return new Topology(Optional.of(inspection), Optional.of(inspectionAttachment), List.copyOf(spokes),
                workloads, problems);
    }

    static boolean hasNat(Network network, String vpcId) {
        return network.natGateways().values().stream().map(n -> network.subnets().get(n.subnetId()))
                .anyMatch(s -> s != null && s.vpcId().equals(vpcId));
    }

    static boolean hasInternetGateway(Network network, String vpcId) {
        return network.internetGateways().values().stream().anyMatch(g -> g.vpcId().equals(Optional.of(vpcId)));
    }
}
