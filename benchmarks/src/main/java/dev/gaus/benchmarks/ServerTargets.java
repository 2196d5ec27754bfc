package dev.gaus.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gaus.benchmarks.Summary.Check;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The design's server targets, judged on the figures of tools nobody here wrote: wrk against the
 * same server's {@code /health} ({@code wrk/run-wrk.sh}), wrk on the server's {@code downloadUrl}
 * against nginx serving the same file ({@code wrk/run-downloads.sh}), and strace's view of the
 * order of the WAL's fsync and the registration's answer ({@code strace/check-fsync.sh}).
 */
final class ServerTargets {
    static final double WRK_REGISTER_TARGET = 0.35;
    static final double WRK_REGISTER_P99_MILLIS_TARGET = 50;
    static final double WRK_AUTHENTICATE_TARGET = 0.6;
    static final double WRK_POLL_304_TARGET = 0.8;
    /** Downloads of the same file, server over nginx, per protocol (design.md, "Performance targets"). */
    static final double DOWNLOAD_TARGET = 0.8;
    static final String[] PROTOCOLS = {"http", "https"};

    private ServerTargets() {}

    /** The ratios of {@code wrk.json} and the targets on them. */
    static void wrk(JsonNode wrk, Map<String, Double> ratios, List<Check> checks) {
        String at = "@" + wrk.path("connections").asInt();
        wrk.path("ratios").fields().forEachRemaining(e -> ratios.put("wrk " + e.getKey() + "/health" + at,
                e.getValue().asDouble()));
        atLeast(ratios, checks, "wrk register/health" + at, WRK_REGISTER_TARGET);
        atLeast(ratios, checks, "wrk authenticate/health" + at, WRK_AUTHENTICATE_TARGET);
        atLeast(ratios, checks, "wrk poll304/health" + at, WRK_POLL_304_TARGET);
        JsonNode register = wrk.path("runs").path("register");
        double p99 = register.path("p99Millis").asDouble();
        checks.add(new Check("wrk register p99 ms" + at, p99, "<=", WRK_REGISTER_P99_MILLIS_TARGET,
                p99 <= WRK_REGISTER_P99_MILLIS_TARGET));
        long errors = register.path("unexpectedStatuses").asLong() + register.path("socketErrors").asLong();
        checks.add(new Check("wrk register errors" + at, errors, "<=", 0, errors == 0));
    }

    /** The ratio name of one protocol's downloads in {@code downloads.json}. */
    static String downloadRatio(String protocol, JsonNode downloads) {
        return "downloads " + protocol + " server/nginx@" + downloads.path("connections").asInt();
    }

    /** Server over nginx for each protocol measured, each judged on its own, and the server's errors. */
    static void downloads(JsonNode downloads, Map<String, Double> ratios, List<Check> checks) {
        for (String protocol : PROTOCOLS) {
            JsonNode measured = downloads.path(protocol);
            if (!measured.has("ratio")) {
                continue;
            }
            String name = downloadRatio(protocol, downloads);
            ratios.put(name, measured.path("ratio").asDouble());
            atLeast(ratios, checks, name, DOWNLOAD_TARGET);
            long errors = measured.path("runs").path("server").path("errors").asLong();
            checks.add(new Check("downloads " + protocol + " errors@" + downloads.path("connections").asInt(), errors,
                    "<=", 0, errors == 0));
        }
    }

    /** strace's verdict on {@code /register}: the 200 left after the WAL's fsync, or not. */
    static void strace(JsonNode strace, List<Check> checks) {
        boolean passed = strace.path("passed").asBoolean();
        checks.add(new Check("strace register 200 after its WAL fsync", passed ? 1 : 0, ">=", 1, passed));
    }

    /** The downloads' table for {@code summary.md}: MB/s of each run and the ratio to nginx. */
    static String downloadsMarkdown(JsonNode downloads) {
        StringBuilder md = new StringBuilder();
        md.append("\n## Downloads (wrk ").append(downloads.path("wrkVersion").asText()).append(", ")
                .append(downloads.path("threads").asInt()).append(" threads, ")
                .append(downloads.path("connections").asInt()).append(" connections, ")
                .append(downloads.path("durationSeconds").asInt()).append(" s per run, a ")
                .append(downloads.path("fileBytes").asLong() / (1024 * 1024)).append(" MiB file; reference nginx ")
                .append(downloads.path("nginxVersion").asText()).append(" from disk)\n\n")
                .append("| protocol | run | MB/s | req/s | p99 ms | errors |\n|---|---|---:|---:|---:|---:|\n");
        StringBuilder tls = new StringBuilder();
        for (String protocol : PROTOCOLS) {
            JsonNode measured = downloads.path(protocol);
            measured.path("runs").fields().forEachRemaining(run -> md.append(String.format(Locale.ROOT,
                    "| %s | %s | %.1f | %.2f | %.1f | %d |%n", protocol, run.getKey(),
                    run.getValue().path("megabytesPerSecond").asDouble(),
                    run.getValue().path("requestsPerSecond").asDouble(), run.getValue().path("p99Millis").asDouble(),
                    run.getValue().path("errors").asLong())));
            if (measured.has("tls")) {
                tls.append(String.format(Locale.ROOT, " %s negotiated: server %s, nginx %s.", protocol.toUpperCase(Locale.ROOT),
                        measured.path("tls").path("server").asText(), measured.path("tls").path("nginx").asText()));
            }
        }
        return md.append("\nMB/s: 10^6 bytes read by wrk per second; the ratio is to the mean of the two nginx runs.")
                .append(tls).append('\n').toString();
    }

    private static void atLeast(Map<String, Double> ratios, List<Check> checks, String ratio, double target) {
        Double value = ratios.get(ratio);
        if (value != null) {
            checks.add(new Check(ratio, value, ">=", target, value >= target));
        }
    }
}
