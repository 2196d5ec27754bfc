package dev.gaus.benchmarks.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A very short load run on the real reference server: every scenario answers as expected. */
class LoadGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void run_onTheInProcessServer_measuresEveryScenarioWithoutErrors() throws Exception {
        Path out = dir.resolve("load.json");
        LoadGenerator.Options options = LoadGenerator.Options.parse(
                "--connections", "1,2", "--warmup", "0.2", "--duration", "0.4", "--out", out.toString());
        ByteArrayOutputStream log = new ByteArrayOutputStream();

        LoadReport report = LoadGenerator.run(options, new PrintStream(log, true, StandardCharsets.UTF_8));
        LoadGenerator.write(report, out);

        assertThat(report.results()).extracting(LoadResult::scenario).containsExactly(
                "health", "register", "authenticate", "poll304", "health-after",
                "health", "register", "authenticate", "poll304", "health-after");
        for (LoadResult result : report.results()) {
            assertThat(result.errors()).as(result.scenario() + " " + result.firstError()).isZero();
            assertThat(result.requests()).as(result.scenario()).isPositive();
            assertThat(result.p99Millis()).isGreaterThanOrEqualTo(result.p50Millis());
        }
        assertThat(report.ratios()).containsKeys("register/health@1", "authenticate/health@2", "poll304/health@2");
        assertThat(report.checks()).extracting(LoadReport.Check::what)
                .contains("register/health@2", "register p99 ms@2", "authenticate/health@2", "poll304/health@2");
        assertThat(out).isNotEmptyFile();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("warm-up").contains("poll304");
    }

    @Test
    void ratios_takeHealthAsTheMeanOfItsRunsBeforeAndAfter() {
        List<LoadResult> results = List.of(
                result("health", 64, 30_000, 50), result("register", 64, 5_000, 250),
                result("health-after", 64, 20_000, 70));

        Map<String, Double> ratios = LoadGenerator.ratios(results, true);

        assertThat(ratios).containsOnlyKeys("register/health@64", "register/health cpu@64");
        assertThat(ratios.get("register/health@64")).isEqualTo(0.2);
        assertThat(ratios.get("register/health cpu@64")).isEqualTo(0.24);
        assertThat(LoadGenerator.ratios(results, false)).containsOnlyKeys("register/health@64");
    }

    private static LoadResult result(String scenario, int connections, double rate, double cpuMicros) {
        return new LoadResult(scenario, connections, 1, (long) rate, 0, rate, 1, 2, 3, rate * cpuMicros / 1e6,
                cpuMicros, null);
    }

    @Test
    void options_refuseAnUnknownClientAndRatiosWithoutHealth() {
        assertThatThrownBy(() -> LoadGenerator.Options.parse("--client", "curl"))
                .hasMessageContaining("socket or httpclient");
        assertThatThrownBy(() -> LoadGenerator.Options.parse("--scenarios", "register"))
                .hasMessageContaining("health");
        assertThatThrownBy(() -> LoadGenerator.Options.parse("--conections", "4"))
                .hasMessageContaining("--conections");
        assertThatThrownBy(() -> LoadGenerator.Options.parse("--duration", "soon"))
                .hasMessageContaining("--duration");
        assertThatThrownBy(() -> LoadGenerator.Options.parse("--url", "http://127.0.0.1:8080"))
                .hasMessageContaining("--bootstrap");
    }

    @Test
    void options_readListsAndSecondsAndKeepTheDefaults() {
        LoadGenerator.Options options = LoadGenerator.Options.parse("--connections", "4,8", "--warmup", "0.5");
        assertThat(options.connections()).containsExactly(4, 8);
        assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.scenarios()).containsExactly("health", "register", "authenticate", "poll304");
        assertThat(options.client()).isEqualTo("socket");
        assertThatThrownBy(() -> LoadGenerator.Options.parse("--help")).hasMessageContaining("--connections");
    }
}
