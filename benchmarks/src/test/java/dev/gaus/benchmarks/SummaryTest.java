package dev.gaus.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SummaryTest {
    @TempDir
    Path dir;

    private Path jmhFile(String file, String... entries) throws Exception {
        Path path = dir.resolve(file);
        Files.writeString(path, "[" + String.join(",", entries) + "]");
        return path;
    }

    private static String run(String benchmark, int threads, double score) {
        return String.format(Locale.ROOT, "{\"benchmark\":\"dev.gaus.benchmarks.%s\",\"threads\":%d,"
                + "\"primaryMetric\":{\"score\":%f,\"scoreError\":1.0,\"scoreUnit\":\"ops/ms\"}}",
                benchmark, threads, score);
    }

    @Test
    void ratiosAndTargets_comeFromOneRunsScores() throws Exception {
        Path credential = jmhFile("c.json",
                run("credential.CredentialBenchmark.generate", 1, 80),
                run("credential.CredentialBenchmark.baseline", 1, 100),
                run("credential.CredentialBenchmark.generate", 2, 60),
                run("credential.CredentialBenchmark.baseline", 2, 100));
        Path json = jmhFile("j.json",
                run("json.JsonBenchmark.decodeReport", 1, 45),
                run("json.JsonBenchmark.decodeReport_baseline", 1, 50),
                run("json.JsonBenchmark.decodeReport_databind", 1, 30));

        Summary summary = Summary.of(List.of(credential, json), null);

        assertThat(summary.ratios.get("credential generate/baseline@t1")).isEqualTo(0.8);
        assertThat(summary.ratios.get("credential generate/baseline@t2")).isEqualTo(0.6);
        assertThat(summary.ratios.get("credential generate t2/t1 (wall)")).isEqualTo(0.75);
        assertThat(summary.ratios.get("credential generate t2/t1")).isEqualTo(0.75);
        assertThat(summary.ratios.get("json decodeReport/baseline")).isEqualTo(0.9);
        assertThat(summary.ratios.get("json decodeReport/databind")).isEqualTo(1.5);
        assertThat(summary.checks).extracting(Summary.Check::what, Summary.Check::met).contains(
                Tuple.tuple("credential generate/baseline@t1", true),
                Tuple.tuple("credential generate/baseline@t2", false),
                Tuple.tuple("credential generate t2/t1 (wall)", false),
                Tuple.tuple("json decodeReport/baseline", true));
        assertThat(summary.markdown(null)).contains("| json decodeReport/baseline | 0.900 | >= 0.9 | met |");
    }

    private static String profiled(String benchmark, double[] scores, double[] cores) {
        return String.format(Locale.ROOT, "{\"benchmark\":\"dev.gaus.benchmarks.%s\",\"threads\":1,"
                + "\"primaryMetric\":{\"score\":%f,\"scoreError\":1.0,\"scoreUnit\":\"ops/ms\",\"rawData\":[%s]},"
                + "\"secondaryMetrics\":{\"\u00b7cpu.util\":{\"score\":%f,\"scoreUnit\":\"cores\",\"rawData\":[%s]}}}",
                benchmark, Arrays.stream(scores).average().orElseThrow(), Arrays.toString(scores),
                Arrays.stream(cores).average().orElseThrow(), Arrays.toString(cores));
    }

    @Test
    void ratios_compareThroughputPerCoreUsed_andListTheWallClockRatioBeside() throws Exception {
        // The codec got half a core in its first iteration (the machine was busy): per core it is
        // as fast as the baseline, per wall-clock second it looks 25% slower.
        Path json = jmhFile("j.json",
                profiled("json.JsonBenchmark.decodeReport", new double[] {20, 40}, new double[] {0.5, 1.0}),
                profiled("json.JsonBenchmark.decodeReport_baseline", new double[] {40, 40}, new double[] {1.0, 1.0}));

        Summary summary = Summary.of(List.of(json), null);

        assertThat(summary.ratios.get("json decodeReport/baseline")).isEqualTo(1.0);
        assertThat(summary.ratios.get("json decodeReport/baseline (wall)")).isEqualTo(0.75);
        assertThat(summary.scores.get("JsonBenchmark.decodeReport@t1").cores()).isEqualTo(0.75);
    }

    @Test
    void scorePerCore_isTheMedianOverIterations_soOneDisturbedIterationDoesNotDecide() throws Exception {
        var mapper = new ObjectMapper();
        // 100/1.0, 10/0.5 (disturbed beyond its CPU share), 90/1.0, 95/1.0, 50/0.5
        double perCore = Summary.perCore(mapper.readTree("[[100, 10, 90, 95, 50]]"),
                mapper.readTree("[[1.0, 0.5, 1.0, 1.0, 0.5]]"), -1);
        assertThat(perCore).isEqualTo(95.0);
    }

    @Test
    void compare_flagsOnlyRatiosThatMovedMoreThanTenPercent() throws Exception {
        Path json = jmhFile("j.json",
                run("json.JsonBenchmark.decodeReport", 1, 45),
                run("json.JsonBenchmark.decodeReport_baseline", 1, 50),
                run("json.JsonBenchmark.decodeRegisterRequest", 1, 70),
                run("json.JsonBenchmark.decodeRegisterRequest_baseline", 1, 100));
        Summary summary = Summary.of(List.of(json), null);
        var baseline = new ObjectMapper().readTree(
                "{\"ratios\":{\"json decodeReport/baseline\":0.95,\"json decodeRegisterRequest/baseline\":0.9,"
                + "\"json decodeReport/baseline (wall)\":0.5}}");

        summary.compareWith(baseline);

        assertThat(summary.moves).extracting(Summary.Move::ratio, Summary.Move::flagged).containsExactlyInAnyOrder(
                Tuple.tuple("json decodeReport/baseline", false),
                Tuple.tuple("json decodeRegisterRequest/baseline", true));
        assertThat(summary.markdown(dir.resolve("baseline.json"))).contains("MOVED > 10%");
    }

    @Test
    void commandLine_writesTheSummaryFiles_andRefusesAMissingOut() throws Exception {
        Path json = jmhFile("j.json", run("json.JsonBenchmark.decodeReport", 1, 45),
                run("json.JsonBenchmark.decodeReport_baseline", 1, 50));
        Path out = dir.resolve("out");
        CommandLine line = new CommandLine(new SummaryCommand());
        assertThat(line.execute("--jmh", json.toString(), "--out", out.toString())).isZero();
        assertThat(out.resolve("summary.md")).content().contains("decodeReport");
        assertThat(out.resolve("summary.json")).isNotEmptyFile();
        assertThat(out.resolve("summary.svg")).content().contains("<svg", "json decodeReport/baseline");
        assertThat(new CommandLine(new SummaryCommand()).execute("--jmh", json.toString())).isEqualTo(2);
    }

    @Test
    void wrkFigures_areJudgedOnTheDesignsServerTargets() throws Exception {
        Path json = jmhFile("j.json", run("json.JsonBenchmark.decodeReport", 1, 45),
                run("json.JsonBenchmark.decodeReport_baseline", 1, 50));
        Path wrk = dir.resolve("wrk.json");
        Files.writeString(wrk, "{\"tool\":\"wrk\",\"connections\":64,\"runs\":{\"register\":{\"requestsPerSecond\":9000,"
                + "\"p99Millis\":61.5,\"unexpectedStatuses\":0,\"socketErrors\":2}},"
                + "\"ratios\":{\"register\":0.41,\"authenticate\":0.55,\"poll304\":0.83}}");

        Summary summary = Summary.of(List.of(json), null, wrk);

        assertThat(summary.ratios).containsEntry("wrk register/health@64", 0.41);
        assertThat(summary.checks).extracting(Summary.Check::what, Summary.Check::met).contains(
                Tuple.tuple("wrk register/health@64", true),
                Tuple.tuple("wrk authenticate/health@64", false),
                Tuple.tuple("wrk poll304/health@64", true),
                Tuple.tuple("wrk register p99 ms@64", false),
                Tuple.tuple("wrk register errors@64", false));
    }

    @Test
    void downloadFigures_areJudgedPerProtocolAgainstNginx_andStracesVerdictIsATarget() throws Exception {
        Path json = jmhFile("j.json", run("json.JsonBenchmark.decodeReport", 1, 45),
                run("json.JsonBenchmark.decodeReport_baseline", 1, 50));
        Path downloads = dir.resolve("downloads.json");
        Files.writeString(downloads, "{\"tool\":\"wrk\",\"connections\":16,\"threads\":2,\"durationSeconds\":8,"
                + "\"fileBytes\":16777216,\"http\":{\"runs\":{\"nginx\":{\"megabytesPerSecond\":1600,\"errors\":0},"
                + "\"server\":{\"megabytesPerSecond\":1440,\"errors\":0}},\"ratio\":0.9},"
                + "\"https\":{\"runs\":{\"server\":{\"megabytesPerSecond\":500,\"errors\":3}},\"ratio\":0.55,"
                + "\"tls\":{\"server\":\"TLSv1.3 TLS_AES_128_GCM_SHA256\",\"nginx\":\"TLSv1.3 TLS_AES_128_GCM_SHA256\"}}}");
        Path strace = dir.resolve("fsync.json");
        Files.writeString(strace, "{\"tool\":\"strace\",\"passed\":false,\"verdict\":\"FAIL: answered first\"}");

        Summary summary = Summary.of(List.of(json), null, null, downloads, strace);

        assertThat(summary.ratios).containsEntry("downloads http server/nginx@16", 0.9)
                .containsEntry("downloads https server/nginx@16", 0.55);
        assertThat(summary.checks).extracting(Summary.Check::what, Summary.Check::met).contains(
                Tuple.tuple("downloads http server/nginx@16", true),
                Tuple.tuple("downloads http errors@16", true),
                Tuple.tuple("downloads https server/nginx@16", false),
                Tuple.tuple("downloads https errors@16", false),
                Tuple.tuple("strace register 200 after its WAL fsync", false));
        assertThat(summary.markdown(null)).contains("| http | server | 1440.0 |", "HTTPS negotiated: server TLSv1.3",
                "FAIL: answered first");
        assertThat(summary.json().path("downloads").path("https").has("server")).isTrue();
    }
}
