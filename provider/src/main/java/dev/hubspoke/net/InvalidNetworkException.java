package dev.hubspoke.net;

/**
 * A user mistake in a component's inputs: the one error type for bad input. It names the
 * component (type and name), the property path, the offending value and how to fix it, and is
 * always raised before any resource is registered. The server maps it to INVALID_ARGUMENT.
 */
public final class InvalidNetworkException extends RuntimeException {

    private final String component;
    private final String resourceName;
    private final String propertyPath;
    private final String value;
    private final String problem;
    private final String fix;

    /**
     * @param component    the component type's short name, e.g. {@code SpokeVpc}
     * @param resourceName the resource name the user gave the component
     * @param propertyPath path of the input, e.g. {@code spokes[1].cidrBlock}
     * @param value        the value as the user wrote it, or {@code null} when missing
     * @param problem      what is wrong, e.g. {@code lies outside the supernet 10.0.0.0/8}
     * @param fix          what to do, e.g. {@code choose a block inside 10.0.0.0/8}
     */
    public InvalidNetworkException(String component, String resourceName, String propertyPath, String value,
                                   String problem, String fix) {
        super(component + " '" + resourceName + "': " + shorten(propertyPath, SHOWN_PROBLEM)
                + (value == null ? "" : " = " + shorten(value, SHOWN_VALUE)) + ": " + shorten(problem, SHOWN_PROBLEM)
                + ". Fix: " + fix + ".");
        this.component = component;
        this.resourceName = resourceName;
        this.propertyPath = propertyPath;
        this.value = value;
        this.problem = problem;
        this.fix = fix;
    }

    /**
     * How much of a value or a problem the message shows. A gRPC status travels in an HTTP/2
     * header, which many clients cap at 8 KiB; a 2 MB value echoed whole made a 4 MB message.
     */
    static final int SHOWN_VALUE = 200;
    static final int SHOWN_PROBLEM = 600;

    /** The start of {@code text}, with how long it was when it is cut; line breaks shown as \n. */
    static String shorten(String text, int max) {
        String oneLine = text.replace("\r", "\\r").replace("\n", "\\n");
        if (oneLine.length() <= max) {
            return oneLine;
        }
        return oneLine.substring(0, max) + "… (" + text.length() + " characters in all)";
    }

    public String component() {
        return component;
    }

    public String resourceName() {
        return resourceName;
    }

    public String propertyPath() {
        return propertyPath;
    }

    public String value() {
        return value;
    }

    public String problem() {
        return problem;
    }

    public String fix() {
        return fix;
    }
}
