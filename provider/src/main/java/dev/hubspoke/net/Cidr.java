package dev.hubspoke.net;

import java.util.Optional;

/**
 * An IPv4 CIDR block: a network address and a prefix length. The address is always the first
 * address of the block ({@code 10.0.0.5/16} does not parse: AWS rejects host bits too).
 */
public record Cidr(long network, int prefixLength) implements Comparable<Cidr> {

    public Cidr {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0..32");
        }
        if (network < 0 || network > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("network " + network + " is not an IPv4 address");
        }
        if ((network & ~mask(prefixLength) & 0xFFFF_FFFFL) != 0) {
            throw new IllegalArgumentException(format(network) + "/" + prefixLength + " has host bits set");
        }
    }

    /** Parses {@code a.b.c.d/n}; the problem, if any, is described in the exception message. */
    public static Cidr parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException(describeProblem(text)));
    }

    public static Optional<Cidr> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.trim().split("/", -1);
        if (parts.length != 2 || !parts[1].matches("\\d{1,2}")) {
            return Optional.empty();
        }
        String[] octets = parts[0].split("\\.", -1);
        if (octets.length != 4) {
            return Optional.empty();
        }
        long address = 0;
        for (String octet : octets) {
            if (!octet.matches("\\d{1,3}") || (octet.length() > 1 && octet.startsWith("0"))) {
                return Optional.empty();
            }
            int value = Integer.parseInt(octet);
            if (value > 255) {
                return Optional.empty();
            }
            address = (address << 8) | value;
        }
        int prefix = Integer.parseInt(parts[1]);
        if (prefix > 32 || (address & ~mask(prefix) & 0xFFFF_FFFFL) != 0) {
            return Optional.empty();
        }
        return Optional.of(new Cidr(address, prefix));
    }

    /** Why {@code text} is not a CIDR block, in words a user can act on. */
    static String describeProblem(String text) {
        if (text == null || text.isBlank()) {
            return "a CIDR block is required, like 10.0.0.0/16";
        }
        String[] parts = text.trim().split("/", -1);
        if (parts.length != 2) {
            return "'" + text + "' is not a CIDR block: write an IPv4 address, a slash and a prefix length, like 10.0.0.0/16";
        }
        if (!parts[1].matches("\\d{1,2}") || Integer.parseInt(parts[1]) > 32) {
            return "'" + text + "' has prefix length '" + parts[1] + "': use a number from 0 to 32";
        }
        Optional<Cidr> withoutHostBits = tryParse(parts[0] + "/32").map(a -> new Cidr(
                a.network() & mask(Integer.parseInt(parts[1])), Integer.parseInt(parts[1])));
        if (withoutHostBits.isEmpty()) {
            return "'" + text + "' does not start with an IPv4 address of four numbers from 0 to 255";
        }
        return "'" + text + "' has host bits set: the block starting at that prefix is " + withoutHostBits.get();
    }

    private static long mask(int prefixLength) {
        return prefixLength == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefixLength)) & 0xFFFF_FFFFL;
    }

    private static String format(long address) {
        return ((address >> 24) & 0xFF) + "." + ((address >> 16) & 0xFF) + "." + ((address >> 8) & 0xFF) + "." + (address & 0xFF);
    }

    /** Number of addresses in the block. */
    public long size() {
        return 1L << (32 - prefixLength);
    }

    /** The last address of the block, as a number. */
    public long last() {
        return network + size() - 1;
    }

    public boolean contains(Cidr other) {
        return prefixLength <= other.prefixLength && network <= other.network && other.last() <= last();
    }

    public boolean overlaps(Cidr other) {
        return network <= other.last() && other.network <= last();
    }

    /**
     * The {@code index}-th block of prefix length {@code newPrefixLength} inside this one.
     *
     * @throws IllegalArgumentException when the block would not lie inside this one
     */
    public Cidr subnet(int newPrefixLength, long index) {
        if (newPrefixLength < prefixLength || newPrefixLength > 32) {
            throw new IllegalArgumentException("/" + newPrefixLength + " does not fit inside " + this);
        }
        long count = 1L << (newPrefixLength - prefixLength);
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException(this + " holds " + count + " blocks of /" + newPrefixLength + ", not " + (index + 1));
        }
        return new Cidr(network + index * (1L << (32 - newPrefixLength)), newPrefixLength);
    }

    @Override
    public int compareTo(Cidr other) {
        int byNetwork = Long.compare(network, other.network);
        return byNetwork != 0 ? byNetwork : Integer.compare(prefixLength, other.prefixLength);
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefixLength;
    }
}
