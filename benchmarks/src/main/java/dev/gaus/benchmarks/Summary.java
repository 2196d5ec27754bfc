package dev.gaus.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/**
 * Turns one run's results (JMH {@code -rf json} files, the load generator's JSON, and the figures
 * of the independent tools: wrk, wrk against nginx, strace; see {@link ServerTargets}) into the
 * ratios the design sets targets for, a {@code summary.json}, a {@code summary.md} and a
 * {@code summary.svg} (each ratio target as a bar, see {@link SummaryChart}); with {@code --compare}
 * it flags every ratio that moved more than 10% against a saved summary (the wall-clock twins of
 * per-core JMH ratios are shown but not compared).
 *
 * <p>Only ratios are compared and judged, never absolute scores: both sides of a ratio were
 * measured in the same run on the same (shared, noisy) machine, so most of the noise cancels.
 *
 * <pre>
 * java -cp benchmarks.jar dev.gaus.benchmarks.Summary --jmh credential-t1.json --jmh json.json ...
 *     [--load load.json] [--wrk wrk.json] [--downloads downloads.json] [--strace fsync.json]
 *     [--commands commands.txt] --out DIR [--compare baseline-summary.json] [--baseline summary.json]
 * </pre>
 * Exit status: 0, or 3 when a compared ratio moved more than 10%.
 */
public final class Summary {
    /** A ratio that moved by more than this fraction against the baseline is flagged. */
    static final double TOLERANCE = 0.10;
    /** Suffix of the wall-clock twin of a per-core JMH ratio. */
    static final String WALL = " (wall)";
    static final double GENERATE_RATIO_TARGET = 0.7;
    /** generate at 2 threads over 1 thread, per core and per second: below this, callers contend. */
    static final double SCALING_TARGET = 0.8;
    static final double JSON_RATIO_TARGET = 0.9;
    static final String[] JSON_OPERATIONS = {"decodeRegisterRequest", "encodeRegisterResponse",
        "decodeAuthenticateResponse", "decodeCheckForUpdates", "decodeReport"};

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One JMH score (ops/ms unless the unit says otherwise), the cores the benchmark JVM used
     * ({@link CpuTimeProfiler}; NaN when not profiled) and the score per core used, the median
     * over the iterations (equal to the score when not profiled).
     */
    record Score(double score, double error, String unit, double cores, double perCore) {}

    /** One target, met or not. */
    record Check(String what, double value, String comparison, double target, boolean met) {}

    /** A ratio that moved against the baseline. */
    record Move(String ratio, double baseline, double current, double change, boolean flagged) {}

    final Map<String, Score> scores = new LinkedHashMap<>();
    final Map<String, Double> ratios = new LinkedHashMap<>();
    final List<Check> checks = new ArrayList<>();
    final List<Move> moves = new ArrayList<>();
    JsonNode load;
    JsonNode wrk;
    JsonNode downloads;
    JsonNode strace;
    /** The saved summary whose values {@code summary.svg} marks; the compared one when not set. */
    Path chartBaseline;
    String machine = machine();
    String commands = "";

    public static void main(String[] args) {
        System.exit(new CommandLine(new SummaryCommand()).execute(args));
    }

    /**
     * Compares the ratios with {@code baseline} when given, and writes {@code summary.md},
     * {@code summary.json} and {@code summary.svg} into {@code out}; returns the markdown.
     */
    String writeTo(Path out, Path baseline) throws IOException {
        if (baseline != null) {
            compareWith(MAPPER.readTree(baseline.toFile()));
        }
        Files.createDirectories(out);
        String markdown = markdown(baseline);
        Files.writeString(out.resolve("summary.md"), markdown, StandardCharsets.UTF_8);
        MAPPER.writeValue(out.resolve("summary.json").toFile(), json());
        SummaryChart.write(out.resolve("summary.svg"), checks, ratios.keySet(),
                chartBaseline != null ? chartBaseline : baseline);
        return markdown;
    }

    /** Reads a JMH JSON result file; keys are {@code Class.method@t<threads>}. */
    void addJmh(Path file) throws IOException {
        for (JsonNode run : MAPPER.readTree(file.toFile())) {
            String benchmark = run.get("benchmark").asText();
            String[] parts = benchmark.split("\\.");
            String key = parts[parts.length - 2] + "." + parts[parts.length - 1] + "@t" + run.get("threads").asInt();
            JsonNode primary = run.get("primaryMetric");
            double score = primary.get("score").asDouble();
            double cores = Double.NaN;
            double perCore = score;
            JsonNode util = null;
            for (var e = run.path("secondaryMetrics").fields(); e.hasNext(); ) {
                var metric = e.next();
                if (metric.getKey().endsWith(CpuTimeProfiler.LABEL)) {
                    util = metric.getValue();
                }
            }
            if (util != null) {
                cores = util.get("score").asDouble();
                perCore = perCore(primary.path("rawData"), util.path("rawData"), score / cores);
            }
            scores.put(key, new Score(score, primary.path("scoreError").asDouble(Double.NaN),
                    primary.get("scoreUnit").asText(), cores, perCore));
        }
    }

    /**
     * The median over iterations of score / cores: each iteration is judged by the CPU it got, and
     * an iteration that a neighbour disturbed beyond that (it happens: caches, memory bandwidth,
     * the JIT's own threads) does not move the figure the way it would move a mean.
     */
    static double perCore(JsonNode scoreForks, JsonNode coreForks, double fallback) {
        List<Double> values = new ArrayList<>();
        for (int fork = 0; fork < scoreForks.size(); fork++) {
            JsonNode iterationScores = scoreForks.get(fork);
            JsonNode iterationCores = coreForks.path(fork);
            for (int i = 0; i < iterationScores.size(); i++) {
                double cores = iterationCores.path(i).asDouble(0);
                if (cores <= 0) {
                    return fallback;
                }
                values.add(iterationScores.get(i).asDouble() / cores);
            }
        }
        if (values.isEmpty()) {
            return fallback;
        }
        values.sort(null);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }

    void addLoad(Path file) throws IOException {
        load = MAPPER.readTree(file.toFile());
    }

    /** Reads the {@code wrk.json} of {@code wrk/run-wrk.sh}. */
    void addWrk(Path file) throws IOException {
        wrk = MAPPER.readTree(file.toFile());
    }

    /** Reads the {@code downloads.json} of {@code wrk/run-downloads.sh}. */
    void addDownloads(Path file) throws IOException {
        downloads = MAPPER.readTree(file.toFile());
    }

    /** Reads the {@code fsync.json} of {@code strace/check-fsync.sh}. */
    void addStrace(Path file) throws IOException {
        strace = MAPPER.readTree(file.toFile());
    }

    void computeRatios() {
        for (int threads : new int[] {1, 2}) {
            ratio("credential generate/baseline@t" + threads,
                    "CredentialBenchmark.generate@t" + threads, "CredentialBenchmark.baseline@t" + threads);
        }
        for (String variant : new String[] {"generate", "baseline", "nativePrngShared", "nativePrngPerThread",
            "drbgShared", "drbgPerThread"}) {
            ratio("credential " + variant + " t2/t1",
                    "CredentialBenchmark." + variant + "@t2", "CredentialBenchmark." + variant + "@t1");
        }
        ratio("credential hexTable/hexFormat@t1", "CredentialBenchmark.hexTable@t1", "CredentialBenchmark.hexFormat@t1");
        ratio("credential hexTable/hexBigInteger@t1",
                "CredentialBenchmark.hexTable@t1", "CredentialBenchmark.hexBigInteger@t1");
        for (String op : JSON_OPERATIONS) {
            ratio("json " + op + "/baseline", "JsonBenchmark." + op + "@t1", "JsonBenchmark." + op + "_baseline@t1");
            ratio("json " + op + "/databind", "JsonBenchmark." + op + "@t1", "JsonBenchmark." + op + "_databind@t1");
        }
        ratio("jwt issueHs256/issueEs256", "JwtBenchmark.issueHs256@t1", "JwtBenchmark.issueEs256@t1");
        ratio("jwt verifyHs256/verifyEs256", "JwtBenchmark.verifyHs256@t1", "JwtBenchmark.verifyEs256@t1");

        for (int threads : new int[] {1, 2}) {
            atLeast("credential generate/baseline@t" + threads, GENERATE_RATIO_TARGET);
        }
        // A source behind a lock shows at 2 threads either as less work per core (threads spin on
        // the lock) or as less work per second (threads park); generate must show neither.
        atLeast("credential generate t2/t1", SCALING_TARGET);
        atLeast("credential generate t2/t1" + WALL, SCALING_TARGET);
        for (String op : JSON_OPERATIONS) {
            atLeast("json " + op + "/baseline", JSON_RATIO_TARGET);
        }
        if (wrk != null) {
            ServerTargets.wrk(wrk, ratios, checks);
        }
        if (downloads != null) {
            ServerTargets.downloads(downloads, ratios, checks);
        }
        if (strace != null) {
            ServerTargets.strace(strace, checks);
        }
        if (load != null) {
            load.path("ratios").fields().forEachRemaining(e -> ratios.put("load " + e.getKey(), e.getValue().asDouble()));
            for (JsonNode check : load.path("checks")) {
                checks.add(new Check("load " + check.get("what").asText(), check.get("value").asDouble(),
                        check.get("comparison").asText(), check.get("target").asDouble(), check.get("met").asBoolean()));
            }
        }
    }

    /**
     * The ratio of two scores per core used (see {@link CpuTimeProfiler}) and, under
     * {@code "<name> (wall)"}, per wall-clock time.
     */
    private void ratio(String name, String numerator, String denominator) {
        Score top = scores.get(numerator);
        Score bottom = scores.get(denominator);
        if (top != null && bottom != null && bottom.score() > 0 && bottom.perCore() > 0) {
            ratios.put(name, top.perCore() / bottom.perCore());
            ratios.put(name + WALL, top.score() / bottom.score());
        }
    }

    private void atLeast(String ratio, double target) {
        Double value = ratios.get(ratio);
        if (value != null) {
            checks.add(new Check(ratio, value, ">=", target, value >= target));
        }
    }

    void compareWith(JsonNode baseline) {
        JsonNode saved = baseline.path("ratios");
        for (Map.Entry<String, Double> ratio : ratios.entrySet()) {
            if (ratio.getKey().endsWith(WALL)) {
                // Listed for reference only: on a shared machine they move by more than the
                // tolerance between two runs of the same code.
                continue;
            }
            JsonNode before = saved.get(ratio.getKey());
            if (before == null || before.asDouble() == 0) {
                continue;
            }
            double change = ratio.getValue() / before.asDouble() - 1;
            moves.add(new Move(ratio.getKey(), before.asDouble(), ratio.getValue(), change,
                    Math.abs(change) > TOLERANCE));
        }
    }

    ObjectNode json() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("generated", Instant.now().toString());
        root.put("machine", machine);
        ObjectNode ratioNode = root.putObject("ratios");
        ratios.forEach(ratioNode::put);
        root.set("checks", MAPPER.valueToTree(checks));
        if (!moves.isEmpty()) {
            root.set("comparison", MAPPER.valueToTree(moves));
        }
        ObjectNode scoreNode = root.putObject("scores");
        scores.forEach((k, v) -> scoreNode.set(k, MAPPER.valueToTree(v)));
        if (load != null) {
            root.set("load", load.path("results").deepCopy());
        }
        if (wrk != null) {
            root.set("wrk", wrk.path("runs").deepCopy());
        }
        if (downloads != null) {
            ObjectNode runs = root.putObject("downloads");
            for (String protocol : ServerTargets.PROTOCOLS) {
                if (downloads.path(protocol).has("runs")) {
                    runs.set(protocol, downloads.path(protocol).path("runs").deepCopy());
                }
            }
        }
        if (strace != null) {
            root.put("strace", strace.path("verdict").asText());
        }
        return root;
    }

    String markdown(Path compare) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark summary\n\n")
                .append("Machine: ").append(machine).append(". Every ratio below was measured in one run; ")
                .append("absolute figures vary with whatever else runs on the machine. JMH ratios compare ")
                .append("throughput per core the benchmark JVM actually got (see CpuTimeProfiler); ")
                .append("the same ratio per wall-clock time is listed as \"(wall)\".\n\n");
        md.append("## Targets\n\n| what | value | target | |\n|---|---:|---|---|\n");
        for (Check c : checks) {
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %s %s | %s |%n", c.what(), c.value(),
                    c.comparison(), trim(c.target()), c.met() ? "met" : "**NOT MET**"));
        }
        if (compare != null) {
            md.append("\n## Compared with ").append(compare.getFileName()).append("\n\n");
            md.append("| ratio | baseline | now | change | |\n|---|---:|---:|---:|---|\n");
            for (Move m : moves) {
                md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %+.1f%% | %s |%n", m.ratio(),
                        m.baseline(), m.current(), 100 * m.change(), m.flagged() ? "**MOVED > 10%**" : ""));
            }
        }
        md.append("\n## Ratios\n\n| ratio | value |\n|---|---:|\n");
        ratios.forEach((k, v) -> md.append(String.format(Locale.ROOT, "| %s | %.3f |%n", k, v)));
        md.append("\n## JMH scores\n\n| benchmark | threads | score | ± | unit | cores used | score per core |\n")
                .append("|---|---:|---:|---:|---|---:|---:|\n");
        scores.forEach((k, v) -> {
            int at = k.lastIndexOf("@t");
            md.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %s | %.2f | %.3f |%n", k.substring(0, at),
                    k.substring(at + 2), v.score(), v.error(), v.unit(), v.cores(), v.perCore()));
        });
        if (load != null) {
            md.append("\n## Server load (").append(load.path("client").asText()).append(" client, ")
                    .append(load.path("server").asText()).append(", ")
                    .append(trim(load.path("durationSeconds").asDouble())).append(" s per run after ")
                    .append(trim(load.path("warmupSeconds").asDouble())).append(" s warm-up)\n\n")
                    .append("| scenario | connections | req/s | p50 ms | p99 ms | max ms | errors | cores used | CPU µs/req |\n")
                    .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (JsonNode r : load.path("results")) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f | %.2f | %d | %.2f | %.1f |%n",
                        r.get("scenario").asText(), r.get("connections").asInt(), r.get("requestsPerSecond").asDouble(),
                        r.get("p50Millis").asDouble(), r.get("p99Millis").asDouble(), r.get("maxMillis").asDouble(),
                        r.get("errors").asLong(), r.path("cores").asDouble(Double.NaN),
                        r.path("cpuMicrosPerRequest").asDouble(Double.NaN)));
            }
            md.append("\nCPU µs/req is the CPU time of the whole JVM (server and load generator) per request; ")
                    .append("\"X/health cpu\" ratios are the rate ratios CPU cost alone would allow.\n");
        }
        if (downloads != null) {
            md.append(ServerTargets.downloadsMarkdown(downloads));
        }
        if (strace != null) {
            md.append("\n## Durability seen with strace\n\n").append(strace.path("verdict").asText()).append('\n');
        }
        if (!commands.isBlank()) {
            md.append("\n## Commands\n\n```\n").append(commands.strip()).append("\n```\n");
        }
        return md.toString();
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** The machine as the results name it: cores, Java version, operating system. */
    public static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }

    /** For tests: the summary of the given results. */
    static Summary of(List<Path> jmh, Path loadFile) throws IOException {
        return of(jmh, loadFile, null);
    }

    static Summary of(List<Path> jmh, Path loadFile, Path wrkFile) throws IOException {
        return of(jmh, loadFile, wrkFile, null, null);
    }

    static Summary of(List<Path> jmh, Path loadFile, Path wrkFile, Path downloadsFile, Path straceFile)
            throws IOException {
        Summary summary = new Summary();
        for (Path p : jmh) {
            summary.addJmh(p);
        }
        if (loadFile != null) {
            summary.addLoad(loadFile);
        }
        if (wrkFile != null) {
            summary.addWrk(wrkFile);
        }
        if (downloadsFile != null) {
            summary.addDownloads(downloadsFile);
        }
        if (straceFile != null) {
            summary.addStrace(straceFile);
        }
        summary.computeRatios();
        return summary;
    }
}
