package dev.gaus.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.conformance.fake.FakeGausServer;
import dev.gaus.conformance.internal.SummaryTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fake server is correct unless told otherwise, so the broken-server manifest means something. */
class FakeServerWithoutDefectsTest {

    @Test
    void kit_againstTheFakeServerWithoutDefects_passesEveryScenario() {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (FakeGausServer server = FakeGausServer.start(Set.of(), Duration.ofSeconds(2))) {
            KitReport report = ConformanceKit.run(new KitOptions(server.url(), server.productKeys())
                    .withTokenTtl(Duration.ofSeconds(2))
                    .withExpectedUpdates(FakeGausServer.OFFERED_TYPES, FakeGausServer.OFFERED_TO)
                    .withOut(new PrintStream(output, true, StandardCharsets.UTF_8)));
            SummaryTable.print(report, new PrintStream(output, true, StandardCharsets.UTF_8));
            assertThat(report.failed()).as(output.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(report.scenarios()).hasSizeGreaterThanOrEqualTo(30);
            // The manifest of broken servers names scenarios, so names must be unique.
            assertThat(report.scenarios()).extracting(ScenarioResult::name).doesNotHaveDuplicates();
            // Every scenario names the protocol.md section it checks.
            assertThat(report.scenarios()).extracting(ScenarioResult::name)
                    .allMatch(name -> name.matches("(§\\d )+.+|Decided here: .+"), "names a protocol.md section");
        }
    }

    /**
     * The scenarios outside the rate-limit feature must stay far below any server's limits, so
     * that running the kit again at once is never throttled.
     */
    @Test
    void scenariosBeforeTheRateLimit_makeAtMost16FailedAuthentications() {
        try (FakeGausServer server = FakeGausServer.start(Set.of())) {
            KitReport report = ConformanceKit.run(new KitOptions(server.url(), server.productKeys())
                    .withTags("not @rate-limit")
                    .withOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
            assertThat(report.allPassed()).isTrue();
            assertThat(server.failedAuthentications()).isBetween(1, 16);
        }
    }
}
