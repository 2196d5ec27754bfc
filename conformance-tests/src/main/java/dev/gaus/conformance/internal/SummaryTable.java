package dev.gaus.conformance.internal;

import dev.gaus.conformance.KitReport;
import dev.gaus.conformance.ScenarioResult;
import java.io.PrintStream;
import java.util.List;

/** The final table of a run: every scenario with its verdict, then each failure in full. */
public final class SummaryTable {
    private SummaryTable() {}

    public static void print(KitReport report, PrintStream out) {
        List<ScenarioResult> scenarios = report.scenarios();
        int width = scenarios.stream().mapToInt(s -> s.name().length()).max().orElse(8);
        out.println();
        out.printf("%-4s %-6s %-" + width + "s  %s%n", "#", "result", "scenario", "where");
        for (int i = 0; i < scenarios.size(); i++) {
            ScenarioResult s = scenarios.get(i);
            out.printf("%-4d %-6s %-" + width + "s  %s%n", i + 1, s.passed() ? "pass" : "FAIL", s.name(), s.location());
        }
        List<ScenarioResult> failed = report.failed();
        if (!failed.isEmpty()) {
            out.println();
            out.println("Failures:");
            for (ScenarioResult s : failed) {
                out.println();
                out.println("FAIL " + s.name() + " (" + s.location() + ")");
                out.println("  " + s.failureMessage().orElse(s.status()).replace("\n", "\n  "));
                if (s.lastExchange() != null) {
                    out.println("  last exchange with the server:");
                    out.print(indent(s.lastExchange()));
                }
            }
        }
        out.println();
        out.printf("%d scenarios: %d passed, %d failed%n", scenarios.size(), report.passedCount(), failed.size());
    }

    private static String indent(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            out.append("    ").append(line).append('\n');
        }
        return out.toString();
    }
}
