package dev.hubspoke.components;

import dev.hubspoke.net.InvalidNetworkException;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Turns a failed check into the one user-error type, naming the component the user wrote. The
 * same checks serve a component on its own and inside {@code HubAndSpoke}: there a spoke's
 * {@code cidrBlock} is reported as {@code spokes[1].cidrBlock}, so {@code pathOf} maps the input
 * name a check knows to the property path the user wrote.
 */
record Reporter(String component, String resourceName, UnaryOperator<String> pathOf) {

    static Reporter of(String component, String resourceName) {
        return new Reporter(component, resourceName, UnaryOperator.identity());
    }

    /** The same component and name, with input names renamed by {@code renames} (others kept). */
    Reporter renaming(Map<String, String> renames) {
        return new Reporter(component, resourceName, field -> pathOf.apply(renames.getOrDefault(field, field)));
    }

    /** The property path under which {@code field} appears to the user. */
    String path(String field) {
        return pathOf.apply(field);
    }

    InvalidNetworkException fail(String field, Object value, String problem, String fix) {
        return new InvalidNetworkException(component, resourceName, path(field),
                value == null ? null : String.valueOf(value), problem, fix);
    }
}
