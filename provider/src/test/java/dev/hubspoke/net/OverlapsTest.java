package dev.hubspoke.net;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OverlapsTest {

    private static List<Cidr> blocks(String... cidrs) {
        return java.util.Arrays.stream(cidrs).map(Cidr::parse).toList();
    }

    @Test
    void disjointBlocksHaveNoOverlap() {
        assertEquals(Optional.empty(), Overlaps.first(blocks("10.129.0.0/24", "10.0.0.0/16", "10.1.0.0/16")));
    }

    @Test
    void theLaterBlockIsBlamedAndPairedWithTheFirstEarlierOneItOverlaps() {
        assertEquals(Optional.of(new Overlaps.Pair(0, 2)),
                Overlaps.first(blocks("10.0.0.0/16", "10.1.0.0/16", "10.0.128.0/17")));
    }

    @Test
    void aBlockInsideAnotherOverlapsIt() {
        assertEquals(Optional.of(new Overlaps.Pair(0, 1)), Overlaps.first(blocks("10.129.0.0/24", "10.128.0.0/9")));
    }

    @Test
    void adjacentBlocksDoNotOverlap() {
        assertEquals(Optional.empty(), Overlaps.first(blocks("10.0.0.0/16", "10.1.0.0/16")));
    }
}
