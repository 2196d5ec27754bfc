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
            // The manifest of broken servers names scenarios by ID; titles stay unique for their readers.
            assertThat(report.scenarios()).extracting(ScenarioResult::id).doesNotHaveDuplicates();
            assertThat(report.scenarios()).extracting(ScenarioResult::name).doesNotHaveDuplicates();
            // Every scenario names the protocol.md section it checks.
            assertThat(report.scenarios()).extracting(ScenarioResult::name)
                    .allMatch(name -> name.matches("(§\\d )+.+|Decided here: .+"), "names a protocol.md section");
        }
    }

    /**
     * The scenarios outside the rate-limit feature must stay far below any server's throttling
     * limits, however often the kit is run: few distinct failed access keys per run (spraying),
     * and the same few wrong product secrets every run (guessing the product key).
     */
    @Test
    void scenariosOutsideTheRateLimit_failWithFewKeys_andTheSameProductSecretsEveryRun() {
        try (FakeGausServer server = FakeGausServer.start(Set.of())) {
            KitOptions options = new KitOptions(server.url(), server.productKeys()).withTags("not @rate-limit")
                    .withOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertThat(ConformanceKit.run(options).allPassed()).isTrue();
            int keysAfterOneRun = server.failedAccessKeys().size();
            int productSecretsAfterOneRun = server.wrongProductSecrets();
            assertThat(server.failedAuthentications()).isPositive();
            assertThat(keysAfterOneRun).as("distinct failed access keys of one run").isBetween(1, 12);
            assertThat(productSecretsAfterOneRun).as("distinct wrong product secrets").isBetween(1, 8);

            assertThat(ConformanceKit.run(options).allPassed()).isTrue();
            assertThat(server.wrongProductSecrets()).as("a second run adds no wrong product secret")
                    .isEqualTo(productSecretsAfterOneRun);
            assertThat(server.failedAccessKeys().size() - keysAfterOneRun).as("keys a second run adds")
                    .isLessThanOrEqualTo(keysAfterOneRun);
        }
    }
}
