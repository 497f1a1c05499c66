package dev.hubspoke.components;

import com.pulumi.resources.ComponentResourceOptions;

import java.util.List;

/** The seven components by type token: what the provider's Construct builds. */
public final class ComponentCatalog {

    private static final List<String> TYPES = List.of(
            Hub.TYPE, FirewallPolicy.TYPE, InspectionVpc.TYPE, SpokeVpc.TYPE, SpokeAttachment.TYPE, SpokeWorkload.TYPE,
            HubAndSpoke.TYPE);

    private ComponentCatalog() {
    }

    /** The type tokens of the seven components, {@code hubspoke:index:<Name>}. */
    public static List<String> types() {
        return TYPES;
    }

    /**
     * Builds the component of {@code type}. Must run inside a Pulumi deployment (the Construct
     * call's, or a test's).
     *
     * @param args the component's Args record, e.g. {@link HubArgs} for {@code hubspoke:index:Hub}
     * @throws dev.hubspoke.net.InvalidNetworkException for a bad input, before anything is registered
     * @throws IllegalArgumentException for an unknown type or args of the wrong class: a bug in the caller
     */
    public static HubspokeComponent construct(String type, String name, Object args, ComponentResourceOptions options) {
        return switch (type) {
            case Hub.TYPE -> new Hub(name, cast(type, args, HubArgs.class), options);
            case FirewallPolicy.TYPE -> new FirewallPolicy(name, cast(type, args, FirewallPolicyArgs.class), options);
            case InspectionVpc.TYPE -> new InspectionVpc(name, cast(type, args, InspectionVpcArgs.class), options);
            case SpokeVpc.TYPE -> new SpokeVpc(name, cast(type, args, SpokeVpcArgs.class), options);
            case SpokeAttachment.TYPE -> new SpokeAttachment(name, cast(type, args, SpokeAttachmentArgs.class), options);
            case SpokeWorkload.TYPE -> new SpokeWorkload(name, cast(type, args, SpokeWorkloadArgs.class), options);
            case HubAndSpoke.TYPE -> new HubAndSpoke(name, cast(type, args, HubAndSpokeArgs.class), options);
            default -> throw new IllegalArgumentException("unknown component type " + type + "; known: " + TYPES);
        };
    }

    private static <T> T cast(String type, Object args, Class<T> expected) {
        if (!expected.isInstance(args)) {
            throw new IllegalArgumentException(type + " takes " + expected.getSimpleName() + ", not "
                    + (args == null ? "null" : args.getClass().getName()));
        }
        return expected.cast(args);
    }
}
