package dev.hubspoke.verify;

import dev.hubspoke.verify.CheckResult.Case;
import dev.hubspoke.verify.Hop.Kind;
import dev.hubspoke.verify.Network.Subnet;
import dev.hubspoke.verify.Network.TgwAttachment;
import dev.hubspoke.verify.Network.Vpc;
import dev.hubspoke.verify.Trace.Outcome;
import dev.hubspoke.verify.Tracer.AzPick;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The {@value Verifier#SYMMETRY} check: both directions of every flow cross the same firewall
 * endpoints. AWS Network Firewall is stateful per endpoint and does not support asymmetric
 * routing: a reply that reaches an endpoint other than the one that saw its request is dropped
 * (https://docs.aws.amazon.com/network-firewall/latest/developerguide/asymmetric-routing.html).
 *
 * <p>Flows: every spoke workload subnet to the internet (the reply comes back from the internet
 * through the NAT gateway that translated the request) and every workload subnet of one spoke to
 * every workload subnet of another. Each is traced once per AZ the Transit Gateway may pick on
 * the inspection attachment (see {@link Tracer}), the reply with the same pick, as appliance mode
 * keeps it. Only flows that get through both ways are judged; the others are the egress, return
 * and east-west checks' findings.
 *
 * <p>Which hop is faulty when the directions differ: the reply's TGW hop when the two directions
 * enter the inspection VPC in different AZs (the TGW did not keep the flow in one AZ); else a
 * route that sends one direction to a firewall endpoint of another AZ than its own, when only
 * one direction's does; else the reply's route that strays from the request's endpoint (the
 * request set up the firewall's state, so the reply is what is dropped).
 */
final class SymmetryCheck {

    private final Network network;
    private final Topology topology;
    private final Tracer tracer;
    private final Judge judge;

    SymmetryCheck(Network network, Topology topology, Tracer tracer, Judge judge) {
        this.network = network;
        this.topology = topology;
        this.tracer = tracer;
        this.judge = judge;
    }

    CheckResult run() {
        String title = "for every spoke subnet's internet flow and every pair of spokes, in whichever AZ the TGW hands the flow"
                + " to the inspection VPC, the reply crosses the firewall endpoints its request crossed";
        List<Case> cases = new ArrayList<>();
        if (topology.inspection().isEmpty()) {
            cases.add(Case.fail("roles", "cannot check: " + String.join("; ", topology.problems()), List.of(), 0));
            return new CheckResult(Verifier.SYMMETRY, title, cases);
        }
        String inspection = topology.inspection().get().id();
        TgwAttachment attachment = topology.inspectionAttachment().get();
        List<Optional<AzPick>> picks = tracer.picks(attachment);
        int unjudged = 0;
        for (Vpc spoke : topology.spokes()) {
            for (Subnet source : topology.workloadSubnets().get(spoke.id())) {
                for (var picked : Tracer.everyPick(picks, pick -> internetFlow(source, pick))) {
                    Optional<List<Trace>> flow = picked.flow();
                    if (flow.isEmpty() || !deliveredIn(flow.get().get(1), spoke.id())) {
                        unjudged++;
                        continue;
                    }
                    cases.add(compare(source.name() + " [" + source.availabilityZone() + "] <-> " + Verifier.INTERNET
                            + Verifier.pickText(picked.pick()), inspection, flow.get().get(0), flow.get().get(1)));
                }
            }
        }
        for (Vpc from : topology.spokes()) {
            for (Vpc to : topology.spokes()) {
                if (from.equals(to)) {
                    continue;
                }
                for (Subnet source : topology.workloadSubnets().get(from.id())) {
                    for (Subnet target : topology.workloadSubnets().get(to.id())) {
                        for (var picked : Tracer.everyPick(picks, pick -> List.of(tracer.trace(source.id(), target.cidr(), pick),
                                tracer.trace(target.id(), source.cidr(), pick)))) {
                            Trace request = picked.flow().get(0);
                            Trace reply = picked.flow().get(1);
                            if (!deliveredIn(request, to.id()) || !deliveredIn(reply, from.id())) {
                                unjudged++;
                                continue;
                            }
                            cases.add(compare(source.name() + " [" + source.availabilityZone() + "] <-> " + target.name() + " ["
                                    + target.availabilityZone() + "]" + Verifier.pickText(picked.pick()), inspection, request, reply));
                        }
                    }
                }
            }
        }
        if (unjudged > 0) {
            cases.add(Case.pass("flows not judged", unjudged + " flows do not get through both ways; the egress, return and"
                    + " east-west checks report why", List.of()));
        }
        return new CheckResult(Verifier.SYMMETRY, title, cases);
    }

    /**
     * A spoke subnet's flow to the internet: the request, and the reply the internet sends back to
     * the NAT gateway that translated it (the last one the request crossed); empty when the
     * request does not reach the internet through a NAT gateway.
     */
    private Optional<List<Trace>> internetFlow(Subnet source, Optional<AzPick> pick) {
        Trace request = tracer.trace(source.id(), Verifier.INTERNET, pick);
        Optional<Hop> nat = request.hops().stream().filter(h -> h.kind() == Kind.NAT_GATEWAY).reduce((first, second) -> second);
        if (request.outcome() != Outcome.INTERNET || nat.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(List.of(request, tracer.fromNatGateway(nat.get().id(), source.cidr(), pick)));
    }

    private static boolean deliveredIn(Trace trace, String vpcId) {
        return trace.outcome() == Outcome.DELIVERED && trace.vpcId().equals(Optional.of(vpcId));
    }

    /** The indexes of the firewall endpoint hops of a trace. */
    private static List<Integer> endpoints(Trace trace) {
        return IntStream.range(0, trace.hops().size()).filter(i -> trace.hops().get(i).kind() == Kind.FIREWALL_ENDPOINT)
                .boxed().toList();
    }

    private Case compare(String subject, String inspection, Trace request, Trace reply) {
        List<Hop> req = request.hops();
        List<Hop> rep = reply.hops();
        List<Integer> reqEndpoints = endpoints(request);
        List<Integer> repEndpoints = endpoints(reply);
        // The reply must cross the request's endpoints in reverse order.
        List<Integer> expected = new ArrayList<>(reqEndpoints);
        java.util.Collections.reverse(expected);
        int k = 0;
        while (k < expected.size() && k < repEndpoints.size()
                && req.get(expected.get(k)).id().equals(rep.get(repEndpoints.get(k)).id())) {
            k++;
        }
        if (k == expected.size() && k == repEndpoints.size()) {
            List<Hop> crossed = new ArrayList<>();
            reqEndpoints.forEach(i -> crossed.add(req.get(i)));
            repEndpoints.forEach(i -> crossed.add(rep.get(i)));
            return Case.pass(subject, expected.isEmpty() ? "neither direction crosses a firewall endpoint"
                    : "both directions cross " + expected.stream().map(i -> judge.brief(req.get(i))).collect(Collectors.joining(", ")),
                    crossed);
        }
        List<Hop> path = new ArrayList<>(req);
        path.addAll(rep);
        int offset = req.size();
        String hops = " (hops 1-" + offset + ": request, " + (offset + 1) + "-" + path.size() + ": reply)";
        String requestSide = k < expected.size() ? "the request crosses " + judge.brief(req.get(expected.get(k)))
                : "the request crosses no further firewall endpoint";
        String replySide = k < repEndpoints.size() ? "the reply crosses " + judge.brief(rep.get(repEndpoints.get(k)))
                : "the reply crosses no firewall endpoint there";
        String consequence = ": the endpoint without the flow's state drops it";

        Optional<String> requestEntry = Judge.entryAz(request, inspection);
        Optional<String> replyEntry = Judge.entryAz(reply, inspection);
        if (requestEntry.isPresent() && replyEntry.isPresent() && !requestEntry.equals(replyEntry)) {
            int tgwHop = IntStream.range(1, rep.size())
                    .filter(i -> Judge.entersFromTgw(rep, i) && rep.get(i).vpcId().equals(Optional.of(inspection)))
                    .findFirst().orElse(1) - 1;
            return Case.fail(subject, "the request enters " + network.label(inspection) + " in " + requestEntry.get()
                    + ", the reply in " + replyEntry.get() + ": the TGW does not keep the flow in one AZ (appliance mode), so "
                    + requestSide + " and " + replySide + consequence + hops, path, offset + tgwHop);
        }
        Optional<Integer> requestDecision = k < expected.size() ? Optional.of(expected.get(k) - 1) : Optional.empty();
        Optional<Integer> replyDecision = k < repEndpoints.size() ? Optional.of(repEndpoints.get(k) - 1) : Optional.empty();
        boolean requestCrossAz = requestDecision.map(i -> crossAz(req.get(i), req.get(i + 1))).orElse(false);
        boolean replyCrossAz = replyDecision.map(i -> crossAz(rep.get(i), rep.get(i + 1))).orElse(false);
        int faulty;
        if (requestCrossAz && !replyCrossAz) {
            faulty = requestDecision.get();
        } else if (replyDecision.isPresent()) {
            faulty = offset + replyDecision.get();
        } else {
            faulty = offset + passedBy(rep, req.get(expected.get(k)), k == 0 ? 0 : repEndpoints.get(k - 1) + 1);
        }
        return Case.fail(subject, requestSide + ", but " + replySide + consequence + hops, path, faulty);
    }

    /** Whether {@code decision} routes to the endpoint {@code endpoint} in another AZ than its own. */
    private static boolean crossAz(Hop decision, Hop endpoint) {
        return decision.az().isPresent() && endpoint.az().isPresent() && !decision.az().equals(endpoint.az());
    }

    /**
     * The reply's hop that passed the expected endpoint by: its last hop, from {@code from} on, in
     * the endpoint's VPC (where a route to the endpoint should have been), else {@code from}.
     */
    private static int passedBy(List<Hop> reply, Hop endpoint, int from) {
        int found = Math.min(from, reply.size() - 1);
        for (int i = from; i < reply.size(); i++) {
            if (reply.get(i).vpcId().equals(endpoint.vpcId())) {
                found = i;
            }
        }
        return found;
    }
}
