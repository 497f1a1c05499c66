package dev.hubspoke.components;

import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import com.pulumi.core.internal.OutputData;
import dev.hubspoke.net.Cidr;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The spoke side of one address plan across stacks: a SpokeVpc built in its own stack reads the
 * platform's {@code addressBook} and is checked against its entry before anything is registered,
 * so the network's plan (no overlap, inside the supernet, the hub's zones) also holds for spokes
 * the platform stack does not build.
 */
final class AddressBooks {

    private AddressBooks() {
    }

    /** The entry named {@code name}; none without an address book. */
    static Optional<AddressBookEntry> entry(Reporter r, Map<String, AddressBookEntry> book, Optional<String> name) {
        if (book.isEmpty()) {
            name.ifPresent(n -> {
                throw r.fail("addressBookEntry", n, "is given without an addressBook",
                        "also pass the platform stack's addressBook output as addressBook, or leave addressBookEntry out");
            });
            return Optional.empty();
        }
        String key = name.orElseThrow(() -> r.fail("addressBookEntry", null, "is required with an addressBook",
                "set addressBookEntry to this spoke's name in the address book: one of " + String.join(", ", new TreeSet<>(book.keySet()))));
        var entry = book.get(key);
        if (entry == null) {
            throw r.fail("addressBookEntry", key, "is not a spoke of the address book",
                    "use one of " + String.join(", ", new TreeSet<>(book.keySet()))
                            + ", or ask the platform team to add the spoke (external: true) to the HubAndSpoke");
        }
        return Optional.of(entry);
    }

    /**
     * The zones the VPC uses: the entry's AZ IDs (the hub's physical zones) when none are listed,
     * else the listed ones, which must then be those same AZ IDs, in order.
     */
    static List<String> zones(Reporter r, AddressBookEntry entry, List<String> listed) {
        List<String> book = entry.availabilityZoneIds();
        if (listed.isEmpty()) {
            return book;
        }
        if (listed.size() > book.size() || !book.subList(0, listed.size()).equals(listed)) {
            throw r.fail("availabilityZones", listed, "differs from the address book's zones " + book
                            + " (AZ IDs: AZ names map to different physical zones in each account)",
                    "leave availabilityZones out to use the address book's zones, or list its AZ IDs in its order");
        }
        return listed;
    }

    /** The spoke's block must be the one the platform reserved for it. */
    static void cidr(Reporter r, AddressBookEntry entry, String entryName, Cidr cidr) {
        var reserved = Cidr.tryParse(entry.cidrBlock());
        if (reserved.isEmpty() || !reserved.get().equals(cidr)) {
            throw r.fail("cidrBlock", cidr, "differs from the block the address book reserves for spoke '" + entryName
                            + "', " + entry.cidrBlock(),
                    "set cidrBlock to " + entry.cidrBlock() + ", or ask the platform team to change the spoke's cidrBlock");
        }
    }

    /** When {@code transitGatewayId} is known already, it must be the address book's. */
    static void transitGateway(Reporter r, AddressBookEntry entry, Output<String> transitGatewayId) {
        var data = Internal.of(transitGatewayId).getDataAsync().getNow(null);
        Optional.ofNullable(data).filter(OutputData::isKnown)
                .filter(d -> d.getValueNullable() != null && !d.getValueNullable().equals(entry.transitGatewayId()))
                .ifPresent(d -> {
                    throw r.fail("transitGatewayId", d.isSecret() ? "[secret]" : d.getValueNullable(), "differs from the address book's Transit Gateway "
                                    + entry.transitGatewayId(),
                            "pass the address book's transitGatewayId");
                });
    }
}
