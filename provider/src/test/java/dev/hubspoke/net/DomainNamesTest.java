package dev.hubspoke.net;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DomainNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "www.example.com", ".amazon.com", ".com", "a-b.example.co.uk",
            "xn--bcher-kva.example", "S3.Amazonaws.com"})
    void acceptsNamesAndLeadingDotWildcards(String entry) {
        assertTrue(DomainNames.isValid(entry), entry);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "*.example.com", "example", "example..com", "example.com.", "-a.example.com",
            "a-.example.com", "exa mple.com", " example.com", "..example.com", "ex_ample.com", "."})
    void rejectsAnythingElse(String entry) {
        assertFalse(DomainNames.isValid(entry), entry);
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 254})
    void rejectsOverlongLabelsAndNames(int length) {
        String name = length == 64 ? "a".repeat(64) + ".com" : ("a".repeat(62) + ".").repeat(4) + "com";
        assertFalse(DomainNames.isValid(name), name.length() + " characters");
    }
}
