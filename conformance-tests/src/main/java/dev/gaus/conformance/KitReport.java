package dev.gaus.conformance;

import java.util.List;

/**
 * The outcome of one run of the kit.
 *
 * @param scenarios a verdict per scenario that ran, in the order they ran
 * @param notRun the kit's other scenarios, left out by the tag expression or for want of an
 *     option they need (status SKIPPED)
 */
public record KitReport(List<ScenarioResult> scenarios, List<ScenarioResult> notRun) {
    public KitReport {
        scenarios = List.copyOf(scenarios);
        notRun = List.copyOf(notRun);
    }

    public KitReport(List<ScenarioResult> scenarios) {
        this(scenarios, List.of());
    }

    /** The scenarios that failed and were not expected to: each of them fails the run. */
    public List<ScenarioResult> failed() {
        return with(Verdict.FAILED);
    }

    /** The scenarios that failed as the expected-failures list said they would. */
    public List<ScenarioResult> expectedFailures() {
        return with(Verdict.EXPECTED_FAILURE);
    }

    /** The scenarios the expected-failures list names that pass now: they should leave the list. */
    public List<ScenarioResult> passingExpectedFailures() {
        return with(Verdict.PASSING_EXPECTED_FAILURE);
    }

    public long passedCount() {
        return with(Verdict.PASSED).size();
    }

    /** Scenarios not run: those of {@link #notRun()} and any Cucumber skipped. */
    public long skippedCount() {
        return notRun.size() + with(Verdict.SKIPPED).size();
    }

    /** True when scenarios ran and none failed unexpectedly. */
    public boolean allPassed() {
        return !scenarios.isEmpty() && failed().isEmpty();
    }

    private List<ScenarioResult> with(Verdict verdict) {
        return scenarios.stream().filter(s -> s.verdict() == verdict).toList();
    }
}
