package dev.hubspoke.net;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubnetPlannerTest {

    private static List<String> cidrs(SubnetPlan plan, Tier tier) {
        return plan.subnets(tier).stream().map(s -> s.cidr().toString()).toList();
    }

    @Test
    void seedInspectionVpcGetsThreeTiersOfSlashTwentyEightPerAz() {
        SubnetPlan plan = Layouts.inspection(Cidr.parse("10.129.0.0/24"), 2);

        assertEquals(List.of("10.129.0.0/28", "10.129.0.16/28"), cidrs(plan, Tier.PUBLIC));
        assertEquals(List.of("10.129.0.64/28", "10.129.0.80/28"), cidrs(plan, Tier.FIREWALL));
        assertEquals(List.of("10.129.0.128/28", "10.129.0.144/28"), cidrs(plan, Tier.TGW));
        assertEquals(6, plan.subnets().size());
    }

    @Test
    void seedSpokeGetsSlashTwentyWorkloadSubnetsThenTgwSubnets() {
        SubnetPlan plan = Layouts.spoke(Cidr.parse("10.0.0.0/16"), 2, Optional.empty(), 28);

        assertEquals(List.of("10.0.0.0/20", "10.0.16.0/20"), cidrs(plan, Tier.WORKLOAD));
        assertEquals(List.of("10.0.64.0/28", "10.0.64.16/28"), cidrs(plan, Tier.TGW));
        assertEquals("10.0.16.0/20", plan.cidr(Tier.WORKLOAD, 1).toString());
    }

    @Test
    void aThirdAzFillsItsReservedSlotWithoutMovingTheOthers() {
        SubnetPlan two = Layouts.inspection(Cidr.parse("10.129.0.0/24"), 2);
        SubnetPlan three = Layouts.inspection(Cidr.parse("10.129.0.0/24"), 3);

        assertTrue(three.subnets().containsAll(two.subnets()));
        assertEquals("10.129.0.160/28", three.cidr(Tier.TGW, 2).toString());
    }

    @Test
    void aSmallSpokeCapsTheDefaultWorkloadSubnetAtSlashTwentyEight() {
        SubnetPlan plan = Layouts.spoke(Cidr.parse("10.5.0.0/25"), 2, Optional.empty(), 28);

        assertEquals(List.of("10.5.0.0/28", "10.5.0.16/28"), cidrs(plan, Tier.WORKLOAD));
        assertEquals(List.of("10.5.0.64/28", "10.5.0.80/28"), cidrs(plan, Tier.TGW));
    }

    @Test
    void anInspectionVpcSmallerThanSlashTwentyFourHasNoRoomForTheTgwTier() {
        PlanningException error = assertThrows(PlanningException.class,
                () -> Layouts.inspection(Cidr.parse("10.129.0.0/25"), 2));

        assertEquals(PlanningException.Subject.tier(Tier.TGW), error.subject());
        assertTrue(error.getMessage().contains("has no room for 4 tgw subnets of /28"), error.getMessage());
    }

    @Test
    void workloadSubnetsTooLargeForFourSlotsAreRejected() {
        PlanningException error = assertThrows(PlanningException.class,
                () -> Layouts.spoke(Cidr.parse("10.0.0.0/16"), 2, Optional.of(17), 28));

        assertEquals(PlanningException.Subject.tier(Tier.WORKLOAD), error.subject());
        assertTrue(error.fix().contains("longer prefix"), error.fix());
    }

    @Test
    void subnetPrefixOutsideTheVpcOrBelowTheAwsMinimumIsRejected() {
        assertThrows(PlanningException.class, () -> Layouts.spoke(Cidr.parse("10.0.0.0/16"), 2, Optional.of(29), 28));
        assertThrows(PlanningException.class, () -> Layouts.spoke(Cidr.parse("10.0.0.0/16"), 2, Optional.of(15), 28));
    }

    @Test
    void azCountMustBeBetweenOneAndTheReservedSlots() {
        for (int azCount : new int[] {0, SubnetPlanner.AZ_SLOTS + 1}) {
            PlanningException error = assertThrows(PlanningException.class,
                    () -> Layouts.inspection(Cidr.parse("10.129.0.0/24"), azCount));
            assertEquals(PlanningException.Subject.AZ_COUNT, error.subject());
        }
    }
}
