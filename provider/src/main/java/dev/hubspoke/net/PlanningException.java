package dev.hubspoke.net;

/**
 * The planner could not lay out the subnets. It names what was wrong in planner terms; the
 * caller, who knows the component and the property, turns it into an {@link InvalidNetworkException}.
 */
public final class PlanningException extends RuntimeException {

    /** What the problem is about: the AZ count or one tier's subnet size. */
    public record Subject(String what, Tier tier) {
        public static final Subject AZ_COUNT = new Subject("azCount", null);

        public static Subject tier(Tier tier) {
            return new Subject("tier", tier);
        }
    }

    private final Subject subject;
    private final String fix;

    public PlanningException(Subject subject, String problem, String fix) {
        super(problem);
        this.subject = subject;
        this.fix = fix;
    }

    public Subject subject() {
        return subject;
    }

    public String fix() {
        return fix;
    }
}
