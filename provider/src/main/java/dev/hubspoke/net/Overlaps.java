package dev.hubspoke.net;

import java.util.List;
import java.util.Optional;

/** Finds CIDR blocks that share addresses, so two VPCs of one network never overlap. */
public final class Overlaps {

    /** Two blocks of a list that overlap: {@code earlier < later}, indexes into that list. */
    public record Pair(int earlier, int later) {
    }

    private Overlaps() {
    }

    /**
     * The first overlap in list order: the smallest {@code later} index whose block overlaps any
     * block before it, paired with the first such earlier block. So the error can blame the block
     * the user wrote last and name the one it collides with.
     */
    public static Optional<Pair> first(List<Cidr> blocks) {
        for (int later = 1; later < blocks.size(); later++) {
            for (int earlier = 0; earlier < later; earlier++) {
                if (blocks.get(earlier).overlaps(blocks.get(later))) {
                    return Optional.of(new Pair(earlier, later));
                }
            }
        }
        return Optional.empty();
    }
}
