package dev.gaus.conformance;

import java.util.List;

/** The outcome of one run of the kit: a verdict per scenario, in the order they ran. */
public record KitReport(List<ScenarioResult> scenarios) {
    public KitReport {
        scenarios = List.copyOf(scenarios);
    }

    public List<ScenarioResult> failed() {
        return scenarios.stream().filter(s -> !s.passed()).toList();
    }

    public long passedCount() {
        return scenarios.stream().filter(ScenarioResult::passed).count();
    }

    public boolean allPassed() {
        return !scenarios.isEmpty() && failed().isEmpty();
    }
}
