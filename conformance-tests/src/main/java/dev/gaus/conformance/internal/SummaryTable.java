package dev.gaus.conformance.internal;

import dev.gaus.conformance.KitReport;
import dev.gaus.conformance.ScenarioResult;
import dev.gaus.conformance.Verdict;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The final table of a run: every scenario with its ID and verdict, then each failure in full,
 * then the expected failures that pass now, then the counts.
 */
public final class SummaryTable {
    /** What the table says of a listed scenario that passes. */
    public static final String PASSES_NOW = "passes now: remove it from the expected failures";

    private SummaryTable() {}

    public static void print(KitReport report, PrintStream out) {
        List<ScenarioResult> scenarios = report.scenarios();
        int idWidth = scenarios.stream().mapToInt(s -> s.id().length()).max().orElse(2);
        int width = scenarios.stream().mapToInt(s -> s.name().length()).max().orElse(8);
        String row = "%-4s %-" + idWidth + "s  %-9s %-" + width + "s  %s%n";
        out.println();
        out.printf(row, "#", "id", "result", "scenario", "where");
        for (int i = 0; i < scenarios.size(); i++) {
            ScenarioResult s = scenarios.get(i);
            out.printf(row, i + 1, s.id(), word(s.verdict()), s.name(), s.location());
        }
        List<ScenarioResult> failed = report.failed();
        if (!failed.isEmpty()) {
            out.println();
            out.println("Failures:");
            for (ScenarioResult s : failed) {
                printFailure(s, out);
            }
        }
        List<ScenarioResult> expected = report.expectedFailures();
        if (!expected.isEmpty()) {
            out.println();
            out.println("Expected failures (listed in the expected failures, they do not fail the run):");
            for (ScenarioResult s : expected) {
                out.println("  " + s.id() + reason(s) + ": " + firstLine(s.failureMessage().orElse(s.status())));
            }
        }
        List<ScenarioResult> passingNow = report.passingExpectedFailures();
        if (!passingNow.isEmpty()) {
            out.println();
            for (ScenarioResult s : passingNow) {
                out.println(s.id() + " " + PASSES_NOW);
            }
        }
        out.println();
        out.println(counts(report));
    }

    /** {@code 60 scenarios: 57 passed, 3 failed}, with the other counts when they are not zero. */
    static String counts(KitReport report) {
        List<String> parts = new ArrayList<>();
        parts.add(report.passedCount() + " passed");
        parts.add(report.failed().size() + " failed");
        if (!report.expectedFailures().isEmpty()) {
            parts.add(report.expectedFailures().size() + " expected to fail");
        }
        if (!report.passingExpectedFailures().isEmpty()) {
            parts.add(report.passingExpectedFailures().size() + " expected to fail but passing now");
        }
        if (report.skippedCount() > 0) {
            parts.add(report.skippedCount() + " not run");
        }
        return report.scenarios().size() + " scenarios: " + String.join(", ", parts);
    }

    private static void printFailure(ScenarioResult s, PrintStream out) {
        out.println();
        out.println("FAIL " + s.id() + ": " + s.name() + " (" + s.location() + ")");
        out.println("  " + s.failureMessage().orElse(s.status()).replace("\n", "\n  "));
        if (s.lastExchange() != null) {
            out.println("  last exchange with the server:");
            out.print(indent(s.lastExchange()));
        }
    }

    private static String word(Verdict verdict) {
        return switch (verdict) {
            case PASSED -> "pass";
            case FAILED -> "FAIL";
            case EXPECTED_FAILURE -> "xfail";
            case PASSING_EXPECTED_FAILURE -> "pass now";
            case SKIPPED -> "skipped";
        };
    }

    private static String reason(ScenarioResult s) {
        return s.expectedFailure() == null || s.expectedFailure().isEmpty() ? "" : " (" + s.expectedFailure() + ")";
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static String indent(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            out.append("    ").append(line).append('\n');
        }
        return out.toString();
    }
}
