package dev.gaus.benchmarks.server;

import java.util.List;
import java.util.Map;

/**
 * Everything one load run measured, written as JSON by {@link LoadGenerator}.
 *
 * @param ratios each scenario's requests/s over {@code /health}'s at the same connection count,
 *     keyed {@code "<scenario>/health@<connections>"}
 */
public record LoadReport(
        String client,
        String server,
        String machine,
        double warmupSeconds,
        double durationSeconds,
        List<LoadResult> results,
        Map<String, Double> ratios,
        List<Check> checks) {

    /** One target of the design, met or not. */
    public record Check(String what, double value, String comparison, double target, boolean met) {
        static Check atLeast(String what, double value, double target) {
            return new Check(what, value, ">=", target, value >= target);
        }

        static Check atMost(String what, double value, double target) {
            return new Check(what, value, "<=", target, value <= target);
        }
    }
}
