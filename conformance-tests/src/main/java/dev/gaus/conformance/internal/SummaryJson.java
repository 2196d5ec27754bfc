package dev.gaus.conformance.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gaus.conformance.KitReport;
import dev.gaus.conformance.ScenarioResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <report-dir>/summary.json}: the run's verdict for machines (CI dashboards, trend tools).
 * It holds the server's URL without user info or query, and no key, secret or token: failure
 * messages are masked like everything else the kit prints, and exchanges are left out.
 */
public final class SummaryJson {
    public static final String FILE_NAME = "summary.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

    record Summary(String kitVersion, String server, Counts counts, List<Scenario> scenarios) {}

    record Counts(long passed, long failed, long expectedFailures, long passingExpectedFailures, long skipped) {}

    /** {@code failure} only for scenarios that failed; {@code expectedFailureReason} only for those listed. */
    record Scenario(String id, String title, List<String> tags, String status, long durationMillis, String location,
            String failure, String expectedFailureReason) {}

    private SummaryJson() {}

    public static Path write(KitReport report, URI server, Path reportDir) {
        Counts counts = new Counts(report.passedCount(), report.failed().size(), report.expectedFailures().size(),
                report.passingExpectedFailures().size(), report.skippedCount());
        List<Scenario> scenarios = new ArrayList<>();
        for (ScenarioResult s : report.scenarios()) {
            scenarios.add(scenario(s));
        }
        for (ScenarioResult s : report.notRun()) {
            scenarios.add(scenario(s));
        }
        Path file = reportDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(reportDir);
            JSON.writeValue(file.toFile(), new Summary(KitVersion.get(), withoutCredentials(server), counts, scenarios));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private static Scenario scenario(ScenarioResult s) {
        return new Scenario(s.id(), s.name(), s.tags(), s.verdict().jsonName(), s.duration().toMillis(), s.location(),
                s.passed() ? null : s.failure(), s.expectedFailure());
    }

    /** The URL as a reader may see it: a user name and password, or a key in the query, are dropped. */
    static String withoutCredentials(URI server) {
        try {
            return new URI(server.getScheme(), null, server.getHost(), server.getPort(), server.getPath(), null, null)
                    .toString();
        } catch (URISyntaxException e) {
            return server.getScheme() + "://" + server.getHost();
        }
    }
}
