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

    /** A trust policy letting one AWS service principal (e.g. ec2.amazonaws.com) assume a role. */
    static String assumeRoleBy(String principal) {
        return write(Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                "Effect", "Allow",
                "Principal", Map.of("Service", principal),
                "Action", "sts:AssumeRole"))));
    }

    /**
     * A trust policy letting a service principal assume a role only on behalf of one account and
     * only for resources matching {@code sourceArn}: the confused-deputy guard AWS advises
     * (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html).
     */
    static String assumeRoleBy(String principal, String sourceAccount, String sourceArn) {
        return write(Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                "Effect", "Allow",
                "Principal", Map.of("Service", principal),
                "Action", "sts:AssumeRole",
                "Condition", Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", sourceAccount),
                        "ArnLike", Map.of("aws:SourceArn", sourceArn))))));
    }

    /** A policy allowing {@code actions} on {@code resources} only. */
    static String allow(List<String> actions, List<String> resources) {
        return write(Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                "Effect", "Allow",
                "Action", actions,
                "Resource", resources))));
    }
}
