package dev.gaus.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gaus.conformance.fake.Defect;
import dev.gaus.conformance.fake.FakeGausServer;
import dev.gaus.conformance.internal.ScenarioCatalog;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar gaus-conformance.jar} as a user runs it: the shaded jar finds its engine, features and glue. */
class RunnerJarIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Run(int exitCode, String output) {}

    private Run runJar(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("gaus.conformance.jar")));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private Run runJarAgainst(FakeGausServer server, String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("--server", server.url().toString(),
                "--product-access-key", server.productKeys().accessKey(),
                "--product-secret-key", server.productKeys().secretKey()));
        all.addAll(List.of(args));
        return runJar(all.toArray(String[]::new));
    }

    @Test
    void jar_againstAConformingServer_runsTheCoreScenariosAndExits0_andWritesSummaryJson() throws Exception {
        try (FakeGausServer server = FakeGausServer.start(Set.of())) {
            Run run = runJarAgainst(server, "--tags", "not @strict");

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).containsPattern("\\d+ scenarios: \\d+ passed, 0 failed");
            assertThat(run.output()).doesNotContain(server.productKeys().secretKey());
            Path reports = dir.resolve("gaus-conformance-report");
            assertThat(Files.readString(reports.resolve("cucumber-junit.xml"))).contains("failures=\"0\"");

            String text = Files.readString(reports.resolve("summary.json"));
            assertThat(text).doesNotContain(server.productKeys().secretKey(), server.productKeys().accessKey());
            JsonNode summary = JSON.readTree(text);
            assertThat(summary.path("kitVersion").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
            assertThat(summary.path("server").asText()).isEqualTo(server.url().toString());
            JsonNode counts = summary.path("counts");
            int catalog = ScenarioCatalog.ofKit().entries().size();
            assertThat(counts.path("failed").asInt()).isZero();
            assertThat(counts.path("expectedFailures").asInt()).isZero();
            assertThat(counts.path("passingExpectedFailures").asInt()).isZero();
            assertThat(counts.path("passed").asInt()).isPositive();
            assertThat(counts.path("passed").asInt() + counts.path("skipped").asInt()).isEqualTo(catalog);
            assertThat(summary.path("scenarios")).hasSize(catalog);
            JsonNode first = summary.path("scenarios").get(0);
            assertThat(first.path("id").asText()).isEqualTo("register-answer");
            assertThat(first.path("title").asText()).startsWith("§1 ");
            assertThat(first.path("status").asText()).isEqualTo("passed");
            assertThat(first.path("durationMillis").isIntegralNumber()).isTrue();
            assertThat(first.path("tags").isArray()).isTrue();
            assertThat(statuses(summary).get("register-400-not-json")).as("a @strict scenario").isEqualTo("skipped");
        }
    }

    @Test
    void jar_list_printsTheIdTagsAndTitleOfEveryScenario_withoutAServer() throws Exception {
        Run run = runJar("--list");

        assertThat(run.exitCode()).as(run.output()).isZero();
        List<ScenarioCatalog.Entry> entries = ScenarioCatalog.ofKit().entries();
        assertThat(run.output().lines().toList()).hasSize(entries.size() + 2)
                .first().asString().matches("id +tags +title");
        assertThat(run.output()).contains(entries.size() + " scenarios");
        for (ScenarioCatalog.Entry e : entries) {
            assertThat(run.output()).containsPattern("(?m)^" + e.id() + " +" + String.join(" ", e.tags()) + " +"
                    + java.util.regex.Pattern.quote(e.title()) + "$");
        }
    }

    @Test
    void jar_listWithTags_listsOnlyTheSelectedScenarios() throws Exception {
        Run run = runJar("--list", "--tags", "@rate-limit or @id:register-malformed");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("rate-limit-guessing", "register-malformed-not-json", "15 scenarios")
                .doesNotContain("register-answer ");
    }

    @Test
    void jar_withExpectedFailures_passesTheRunAndTellsWhichListedScenariosPassNow() throws Exception {
        Path expected = Files.writeString(dir.resolve("expected-failures.txt"), """
                # Known problems of this server
                register-answer   # sends no pollIntervalSeconds yet

                register-unique-keys   # fixed since, as the run will tell
                """);
        try (FakeGausServer server = FakeGausServer.start(Set.of(Defect.POLL_INTERVAL_MISSING))) {
            String tags = "@id:register-answer or @id:register-unique-keys";
            Run without = runJarAgainst(server, "--tags", tags, "--report-dir", "without");
            Run run = runJarAgainst(server, "--tags", tags, "--expected-failures", expected.toString());

            assertThat(without.exitCode()).as(without.output()).isEqualTo(1);
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).contains("register-unique-keys passes now: remove it from the expected failures",
                    "register-answer (sends no pollIntervalSeconds yet): expected \"pollIntervalSeconds\"",
                    "2 scenarios: 0 passed, 0 failed, 1 expected to fail, 1 expected to fail but passing now");

            JsonNode summary = JSON.readTree(dir.resolve("gaus-conformance-report/summary.json").toFile());
            JsonNode counts = summary.path("counts");
            assertThat(counts.path("passed").asInt()).isZero();
            assertThat(counts.path("failed").asInt()).isZero();
            assertThat(counts.path("expectedFailures").asInt()).isEqualTo(1);
            assertThat(counts.path("passingExpectedFailures").asInt()).isEqualTo(1);
            assertThat(counts.path("skipped").asInt()).isEqualTo(ScenarioCatalog.ofKit().entries().size() - 2);
            assertThat(statuses(summary)).containsEntry("register-answer", "expectedFailure")
                    .containsEntry("register-unique-keys", "passingExpectedFailure");
            JsonNode answer = summary.path("scenarios").get(0);
            assertThat(answer.path("expectedFailureReason").asText()).isEqualTo("sends no pollIntervalSeconds yet");
            assertThat(answer.path("failure").asText()).contains("pollIntervalSeconds");
        }
    }

    @Test
    void jar_withAnExpectedFailureThatNamesNoScenario_exits2WithOneLine_beforeContactingTheServer() throws Exception {
        Path expected = Files.writeString(dir.resolve("expected-failures.txt"), "register-answer\nno-such-scenario # typo\n");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Run run = runJar("--server", "http://127.0.0.1:" + port, "--product-access-key", "a",
                "--product-secret-key", "s", "--expected-failures", expected.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output().strip().lines()).hasSize(1);
        assertThat(run.output()).startsWith("gaus-conformance: the expected failures name an ID that no scenario has: "
                + "no-such-scenario");
    }

    @Test
    void jar_withoutArguments_exits2() throws Exception {
        Run run = runJar();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("no server given");
    }

    private static Map<String, String> statuses(JsonNode summary) {
        Map<String, String> statuses = new TreeMap<>();
        summary.path("scenarios").forEach(s -> statuses.put(s.path("id").asText(), s.path("status").asText()));
        return statuses;
    }
}
