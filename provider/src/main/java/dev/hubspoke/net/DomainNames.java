package dev.hubspoke.net;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Domain names as AWS Network Firewall domain lists take them: {@code www.example.com} matches
 * that name only, {@code .example.com} (a leading dot) matches example.com and every subdomain.
 */
public final class DomainNames {

    /** One DNS label: letters, digits and hyphens, not starting or ending with a hyphen. */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private static final int MAX_LENGTH = 253;

    private DomainNames() {
    }

    /** Why {@code entry} is not a domain-list entry, or empty when it is one. */
    public static Optional<String> problem(String entry) {
        if (entry == null || entry.isBlank()) {
            return Optional.of("is empty");
        }
        if (!entry.equals(entry.strip())) {
            return Optional.of("has spaces around it");
        }
        if (entry.startsWith("*")) {
            return Optional.of("uses a '*' wildcard, which domain lists do not support");
        }
        boolean wildcard = entry.startsWith(".");
        String name = wildcard ? entry.substring(1) : entry;
        if (name.length() > MAX_LENGTH) {
            return Optional.of("is longer than " + MAX_LENGTH + " characters");
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty()) {
                return Optional.of("has an empty label (two dots in a row, or a trailing dot)");
            }
            if (!LABEL.matcher(label).matches()) {
                return Optional.of("has the label '" + label + "': labels are 1 to 63 letters, digits and"
                        + " hyphens, not starting or ending with a hyphen");
            }
        }
        if (!wildcard && labels.length < 2) {
            return Optional.of("is a single label; a domain list entry needs a dot, like example.com");
        }
        return Optional.empty();
    }

    public static boolean isValid(String entry) {
        return problem(entry).isEmpty();
    }
}
