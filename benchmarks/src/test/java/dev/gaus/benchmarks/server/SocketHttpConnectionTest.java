package dev.gaus.benchmarks.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The load generator's own HTTP client and run loop, against the JDK's HTTP server as the other
 * side (the load on the reference server itself is measured by the load generator, not here).
 */
class SocketHttpConnectionTest {
    private HttpServer other;
    private URI base;
    private final AtomicInteger connectionsSeen = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/fixed", exchange -> {
            byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("ETag", "W/\"abc\"");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        other.createContext("/chunked", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
                out.flush();
                out.write(body);
            }
        });
        other.createContext("/not-modified", exchange -> {
            String tag = exchange.getRequestHeaders().getFirst("If-None-Match");
            exchange.sendResponseHeaders("W/\"abc\"".equals(tag) ? 304 : 412, -1);
            exchange.close();
        });
        other.createContext("/close", exchange -> {
            exchange.getResponseHeaders().set("Connection", "close");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        other.start();
        base = URI.create("http://127.0.0.1:" + other.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        other.stop(0);
    }

    @Test
    void send_readsStatusEtagAndBody_andKeepsTheConnection() throws Exception {
        try (SocketHttpConnection connection = new SocketHttpConnection(base)) {
            for (int i = 0; i < 3; i++) {
                HttpConnection.Response response = connection.send("GET", "/fixed", null, null, null);
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.etag()).isEqualTo("W/\"abc\"");
                assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"status\":\"ok\"}");
            }
        }
    }

    @Test
    void send_readsAChunkedBody() throws Exception {
        try (SocketHttpConnection connection = new SocketHttpConnection(base)) {
            byte[] body = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);
            HttpConnection.Response response = connection.send("POST", "/chunked", null, null, body);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"x\":1}{\"x\":1}");
            assertThat(connection.send("GET", "/fixed", null, null, null).status()).isEqualTo(200);
        }
    }

    @Test
    void send_sendsIfNoneMatch_andReads304WithoutBody() throws Exception {
        try (SocketHttpConnection connection = new SocketHttpConnection(base)) {
            HttpConnection.Response response = connection.send("GET", "/not-modified", "Bearer t", "W/\"abc\"", null);
            assertThat(response.status()).isEqualTo(304);
            assertThat(response.body()).isEmpty();
            assertThat(connection.send("GET", "/fixed", null, null, null).status()).isEqualTo(200);
        }
    }

    @Test
    void send_reconnectsAfterTheServerClosed() throws Exception {
        try (SocketHttpConnection connection = new SocketHttpConnection(base)) {
            assertThat(connection.send("GET", "/close", null, null, null).status()).isEqualTo(204);
            assertThat(connection.send("GET", "/fixed", null, null, null).status()).isEqualTo(200);
        }
    }

    @Test
    void loadRun_countsAnswersAndErrors_inTheMeasuredWindow() throws Exception {
        Scenario fixed = Scenario.health(Scenario.HEALTH);
        other.createContext("/health", exchange -> {
            connectionsSeen.incrementAndGet();
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{}".getBytes(StandardCharsets.UTF_8));
            }
        });
        LoadResult result = new LoadRun(fixed, 2, () -> new SocketHttpConnection(base),
                Duration.ofMillis(100), Duration.ofMillis(300)).run();
        assertThat(result.requests()).isPositive();
        assertThat(result.errors()).isZero();
        assertThat(result.requestsPerSecond()).isPositive();
        assertThat(result.p99Millis()).isGreaterThanOrEqualTo(result.p50Millis()).isPositive();
        assertThat(connectionsSeen.get()).isGreaterThanOrEqualTo((int) result.requests());
    }

    @Test
    void loadRun_countsAWrongStatusAsAnError() throws Exception {
        other.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        LoadResult result = new LoadRun(Scenario.health(Scenario.HEALTH), 1, () -> new SocketHttpConnection(base),
                Duration.ZERO, Duration.ofMillis(200)).run();
        assertThat(result.errors()).isEqualTo(result.requests()).isPositive();
        assertThat(result.firstError()).contains("503");
    }
}
