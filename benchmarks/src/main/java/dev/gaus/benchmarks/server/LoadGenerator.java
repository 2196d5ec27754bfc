package dev.gaus.benchmarks.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gaus.benchmarks.Summary;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Load on the reference server: {@code /health}, durable registrations, authentications and
 * check-for-updates answered 304, each at 1, 16 and 64 keep-alive connections; requests/s, p50,
 * p99 and errors per run, and each rate over {@code /health}'s at the same connection count,
 * checked against the design's targets.
 *
 * <p>By default it starts the reference server in this JVM on a fresh embedded store in a temporary
 * directory; {@code --url} and {@code --bootstrap} point it at a running server instead. Every
 * request goes to that one server (loopback by default), and every run stops by itself.
 *
 * <pre>
 * java -cp benchmarks.jar dev.gaus.benchmarks.server.LoadGenerator [--connections 1,16,64]
 *     [--scenarios health,register,authenticate,poll304] [--warmup 2] [--duration 5]
 *     [--client socket|httpclient] [--out load.json] [--url URL --bootstrap FILE]
 * </pre>
 */
public final class LoadGenerator {
    static final double REGISTER_RATIO_TARGET = 0.35;
    static final double REGISTER_P99_MILLIS_TARGET = 50;
    static final double AUTHENTICATE_RATIO_TARGET = 0.5;
    static final double POLL_304_RATIO_TARGET = 0.6;
    static final int TARGET_CONNECTIONS = 64;
    static final int WARM_UP_CONNECTIONS = 16;

    private LoadGenerator() {}

    /** The options of one run; read from the command line by {@link LoadCommand}. */
    record Options(List<Integer> connections, List<String> scenarios, Duration warmup, Duration duration,
                   String client, Path out, URI url, Path bootstrap) {

        Options {
            if (!client.equals("socket") && !client.equals("httpclient")) {
                throw new IllegalArgumentException("--client is socket or httpclient");
            }
            if ((url == null) != (bootstrap == null)) {
                throw new IllegalArgumentException("--url and --bootstrap go together");
            }
            if (!scenarios.contains(Scenario.HEALTH)) {
                throw new IllegalArgumentException("the scenarios must include health: every ratio is taken to it");
            }
        }

        /** @throws IllegalArgumentException naming the option that is wrong */
        static Options parse(String... args) {
            return LoadCommand.parse(args);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (LoadCommand.HelpRequested e) {
            System.out.print(e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("load generator: " + e.getMessage());
            System.exit(2);
            return;
        }
        LoadReport report = run(options, System.out);
        if (options.out() != null) {
            write(report, options.out());
        }
    }

    /** Runs every scenario at every connection count, printing one line per run to {@code log}. */
    static LoadReport run(Options options, PrintStream log) throws Exception {
        Path dataDir = null;
        ServerUnderTest server;
        if (options.url() != null) {
            server = ServerUnderTest.external(options.url(), options.bootstrap());
        } else {
            dataDir = Files.createTempDirectory("gaus-load-");
            server = InProcessServer.start(dataDir);
        }
        try (server) {
            HttpClient shared = options.client().equals("httpclient") ? JdkHttpConnection.newClient() : null;
            URI base = server.url();
            Supplier<HttpConnection> connections = shared != null
                    ? () -> new JdkHttpConnection(shared, base)
                    : () -> new SocketHttpConnection(base);
            warmUp(options, server, connections, log);
            List<LoadResult> results = new ArrayList<>();
            log.printf(Locale.ROOT, "%-13s %5s %10s %9s %9s %9s %7s %6s %8s%n",
                    "scenario", "conns", "req/s", "p50 ms", "p99 ms", "max ms", "errors", "cores", "cpu us/req");
            for (int count : options.connections()) {
                // /health runs before and after the other scenarios; the ratios take the mean of
                // the two, so a machine that got busier or quieter meanwhile skews them less.
                List<String> order = new ArrayList<>(options.scenarios());
                order.add(Scenario.HEALTH_AFTER);
                for (String name : order) {
                    Scenario scenario = Scenario.named(name, server.product());
                    LoadResult result = new LoadRun(scenario, count, connections, options.warmup(),
                            options.duration()).run();
                    results.add(result);
                    log.printf(Locale.ROOT, "%-13s %5d %10.0f %9.2f %9.2f %9.2f %7d %6.2f %8.1f%s%n",
                            name, count, result.requestsPerSecond(), result.p50Millis(), result.p99Millis(),
                            result.maxMillis(), result.errors(), result.cores(), result.cpuMicrosPerRequest(),
                            result.firstError() == null ? "" : "  first error: " + result.firstError());
                }
            }
            // With a server in another process, this JVM's CPU is only the client's.
            Map<String, Double> ratios = ratios(results, options.url() == null);
            List<LoadReport.Check> checks = checks(results, ratios);
            for (LoadReport.Check check : checks) {
                log.printf(Locale.ROOT, "%-40s %8.3f %s %-6s %s%n", check.what(), check.value(), check.comparison(),
                        check.target(), check.met() ? "met" : "NOT MET");
            }
            return new LoadReport(options.client(), options.url() == null ? "in-process, embedded store" : base.toString(),
                    Summary.machine(), options.warmup().toMillis() / 1000.0, options.duration().toMillis() / 1000.0,
                    results, ratios, checks);
        } finally {
            if (dataDir != null) {
                deleteTree(dataDir);
            }
        }
    }

    /**
     * One unmeasured pass over every scenario before the measured runs, so the server's hot paths
     * are compiled before the first of them (otherwise {@code /health}, measured first, would pay
     * for the warm-up and flatter every ratio).
     */
    private static void warmUp(Options options, ServerUnderTest server, Supplier<HttpConnection> connections,
            PrintStream log) throws InterruptedException {
        if (options.warmup().isZero()) {
            return;
        }
        int count = Math.min(WARM_UP_CONNECTIONS, options.connections().stream().mapToInt(i -> i).max().orElse(1));
        long errors = 0;
        for (String name : options.scenarios()) {
            errors += new LoadRun(Scenario.named(name, server.product()), count, connections, Duration.ZERO,
                    options.warmup()).run().errors();
        }
        log.printf(Locale.ROOT, "warm-up: every scenario for %.1f s at %d connections, %d errors%n",
                options.warmup().toMillis() / 1000.0, count, errors);
    }

    /**
     * Each scenario's rate over {@code /health}'s at the same connection count, {@code /health}
     * being the mean of its runs before and after the others (rates and CPU per request alike).
     */
    static Map<String, Double> ratios(List<LoadResult> results, boolean withCpu) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (int count : results.stream().mapToInt(LoadResult::connections).distinct().toArray()) {
            List<LoadResult> health = results.stream()
                    .filter(r -> r.connections() == count && isHealth(r)).toList();
            double healthRate = health.stream().mapToDouble(LoadResult::requestsPerSecond).average().orElse(0);
            double healthCpu = health.stream().mapToDouble(LoadResult::cpuMicrosPerRequest).average().orElse(0);
            if (healthRate == 0) {
                continue;
            }
            for (LoadResult other : results) {
                if (other.connections() != count || isHealth(other)) {
                    continue;
                }
                ratios.put(other.scenario() + "/health@" + count, other.requestsPerSecond() / healthRate);
                // The ratio CPU alone would allow: health's CPU per request over this one's.
                if (withCpu && other.cpuMicrosPerRequest() > 0 && healthCpu > 0) {
                    ratios.put(other.scenario() + "/health cpu@" + count, healthCpu / other.cpuMicrosPerRequest());
                }
            }
        }
        return ratios;
    }

    private static boolean isHealth(LoadResult result) {
        return result.scenario().equals(Scenario.HEALTH) || result.scenario().equals(Scenario.HEALTH_AFTER);
    }

    /** The design's targets, judged at 64 connections (or the highest count measured). */
    static List<LoadReport.Check> checks(List<LoadResult> results, Map<String, Double> ratios) {
        int at = results.stream().mapToInt(LoadResult::connections).max().orElse(TARGET_CONNECTIONS);
        List<LoadReport.Check> checks = new ArrayList<>();
        Double register = ratios.get(Scenario.REGISTER + "/health@" + at);
        if (register != null) {
            checks.add(LoadReport.Check.atLeast("register/health@" + at, register, REGISTER_RATIO_TARGET));
            LoadResult r = find(results, Scenario.REGISTER, at);
            checks.add(LoadReport.Check.atMost("register p99 ms@" + at, r.p99Millis(), REGISTER_P99_MILLIS_TARGET));
            checks.add(LoadReport.Check.atMost("register errors@" + at, r.errors(), 0));
        }
        Double authenticate = ratios.get(Scenario.AUTHENTICATE + "/health@" + at);
        if (authenticate != null) {
            checks.add(LoadReport.Check.atLeast("authenticate/health@" + at, authenticate, AUTHENTICATE_RATIO_TARGET));
        }
        Double poll = ratios.get(Scenario.POLL_304 + "/health@" + at);
        if (poll != null) {
            checks.add(LoadReport.Check.atLeast("poll304/health@" + at, poll, POLL_304_RATIO_TARGET));
        }
        for (LoadResult r : results) {
            if (r.errors() > 0 && !(r.scenario().equals(Scenario.REGISTER) && r.connections() == at)) {
                checks.add(LoadReport.Check.atMost(r.scenario() + " errors@" + r.connections(), r.errors(), 0));
            }
        }
        return checks;
    }

    private static LoadResult find(List<LoadResult> results, String scenario, int connections) {
        return results.stream()
                .filter(r -> r.scenario().equals(scenario) && r.connections() == connections)
                .findFirst().orElseThrow();
    }

    static void write(LoadReport report, Path out) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
