package dev.hubspoke.verify;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of one check: it passes when every case does.
 *
 * @param name  stable identifier, e.g. {@code egress} (JSON and tests key on it)
 * @param title what the check asserts, in one sentence
 * @param cases one per flow traced or element examined
 */
record CheckResult(String name, String title, List<Case> cases) {

    boolean passed() {
        return cases.stream().allMatch(Case::passed);
    }

    /**
     * One flow or element examined by a check.
     *
     * @param subject   what was examined, e.g. {@code spoke1-workload-0 [us-east-1a] -> 0.0.0.0/0}
     * @param passed    whether it satisfies the check
     * @param detail    the finding in words
     * @param path      the hops (for a traced flow) or the elements the finding is about
     * @param faultyHop for a failure: the index in {@code path} of the hop whose decision is wrong
     */
    record Case(String subject, boolean passed, String detail, List<Hop> path, Optional<Integer> faultyHop) {

        static Case pass(String subject, String detail, List<Hop> path) {
            return new Case(subject, true, detail, path, Optional.empty());
        }

        static Case fail(String subject, String detail, List<Hop> path, int faultyHop) {
            return new Case(subject, false, detail, path, path.isEmpty() ? Optional.empty() : Optional.of(faultyHop));
        }
    }
}
