package dev.gaus.conformance.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gaus.conformance.fake.FakeAccounts.FakeDevice;
import dev.gaus.core.message.AuthParameters;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small in-memory GAUS server for the kit's self-tests: correct by default (it passes every
 * scenario), and able to break one rule of protocol.md at a time, so the tests can prove that the
 * kit notices. Real HTTP on a real socket. This class routes; accounts, tokens, updates, files,
 * reports and bodies each have a class of their own.
 */
public final class FakeGausServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the kit is told the fake offers: firmware, to a device on firmware 0.0.1. */
    public static final List<String> OFFERED_TYPES = List.of("firmware");
    public static final Map<String, String> OFFERED_TO = Map.of("firmware-version", "0.0.1");

    private final Defects defects;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final FakeBodies bodies;
    private final FakeAccounts accounts;
    private final FakeTokens tokens;
    private final FakeUpdates updates;
    private final FakeFiles files;
    private final FakeReports reports;

    private FakeGausServer(Set<Defect> defects, Duration tokenTtl) throws IOException {
        Clock clock = Clock.systemUTC();
        this.defects = new Defects(defects);
        bodies = new FakeBodies(this.defects);
        accounts = new FakeAccounts(this.defects, clock);
        tokens = new FakeTokens(this.defects, clock, tokenTtl, UUID.randomUUID().toString());
        updates = new FakeUpdates(this.defects, this::url);
        files = new FakeFiles(this.defects);
        reports = new FakeReports(this.defects);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static FakeGausServer start(Set<Defect> defects, Duration tokenTtl) {
        try {
            return new FakeGausServer(defects, tokenTtl);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake server", e);
        }
    }

    public static FakeGausServer start(Set<Defect> defects) {
        return start(defects, Duration.ofHours(1));
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public AuthParameters productKeys() {
        return accounts.productKeys();
    }

    /** Distinct access keys that have failed so far. */
    public Set<String> failedAccessKeys() {
        return accounts.failedAccessKeys();
    }

    /** Distinct wrong secrets sent with the product access key so far. */
    public int wrongProductSecrets() {
        return accounts.wrongProductSecrets();
    }

    /** How many register and authenticate calls have failed on wrong keys so far. */
    public int failedAuthentications() {
        return accounts.failedAuthentications();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (Answer answer) {
                problem(exchange, answer);
            } catch (RuntimeException e) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                FakeHttp.send(exchange, 500, "text/plain", trace.toString().getBytes(StandardCharsets.UTF_8), Map.of());
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException, Answer {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        String[] parts = path.split("/", -1);
        boolean device = parts.length == 5 && parts[1].equals("device");
        if (path.equals("/register")) {
            allow(method, "POST", path);
            accounts.register(exchange, bodies.json(exchange, path));
        } else if (path.equals("/authenticate")) {
            allow(method, "POST", path);
            FakeDevice authenticated = accounts.authenticate(bodies.json(exchange, path), FakeHttp.clientAddress(exchange));
            ObjectNode answer = JSON.createObjectNode();
            answer.put("deviceGUID", authenticated.deviceGUID());
            answer.put("productGUID", tokens.productGUID());
            answer.put("token", tokens.token(authenticated));
            FakeHttp.sendJson(exchange, answer);
        } else if (device && parts[4].equals("check-for-updates")) {
            allow(method, "GET", path);
            tokens.authorize(exchange, parts[2], parts[3], false);
            updates.checkForUpdates(exchange);
        } else if (device && parts[4].equals("report")) {
            allow(method, "POST", path);
            if (!defects.has(Defect.REPORT_UNAUTHENTICATED)) {
                tokens.authorize(exchange, parts[2], parts[3], true);
            }
            reports.report(exchange, bodies.json(exchange, path));
        } else if (FakeUpdates.file(path).isPresent()) {
            allow(method, "GET", path);
            files.serve(exchange, FakeUpdates.file(path).get().file());
        } else if (defects.has(Defect.NOT_FOUND_NOT_PROBLEM)) {
            FakeHttp.send(exchange, 404, "text/html", "<h1>404 Not Found</h1>".getBytes(StandardCharsets.UTF_8), Map.of());
        } else {
            throw new Answer(404, "Not Found", "no such resource");
        }
    }

    private void allow(String method, String allowed, String path) throws Answer {
        if (!method.equals(allowed)) {
            if (defects.has(Defect.NO_METHOD_NOT_ALLOWED)
                    || defects.has(Defect.METHOD_CHECK_ON_REGISTER_ONLY) && !path.equals("/register")) {
                throw new Answer(404, "Not Found", "no such resource");
            }
            throw new Answer(405, "Method Not Allowed", "use " + allowed,
                    defects.has(Defect.NO_ALLOW_HEADER) ? Map.of() : Map.of("Allow", allowed));
        }
    }

    private void problem(HttpExchange exchange, Answer answer) throws IOException {
        if (defects.has(Defect.NO_PROBLEM_JSON)) {
            FakeHttp.send(exchange, answer.status, "text/plain", answer.detail.getBytes(StandardCharsets.UTF_8),
                    answer.headers);
            return;
        }
        ObjectNode problem = JSON.createObjectNode();
        problem.put("type", "about:blank");
        problem.put("title", answer.title);
        problem.put("status", answer.status);
        problem.put("detail", answer.detail);
        FakeHttp.send(exchange, answer.status, "application/problem+json",
                problem.toString().getBytes(StandardCharsets.UTF_8), answer.headers);
    }
}
