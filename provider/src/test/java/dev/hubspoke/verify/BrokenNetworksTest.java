package dev.hubspoke.verify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubspoke.verify.CheckResult.Case;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;

import static dev.hubspoke.verify.StackExport.ATTACHMENT;
import static dev.hubspoke.verify.StackExport.BLUEPRINT;
import static dev.hubspoke.verify.StackExport.COMPONENTS;
import static dev.hubspoke.verify.StackExport.FIREWALL;
import static dev.hubspoke.verify.StackExport.IGW;
import static dev.hubspoke.verify.StackExport.NAT;
import static dev.hubspoke.verify.StackExport.ROUTE;
import static dev.hubspoke.verify.StackExport.ROUTE_TABLE;
import static dev.hubspoke.verify.StackExport.TGW_PROPAGATION;
import static dev.hubspoke.verify.StackExport.TGW_ROUTE_TABLE;
import static dev.hubspoke.verify.StackExport.VPC;
import static dev.hubspoke.verify.StackExport.failing;
import static dev.hubspoke.verify.StackExport.failingCases;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each fixture, broken by hand the way a drifted deployment or a wrong program would be, fails the
 * check that names the fault, and the failing case points at the hop whose route is wrong.
 */
class BrokenNetworksTest {

    /** The fault of a failing case: the hop its faultyHop index points at. */
    private static Hop faulty(Case c) {
        return c.path().get(c.faultyHop().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {COMPONENTS, BLUEPRINT})
    void bothFixturesPassEveryCheckWithEveryFlowTraced(String fixture) {
        Report report = StackExport.load(fixture).verify();

        assertTrue(report.passed(), report.toText());
        assertEquals(List.of(Verifier.TOPOLOGY, Verifier.EGRESS, Verifier.RETURN, Verifier.EAST_WEST,
                Verifier.NO_SPOKE_INTERNET, Verifier.NO_OVERLAP, Verifier.APPLIANCE_MODE, Verifier.SYMMETRY),
                report.checks().stream().map(CheckResult::name).toList());
        // egress: 2 spokes x 2 source AZs x 2 AZs the TGW may pick; return: 2 NATs x 2 spokes;
        // east-west: 2 ordered pairs x 2 source AZs x 2 picks; symmetry: the 8 internet flows and
        // 2 ordered pairs x 2 source x 2 destination subnets x 2 picks
        assertEquals(8, StackExport.check(report, Verifier.EGRESS).cases().size());
        assertEquals(4, StackExport.check(report, Verifier.RETURN).cases().size());
        assertEquals(8, StackExport.check(report, Verifier.EAST_WEST).cases().size());
        assertEquals(8 + 16, StackExport.check(report, Verifier.SYMMETRY).cases().size());
    }

    @ParameterizedTest
    @ValueSource(strings = {COMPONENTS, BLUEPRINT})
    void aSpokePropagatedIntoTheSpokeRouteTableBypassesTheFirewallAndFailsEastWest(String fixture) {
        StackExport export = StackExport.load(fixture);
        String spokeRt = export.id(TGW_ROUTE_TABLE, "hub-spoke-rt");
        String spoke1Attachment = export.id(ATTACHMENT, "spoke1-tgw-attachment");
        export.add(TGW_PROPAGATION, "spoke1-bypass", spokeRt + "_" + spoke1Attachment, StackExport.object()
                .put("transitGatewayAttachmentId", spoke1Attachment).put("transitGatewayRouteTableId", spokeRt)
                .put("resourceType", "vpc"));

        Report report = export.verify();

        // spoke1 -> spoke2 still crosses the firewall but its replies now bypass it: symmetry too
        assertEquals(Set.of(Verifier.EAST_WEST, Verifier.SYMMETRY), failing(report), report.toText());
        List<Case> cases = failingCases(report, Verifier.EAST_WEST);
        assertEquals(2, cases.size(), "spoke2 -> spoke1 from both AZs (never reaching the inspection VPC, whatever the pick)");
        for (Case c : cases) {
            assertTrue(c.subject().contains("spoke2-workload") && c.subject().contains("spoke1-vpc"), c.subject());
            Hop fault = faulty(c);
            assertEquals(Hop.Kind.TRANSIT_GATEWAY, fault.kind());
            assertEquals(spokeRt, fault.routeTable().orElseThrow());
            assertTrue(fault.action().contains("10.0.0.0/16 -> ") && fault.action().contains("(propagated)"), fault.action());
            assertTrue(c.detail().contains("expected") && c.detail().contains("inspection-vpc"), c.detail());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {COMPONENTS, BLUEPRINT})
    void aFirewallRouteToAnotherAzsEndpointFailsEgressAtThatRoute(String fixture) {
        StackExport export = StackExport.load(fixture);
        String endpointB = export.outputs(ROUTE, "inspection-tgw-default-1").path("vpcEndpointId").asText();
        export.outputs(ROUTE, "inspection-tgw-default-0").put("vpcEndpointId", endpointB);
        String tgwRt0 = export.id(ROUTE_TABLE, "inspection-tgw-rt-0");

        Report report = export.verify();

        // Misrouted, but symmetric: endpoint b sees both directions (its NAT's replies come back through it).
        assertEquals(Set.of(Verifier.EGRESS), failing(report), report.toText());
        List<Case> cases = failingCases(report, Verifier.EGRESS);
        assertEquals(4, cases.size(), "every spoke subnet's flow that the TGW hands to us-east-1a");
        for (Case c : cases) {
            assertTrue(c.subject().endsWith("TGW picks us-east-1a"), c.subject());
            Hop fault = faulty(c);
            assertEquals(Hop.Kind.SUBNET, fault.kind());
            assertEquals(tgwRt0, fault.routeTable().orElseThrow());
            assertTrue(fault.action().contains("0.0.0.0/0 -> " + endpointB + " (firewall endpoint, us-east-1b)"), fault.action());
            assertTrue(c.detail().contains("the firewall endpoint is in us-east-1b, not in us-east-1a"), c.detail());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {COMPONENTS, BLUEPRINT})
    void aMissingReturnRouteSendsSpokeTrafficToTheInternetGatewayAndFailsReturn(String fixture) {
        StackExport export = StackExport.load(fixture);
        export.remove(ROUTE, "inspection-public-supernet-0");
        String publicRt0 = export.id(ROUTE_TABLE, "inspection-public-rt-0");

        Report report = export.verify();

        assertEquals(Set.of(Verifier.RETURN), failing(report), report.toText());
        List<Case> cases = failingCases(report, Verifier.RETURN);
        assertEquals(2, cases.size(), "NAT 0 to each spoke");
        for (Case c : cases) {
            assertTrue(c.subject().startsWith(fixture.equals(BLUEPRINT) ? "network-inspection-nat-0" : "inspection-nat-0"), c.subject());
            assertEquals(0, c.faultyHop().orElseThrow());
            Hop fault = faulty(c);
            assertEquals(publicRt0, fault.routeTable().orElseThrow());
            assertTrue(fault.action().contains("0.0.0.0/0 -> "), fault.action());
            assertEquals(Hop.Kind.INTERNET_GATEWAY, c.path().get(1).kind());
            assertTrue(c.detail().startsWith("expected the firewall endpoint of us-east-1a, but the packet reaches internet gateway"),
                    c.detail());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {COMPONENTS, BLUEPRINT})
    void aSpokeWithItsOwnInternetGatewayFailsNoSpokeInternet(String fixture) {
        StackExport export = StackExport.load(fixture);
        String spoke1 = export.id(VPC, "spoke1-vpc");
        String tgwRt = export.id(ROUTE_TABLE, "spoke1-tgw-rt-0");
        export.add(IGW, "spoke1-igw", "igw-0000000000000spoke", StackExport.object().put("vpcId", spoke1));
        export.add(ROUTE, "spoke1-public", "r-spoke1-public", StackExport.object().put("routeTableId", tgwRt)
                .put("destinationCidrBlock", "0.0.0.0/0").put("gatewayId", "igw-0000000000000spoke"));

        Report report = export.verify();

        assertEquals(Set.of(Verifier.NO_SPOKE_INTERNET), failing(report), report.toText());
        List<Case> cases = failingCases(report, Verifier.NO_SPOKE_INTERNET);
        assertEquals(2, cases.size(), "the attached gateway and the route to it");
        assertEquals(Hop.Kind.INTERNET_GATEWAY, faulty(cases.get(0)).kind());
        assertEquals("igw-0000000000000spoke", faulty(cases.get(0)).id());
        Hop route = faulty(cases.get(1));
        assertEquals(Hop.Kind.ROUTE_TABLE, route.kind());
        assertEquals(tgwRt, route.id());
        assertEquals("0.0.0.0/0 -> spoke1-igw (igw-0000000000000spoke)", route.action());
    }

    @ParameterizedTest
    @ValueSource(strings = {COMPONENTS, BLUEPRINT})
    void aSpokeWorkloadRouteToItsOwnInternetGatewayAlsoFailsEgressAtTheWorkloadRoute(String fixture) {
        StackExport export = StackExport.load(fixture);
        String spoke1 = export.id(VPC, "spoke1-vpc");
        export.add(IGW, "spoke1-igw", "igw-0000000000000spoke", StackExport.object().put("vpcId", spoke1));
        ObjectNode route = export.outputs(ROUTE, "spoke1-workload-default-0");
        route.remove("transitGatewayId");
        route.put("gatewayId", "igw-0000000000000spoke");

        Report report = export.verify();

        // spoke1's traffic to spoke2 from that subnet follows the same default route out
        assertEquals(Set.of(Verifier.NO_SPOKE_INTERNET, Verifier.EGRESS, Verifier.EAST_WEST), failing(report), report.toText());
        Case egress = failingCases(report, Verifier.EGRESS).get(0);
        assertEquals(0, egress.faultyHop().orElseThrow());
        assertTrue(egress.subject().contains("spoke1-workload-0"), egress.subject());
        assertTrue(egress.detail().contains("expected") && egress.detail().contains("internet gateway spoke1-igw"), egress.detail());
    }

    @ParameterizedTest
    @ValueSource(strings = {COMPONENTS, BLUEPRINT})
    void overlappingSpokesFailNoOverlapNamingBothBlocks(String fixture) {
        StackExport export = StackExport.load(fixture);
        // spoke2 widened to 10.0.0.0/15: its subnets still fit, and it now holds spoke1's 10.0.0.0/16
        export.outputs(VPC, "spoke2-vpc").put("cidrBlock", "10.0.0.0/15");

        Report report = export.verify();

        assertTrue(failing(report).contains(Verifier.NO_OVERLAP), report.toText());
        List<Case> cases = failingCases(report, Verifier.NO_OVERLAP);
        assertEquals(1, cases.size());
        assertTrue(cases.get(0).detail().contains("10.0.0.0/16 overlaps") && cases.get(0).detail().contains("10.0.0.0/15"),
                cases.get(0).detail());
        assertEquals(List.of(Hop.Kind.VPC, Hop.Kind.VPC), cases.get(0).path().stream().map(Hop::kind).toList());
        // The overlap has a consequence the tracer sees too: spoke2's local route swallows spoke1's block.
        assertEquals(Set.of(Verifier.NO_OVERLAP, Verifier.EAST_WEST), failing(report));
        for (Case c : failingCases(report, Verifier.EAST_WEST)) {
            assertTrue(c.subject().contains("spoke2-workload"), c.subject());
            assertTrue(faulty(c).action().contains("10.0.0.0/15 -> local"), faulty(c).action());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {COMPONENTS, BLUEPRINT})
    void inspectionRoutesStraightToTheNatSkipTheFirewallAndFailEgress(String fixture) {
        StackExport export = StackExport.load(fixture);
        for (int az = 0; az < 2; az++) {
            ObjectNode route = export.outputs(ROUTE, "inspection-tgw-default-" + az);
            route.remove("vpcEndpointId");
            route.put("natGatewayId", export.id(NAT, "inspection-nat-" + az));
        }

        Report report = export.verify();

        // The replies still come back through the NAT's AZ's endpoint, which never saw the request.
        assertEquals(Set.of(Verifier.EGRESS, Verifier.SYMMETRY), failing(report), report.toText());
        for (Case c : failingCases(report, Verifier.EGRESS)) {
            assertTrue(c.detail().startsWith("expected the firewall endpoint of us-east-1"), c.detail());
            assertTrue(c.detail().contains("but the packet reaches nat gateway"), c.detail());
            assertTrue(faulty(c).action().contains("0.0.0.0/0 -> ") && faulty(c).name().contains("inspection-tgw-"), faulty(c).describe());
        }
        assertEquals(8, failingCases(report, Verifier.EGRESS).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {COMPONENTS, BLUEPRINT})
    void aNetworkDeployedWithoutAFirewallFailsStrictlyButPassesWithNoFirewall(String fixture) {
        StackExport export = withoutFirewall(StackExport.load(fixture));

        Report strict = export.verify();
        Report relaxed = VerifyCommand.verify(export.network(), false);

        assertEquals(Set.of(Verifier.EGRESS, Verifier.RETURN, Verifier.EAST_WEST), failing(strict), strict.toText());
        assertTrue(relaxed.passed(), relaxed.toText());
        assertTrue(relaxed.topology().inspection().orElseThrow().name().contains("inspection-vpc"),
                "found by its NAT and internet gateway");
    }

    @ParameterizedTest
    @ValueSource(strings = {COMPONENTS, BLUEPRINT})
    void applianceModeOffOnTheInspectionAttachmentFailsApplianceMode(String fixture) {
        StackExport export = StackExport.load(fixture);
        export.outputs(ATTACHMENT, "inspection-tgw-attachment").put("applianceModeSupport", "disable");

        Report report = export.verify();

        assertEquals(Set.of(Verifier.APPLIANCE_MODE, Verifier.SYMMETRY), failing(report), report.toText());
        assertEquals("applianceModeSupport disable", faulty(failingCases(report, Verifier.APPLIANCE_MODE).get(0)).action());
        // Without appliance mode the TGW keeps each direction in its own source's AZ: an east-west
        // flow between subnets of different AZs enters the inspection VPC in two AZs.
        List<Case> asymmetric = failingCases(report, Verifier.SYMMETRY);
        assertEquals(4, asymmetric.size(), "2 ordered spoke pairs x 2 cross-AZ subnet pairs");
        for (Case c : asymmetric) {
            Hop fault = faulty(c);
            assertEquals(Hop.Kind.TRANSIT_GATEWAY, fault.kind());
            assertTrue(c.detail().contains("the TGW does not keep the flow in one AZ"), c.detail());
            assertTrue(c.subject().contains("[us-east-1a] <-> ") && c.subject().contains("[us-east-1b]")
                    || c.subject().contains("[us-east-1b] <-> ") && c.subject().contains("[us-east-1a]"), c.subject());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {COMPONENTS, BLUEPRINT})
    void aBlackholedSpokeDefaultRouteDropsEgressAtTheTransitGateway(String fixture) {
        StackExport export = StackExport.load(fixture);
        ObjectNode route = export.outputs("aws:ec2transitgateway/route:Route", "inspection-spoke-default-route");
        route.remove("transitGatewayAttachmentId");
        route.put("blackhole", true);

        Report report = export.verify();

        assertTrue(failing(report).containsAll(Set.of(Verifier.EGRESS, Verifier.EAST_WEST)), report.toText());
        Case c = failingCases(report, Verifier.EGRESS).get(0);
        assertEquals(Hop.Kind.TRANSIT_GATEWAY, faulty(c).kind());
        assertTrue(faulty(c).action().endsWith("0.0.0.0/0 -> blackhole"), faulty(c).action());
        assertTrue(c.detail().contains("is dropped"), c.detail());
    }

    /** What InspectionVpc deploys without a firewall policy: tgw subnets to the NAT, public subnets back to the TGW. */
    static StackExport withoutFirewall(StackExport export) {
        export.remove(FIREWALL, "inspection-firewall");
        String tgw = export.outputs(ROUTE, "spoke1-workload-default-0").path("transitGatewayId").asText();
        for (int az = 0; az < 2; az++) {
            ObjectNode toNat = export.outputs(ROUTE, "inspection-tgw-default-" + az);
            toNat.remove("vpcEndpointId");
            toNat.put("natGatewayId", export.id(NAT, "inspection-nat-" + az));
            ObjectNode back = export.outputs(ROUTE, "inspection-public-supernet-" + az);
            back.remove("vpcEndpointId");
            back.put("transitGatewayId", tgw);
        }
        export.resources().forEach(r -> assertFalse(r.path("outputs").toString().contains("vpce-"), "a firewall endpoint is left"));
        return export;
    }
}
