package dev.hubspoke.components;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.List;
import java.util.Map;

/** IAM policy documents, written by Jackson so that quoting is never done by hand. */
final class Json {

    /** Keys sorted: a document must read the same on every run, or every run would update the policy. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON for " + value, e);
        }
    }

    /** A trust policy letting one AWS service assume a role. */
    static String assumeRoleBy(String service) {
        return write(Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                "Effect", "Allow",
                "Principal", Map.of("Service", service),
                "Action", "sts:AssumeRole"))));
    }

    /** A policy allowing {@code actions} on {@code resources} only. */
    static String allow(List<String> actions, List<String> resources) {
        return write(Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                "Effect", "Allow",
                "Action", actions,
                "Resource", resources))));
    }
}
