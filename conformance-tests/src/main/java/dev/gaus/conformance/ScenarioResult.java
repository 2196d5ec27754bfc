package dev.gaus.conformance;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The verdict on one scenario.
 *
 * @param id the scenario's stable ID, e.g. {@code register-answer} or, for a row of an outline,
 *     {@code register-malformed-not-json}
 * @param name the scenario's title
 * @param feature the feature file, e.g. {@code 01-register.feature}
 * @param tags its tags without the {@code @id:} tag
 * @param status Cucumber's status: PASSED, FAILED, SKIPPED, UNDEFINED, PENDING, AMBIGUOUS, UNUSED;
 *     SKIPPED also for a scenario the run did not select
 * @param failure why it failed, secrets masked; null when it passed
 * @param lastExchange the last request and answer of the scenario, secrets masked; null if none
 * @param duration how long it ran
 * @param expectedFailure the reason the expected-failures list gives for it, or null when it is
 *     not listed
 */
public record ScenarioResult(String id, String name, String feature, int line, List<String> tags, String status,
        String failure, String lastExchange, Duration duration, String expectedFailure) {

    public ScenarioResult {
        tags = List.copyOf(tags);
        duration = duration == null ? Duration.ZERO : duration;
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

    /** What the scenario's status means for the run, the expected-failures list considered. */
    public Verdict verdict() {
        if ("SKIPPED".equals(status)) {
            return Verdict.SKIPPED;
        }
        if (expectedFailure != null) {
            return passed() ? Verdict.PASSING_EXPECTED_FAILURE : Verdict.EXPECTED_FAILURE;
        }
        return passed() ? Verdict.PASSED : Verdict.FAILED;
    }

    /** The same result, listed as expected to fail for this reason. */
    public ScenarioResult expectedToFail(String reason) {
        return new ScenarioResult(id, name, feature, line, tags, status, failure, lastExchange, duration, reason);
    }
}
