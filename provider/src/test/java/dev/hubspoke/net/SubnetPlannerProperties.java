package dev.hubspoke.net;

import dev.hubspoke.components.HubAndSpoke;
import dev.hubspoke.components.HubAndSpokeArgs;
import dev.hubspoke.components.NatGatewayMode;
import dev.hubspoke.components.SpokeSpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties of the planner over random VPC blocks, tier sizes and AZ counts. */
class SubnetPlannerProperties {

    /** A random VPC block of /16 to /24 with a random network number. */
    @Provide
    Arbitrary<Cidr> vpcs() {
        return Combinators.combine(Arbitraries.integers().between(16, 24), Arbitraries.longs().between(0, 0xFFFF_FFFFL))
                .as((prefix, address) -> new Cidr(address & (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL, prefix));
    }

    @Provide
    Arbitrary<List<TierSpec>> tierLists() {
        Arbitrary<TierSpec> tier = Combinators.combine(Arbitraries.of(Tier.values()), Arbitraries.integers().between(18, 28))
                .as(TierSpec::new);
        return tier.list().ofMinSize(1).ofMaxSize(4);
    }

    private static Optional<SubnetPlan> tryPlan(Cidr vpc, List<TierSpec> tiers, int azCount) {
        try {
            return Optional.of(SubnetPlanner.plan(vpc, tiers, azCount));
        } catch (PlanningException notFitting) {
            return Optional.empty();
        }
    }

    @Property
    void noTwoSubnetsOverlapAndAllLieInsideTheVpc(@ForAll("vpcs") Cidr vpc, @ForAll("tierLists") List<TierSpec> tiers,
                                                   @ForAll @IntRange(min = 1, max = 4) int azCount) {
        Optional<SubnetPlan> plan = tryPlan(vpc, tiers, azCount);
        Assume.that(plan.isPresent());

        List<PlannedSubnet> subnets = plan.get().subnets();
        assertEquals(tiers.size() * azCount, subnets.size());
        for (int i = 0; i < subnets.size(); i++) {
            assertTrue(vpc.contains(subnets.get(i).cidr()), subnets.get(i) + " outside " + vpc);
            for (int j = i + 1; j < subnets.size(); j++) {
                assertFalse(subnets.get(i).cidr().overlaps(subnets.get(j).cidr()), subnets.get(i) + " overlaps " + subnets.get(j));
            }
        }
    }

    @Property
    void addingAnAzAtTheEndLeavesEveryExistingCidrUnchanged(@ForAll("vpcs") Cidr vpc,
                                                            @ForAll("tierLists") List<TierSpec> tiers,
                                                            @ForAll @IntRange(min = 1, max = 3) int azCount) {
        Optional<SubnetPlan> before = tryPlan(vpc, tiers, azCount);
        Assume.that(before.isPresent());

        SubnetPlan after = SubnetPlanner.plan(vpc, tiers, azCount + 1);
        assertTrue(after.subnets().containsAll(before.get().subnets()));
        assertEquals(before.get().subnets().size() + tiers.size(), after.subnets().size());
    }

    @Property
    void addingATierAtTheEndLeavesEveryExistingCidrUnchanged(@ForAll("vpcs") Cidr vpc,
                                                             @ForAll("tierLists") List<TierSpec> tiers,
                                                             @ForAll @IntRange(min = 18, max = 28) int extraPrefix,
                                                             @ForAll @IntRange(min = 1, max = 4) int azCount) {
        List<TierSpec> more = new ArrayList<>(tiers);
        more.add(new TierSpec(Tier.WORKLOAD, extraPrefix));
        Optional<SubnetPlan> after = tryPlan(vpc, more, azCount);
        Assume.that(after.isPresent());

        SubnetPlan before = SubnetPlanner.plan(vpc, tiers, azCount);
        assertEquals(before.subnets(), after.get().subnets().subList(0, before.subnets().size()));
    }

    @Property
    void planningIsAPureFunctionOfItsInputs(@ForAll("vpcs") Cidr vpc, @ForAll @IntRange(min = 1, max = 4) int azCount) {
        Optional<SubnetPlan> first = tryPlan(vpc, List.of(new TierSpec(Tier.WORKLOAD, 26), new TierSpec(Tier.TGW, 28)), azCount);
        Assume.that(first.isPresent());

        assertEquals(first.get(), Layouts.spoke(vpc, azCount, Optional.of(26), 28));
    }

    /** A random spoke block of /16 to /24 inside 10.0.0.0/9 (the inspection VPC below sits above it). */
    @Provide
    Arbitrary<Cidr> spokeBlocks() {
        return Combinators.combine(Arbitraries.integers().between(16, 24), Arbitraries.longs().between(0, 0x7F_FFFFL))
                .as((prefix, offset) -> new Cidr((0x0A00_0000L + offset) & (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL, prefix));
    }

    /**
     * The subnets HubAndSpoke plans for a spoke (the one place spokes are planned together) are
     * the same whether the spoke is alone or has another spoke before or after it.
     */
    @Property(tries = 200) // each try plans the network four times
    void spokePlansDoNotDependOnOtherSpokes(@ForAll("spokeBlocks") Cidr first, @ForAll("spokeBlocks") Cidr second,
                                            @ForAll @IntRange(min = 1, max = 4) int azCount) {
        Assume.that(!first.overlaps(second));
        SpokeSpec a = new SpokeSpec("a", first.toString(), false, false, Optional.empty());
        SpokeSpec b = new SpokeSpec("b", second.toString(), false, false, Optional.empty());
        Optional<Map<String, SubnetPlan>> aloneA = addressPlan(List.of(a), azCount);
        Optional<Map<String, SubnetPlan>> aloneB = addressPlan(List.of(b), azCount);
        Assume.that(aloneA.isPresent() && aloneB.isPresent());

        Map<String, SubnetPlan> aThenB = addressPlan(List.of(a, b), azCount).orElseThrow();
        Map<String, SubnetPlan> bThenA = addressPlan(List.of(b, a), azCount).orElseThrow();

        assertEquals(aloneA.get().get("a"), aThenB.get("a"));
        assertEquals(aloneA.get().get("a"), bThenA.get("a"));
        assertEquals(aloneB.get().get("b"), aThenB.get("b"));
        assertEquals(aloneB.get().get("b"), bThenA.get("b"));
        assertEquals(aloneA.get().get("inspection"), aThenB.get("inspection"));
    }

    private static Optional<Map<String, SubnetPlan>> addressPlan(List<SpokeSpec> spokes, int azCount) {
        try {
            return Optional.of(HubAndSpoke.addressPlan("net", new HubAndSpokeArgs("10.0.0.0/8", "10.255.255.0/24", List.of(),
                    Optional.of(azCount), spokes, true, List.of(), List.of(), false, false, 30, NatGatewayMode.PER_AZ, 64512, null)));
        } catch (InvalidNetworkException doesNotFit) {
            return Optional.empty();
        }
    }
}
