package dev.hubspoke.components;

import com.google.common.collect.ImmutableMap;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.test.Mocks;
import dev.hubspoke.net.InvalidNetworkException;
import dev.hubspoke.plan.StandInAws;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.hubspoke.components.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Zones that can hold the network: the lookup asks AWS for Availability Zones only, so the
 * Local and Wavelength Zones an account opted in to never get a subnet, and a region with too
 * few zones fails as one error before anything is registered. {@link StandInAws} answers the
 * lookup as AWS does, honouring the filters the request carries: opted-in Local and Wavelength
 * Zones are listed (first, by name) unless the request filters them out.
 */
class ZonesTest {

    private static final String LOOKUP = Zones.LOOKUP;

    private static HubAndSpokeArgs network(Optional<Integer> azCount) {
        var seed = hubAndSpoke(seedSpokes(), true);
        return new HubAndSpokeArgs(seed.supernetCidrBlock(), seed.inspectionCidrBlock(), List.of(), azCount,
                seed.spokes(), true, seed.allowedDomains(), seed.statefulRules(), false, false, 30,
                seed.natGateways(), seed.amazonSideAsn(), seed.tags());
    }

    /** The names the stand-in answers a lookup with {@code args} (no deployment needed). */
    private static List<Object> lookUp(StandInAws aws, Map<String, Object> args) {
        var result = aws.callAsync(new Mocks.CallArgs(LOOKUP, ImmutableMap.copyOf(args), null)).join();
        @SuppressWarnings("unchecked")
        var names = (List<Object>) result.get("names");
        return names;
    }

    @Test
    void theStandInListsOptedInLocalAndWavelengthZonesFirstUnlessTheRequestFiltersThemOut() {
        var aws = new StandInAws();

        assertEquals(List.of("us-east-1-bos-1a", "us-east-1-wl1-bos-wlz-1", "us-east-1a", "us-east-1b",
                "us-east-1c", "us-east-1d"), lookUp(aws, Map.of("state", "available")));
        assertEquals(StandInAws.REGION_ZONES, lookUp(aws, Map.of("state", "available", "filters",
                List.of(Map.of("name", "zone-type", "values", List.of("availability-zone"))))));
        assertEquals(StandInAws.REGION_ZONES, lookUp(aws, Map.of("filters",
                List.of(Map.of("name", "opt-in-status", "values", List.of("opt-in-not-required"))))));
        assertEquals(List.of("us-east-1-bos-1a", "us-east-1-mia-1a"), lookUp(aws, Map.of("allAvailabilityZones", true,
                "filters", List.of(Map.of("name", "zone-type", "values", List.of("local-zone"))))));
        assertThrows(IllegalArgumentException.class, () -> lookUp(aws, Map.of("filters",
                List.of(Map.of("name", "zone-kind", "values", List.of("availability-zone"))))));
    }

    @Test
    void theLookupAsksForAvailableAvailabilityZonesOnlyByZoneTypeAndOptInStatus() {
        var run = MockRun.ok(ctx -> new HubAndSpoke("net", network(Optional.of(2)), ComponentResourceOptions.Empty));

        var lookups = run.invokes().stream().filter(i -> i.token().equals(LOOKUP)).toList();
        assertEquals(1, lookups.size(), "the network looks its zones up once, for every VPC");
        var args = lookups.get(0).args();
        assertEquals("available", args.get("state"));
        assertEquals(List.of(
                Map.of("name", "zone-type", "values", List.of("availability-zone")),
                Map.of("name", "opt-in-status", "values", List.of("opt-in-not-required"))), args.get("filters"));
    }

    @Test
    void noSubnetOfTheNetworkLandsInALocalOrWavelengthZone() {
        var run = MockRun.ok(ctx -> new HubAndSpoke("net", network(Optional.of(4)), ComponentResourceOptions.Empty));

        var zones = run.ofType(SUBNET).stream().map(s -> String.valueOf(s.input("availabilityZone"))).distinct()
                .sorted().toList();
        assertEquals(StandInAws.REGION_ZONES, zones);
        assertEquals("us-east-1a", run.named("net-inspection-firewall-0").input("availabilityZone"));
        assertEquals("us-east-1d", run.named("net-spoke2-tgw-3").input("availabilityZone"));
    }

    @Test
    void aStandaloneVpcAlsoUsesAvailabilityZonesOnly() {
        var inspection = MockRun.ok(ctx -> new InspectionVpc("hub", inspection(3, true), ComponentResourceOptions.Empty));
        var spoke = MockRun.ok(ctx -> new SpokeVpc("app", spoke("10.0.0.0/16", 3, false, false),
                ComponentResourceOptions.Empty));

        for (var run : List.of(inspection, spoke)) {
            assertEquals(StandInAws.REGION_ZONES.subList(0, 3), run.ofType(SUBNET).stream()
                    .map(s -> String.valueOf(s.input("availabilityZone"))).distinct().sorted().toList());
        }
    }

    @Test
    void aRegionWithTooFewZonesFailsHubAndSpokeWithOneErrorNamingAzCountAndTheZonesFound() {
        // Two Availability Zones, plus the opted-in Local and Wavelength Zones that must not count.
        var run = MockRun.of(new StandInAws(2),
                ctx -> new HubAndSpoke("net", network(Optional.of(3)), ComponentResourceOptions.Empty));

        var error = oneError(run);
        assertEquals("HubAndSpoke", error.component());
        assertEquals("azCount", error.propertyPath());
        assertEquals("3", error.value());
        assertEquals("HubAndSpoke 'net': azCount = 3: asks for 3 availability zones, but the region has only 2"
                + " (us-east-1a, us-east-1b) that can hold a Transit Gateway attachment and a firewall endpoint"
                + " (Local Zones and Wavelength Zones cannot, and are not counted). Fix: set azCount to at most 2,"
                + " or deploy to a region with at least 3 availability zones.", error.getMessage());
        assertEquals(List.of(), run.all(), "nothing may be registered, not even the component");
    }

    @Test
    void theDefaultAzCountIsCheckedAgainstTheRegionToo() {
        var run = MockRun.of(new StandInAws(1),
                ctx -> new HubAndSpoke("net", network(Optional.empty()), ComponentResourceOptions.Empty));

        var error = oneError(run);
        assertEquals("azCount", error.propertyPath());
        assertEquals(String.valueOf(Defaults.AZ_COUNT_WITHOUT_LIST), error.value());
        assertTrue(error.problem().contains("only 1 (us-east-1a)"), error.problem());
        assertEquals(List.of(), run.all());
    }

    @Test
    void aStandaloneVpcInARegionWithTooFewZonesFailsBeforeRegisteringAnything() {
        var inspection = MockRun.of(new StandInAws(2),
                ctx -> new InspectionVpc("hub", inspection(3, true), ComponentResourceOptions.Empty));
        var spoke = MockRun.of(new StandInAws(2),
                ctx -> new SpokeVpc("app", spoke("10.0.0.0/16", 4, false, false), ComponentResourceOptions.Empty));

        assertEquals("InspectionVpc", oneError(inspection).component());
        assertEquals("3", oneError(inspection).value());
        assertEquals(List.of(), inspection.all());
        assertEquals("SpokeVpc", oneError(spoke).component());
        assertEquals("azCount", oneError(spoke).propertyPath());
        assertEquals(List.of(), spoke.all());
    }

    @Test
    void enoughZonesInASmallRegionStillBuildTheNetwork() {
        var run = MockRun.of(new StandInAws(2),
                ctx -> new HubAndSpoke("net", network(Optional.of(2)), ComponentResourceOptions.Empty));

        assertEquals(List.of(), run.exceptions());
        assertEquals(103, run.all().size(), "the seed layout (see HubAndSpokeTest)");
    }

    @Test
    void theFirstZonesAreTakenByNameWhateverOrderTheRegionAnswersIn() {
        var r = Reporter.of("SpokeVpc", "app");

        assertEquals(List.of("eu-west-1a", "eu-west-1b"),
                Zones.firstUsable(r, List.of("eu-west-1c", "eu-west-1b", "eu-west-1a"), 2));
        var error = assertThrows(InvalidNetworkException.class, () -> Zones.firstUsable(r, List.of(), 1));
        assertTrue(error.problem().contains("the region has none"), error.problem());
    }

    private static InvalidNetworkException oneError(MockRun run) {
        var errors = run.exceptions().stream()
                .flatMap(ZonesTest::causes)
                .filter(InvalidNetworkException.class::isInstance)
                .map(InvalidNetworkException.class::cast)
                .distinct()
                .toList();
        assertEquals(1, errors.size(), "one InvalidNetworkException among " + run.exceptions());
        return errors.get(0);
    }

    private static Stream<Throwable> causes(Throwable e) {
        return e == null ? Stream.empty()
                : Stream.concat(Stream.of(e), Stream.concat(causes(e.getCause()),
                        Stream.of(e.getSuppressed()).flatMap(ZonesTest::causes)));
    }
}
