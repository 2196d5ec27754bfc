package dev.gaus.conformance;

import java.util.List;
import java.util.Optional;

/**
 * The verdict on one scenario.
 *
 * @param feature the feature file, e.g. {@code 01-register.feature}
 * @param status Cucumber's status: PASSED, FAILED, SKIPPED, UNDEFINED, PENDING, AMBIGUOUS, UNUSED
 * @param failure why it failed, secrets masked; null when it passed
 * @param lastExchange the last request and answer of the scenario, secrets masked; null if none
 */
public record ScenarioResult(String name, String feature, int line, List<String> tags, String status,
        String failure, String lastExchange) {

    public ScenarioResult {
        tags = List.copyOf(tags);
    }

    public boolean passed() {
        return "PASSED".equals(status);
    }

    public Optional<String> failureMessage() {
        return Optional.ofNullable(failure);
    }

    /** Where the scenario is written, e.g. {@code 01-register.feature:7}. */
    public String location() {
        return feature + ":" + line;
    }
}
