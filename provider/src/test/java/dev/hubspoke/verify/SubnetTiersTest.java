package dev.hubspoke.verify;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How the picture names a subnet's tier (its row). */
class SubnetTiersTest {

    @Test
    void aTierIsTheSubnetNameWithoutTheVpcsPrefixAndTheAzIndex() {
        assertEquals("workload", SubnetTiers.tierOf("hubspoke-spoke1-vpc", "hubspoke-spoke1-workload-0"));
        assertEquals("tgw", SubnetTiers.tierOf("spoke1-vpc", "spoke1-tgw-1"));
        assertEquals("firewall", SubnetTiers.tierOf("net-inspection-vpc", "net-inspection-firewall-12"));
    }

    @Test
    void aNameThatSharesNothingWithItsVpcIsItsOwnTier() {
        assertEquals("app-subnet", SubnetTiers.tierOf("main", "app-subnet-0"));
        assertEquals("db", SubnetTiers.tierOf("db-vpc", "db"), "a name that is all prefix keeps its stem");
    }
}
