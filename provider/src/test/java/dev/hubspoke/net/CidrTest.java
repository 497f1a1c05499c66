package dev.hubspoke.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CidrTest {

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/8", "10.129.0.0/24", "0.0.0.0/0", "255.255.255.255/32", "192.168.4.16/28"})
    void wellFormedBlocksRoundTrip(String text) {
        assertEquals(text, Cidr.parse(text).toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10.0.0.0|write an IPv4 address, a slash and a prefix length",
            "10.0.0/16|does not start with an IPv4 address",
            "10.0.0.256/24|does not start with an IPv4 address",
            "10.0.0.0/33|use a number from 0 to 32",
            "10.0.0.0/x|use a number from 0 to 32",
            "010.0.0.0/8|does not start with an IPv4 address",
            "10.0.0.5/16|has host bits set: the block starting at that prefix is 10.0.0.0/16",
    })
    void malformedBlocksAreRejectedWithAnActionableReason(String text, String reason) {
        assertTrue(Cidr.tryParse(text).isEmpty(), text);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
        assertTrue(error.getMessage().contains(reason), error.getMessage());
    }

    @Test
    void blankTextAsksForABlock() {
        assertTrue(Cidr.describeProblem("  ").contains("a CIDR block is required"));
        assertTrue(Cidr.tryParse(null).isEmpty());
    }

    @Test
    void containmentAndOverlapFollowTheAddressRanges() {
        Cidr supernet = Cidr.parse("10.0.0.0/8");
        Cidr spoke = Cidr.parse("10.1.0.0/16");
        Cidr inside = Cidr.parse("10.1.128.0/17");
        Cidr elsewhere = Cidr.parse("172.16.0.0/12");

        assertTrue(supernet.contains(spoke));
        assertFalse(spoke.contains(supernet));
        assertTrue(spoke.overlaps(inside));
        assertTrue(inside.overlaps(spoke));
        assertFalse(spoke.overlaps(Cidr.parse("10.2.0.0/16")));
        assertFalse(supernet.overlaps(elsewhere));
    }

    @Test
    void subnetCountsBlocksFromTheStart() {
        Cidr vpc = Cidr.parse("10.129.0.0/24");
        assertEquals("10.129.0.0/28", vpc.subnet(28, 0).toString());
        assertEquals("10.129.0.240/28", vpc.subnet(28, 15).toString());
        assertThrows(IllegalArgumentException.class, () -> vpc.subnet(28, 16));
        assertThrows(IllegalArgumentException.class, () -> vpc.subnet(23, 0));
        assertEquals(256, vpc.size());
        assertEquals(Cidr.parse("10.129.0.255/32").network(), vpc.last());
    }
}
