package dev.gaus.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.server.GausServer;
import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.Eventually;
import dev.gaus.server.testing.ServerFixture;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /metrics} on its own listener, after a known sequence of requests over real HTTP. */
class MetricsTest {
    private ServerFixture fixture;
    private Api metricsApi;

    @BeforeEach
    void start() {
        fixture = ServerFixture.start(GausServer.builder().metricsPort(0));
        metricsApi = new Api(URI.create("http://127.0.0.1:" + fixture.server().metricsPort()));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void metrics_afterAKnownSequence_countExactlyThoseRequests() {
        Api api = fixture.api();
        List<String> secrets = new ArrayList<>();
        List<AuthParameters> devices = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            devices.add(api.registerOk("metrics-unit-" + i, fixture.product()));
        }
        AuthParameters wrong = new AuthParameters(fixture.product().accessKey(), "0".repeat(64));
        assertThat(api.register("metrics-unit-wrong", wrong).statusCode()).isEqualTo(401);
        List<AuthenticateResponse> sessions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sessions.add(api.authenticateOk(devices.get(i)));
        }
        String path = Api.devicePath(sessions.get(0), "check-for-updates");
        String bearer = "Bearer " + sessions.get(0).token();
        String etag = api.get(path, "Authorization", bearer).headers().firstValue("ETag").orElseThrow();
        for (int i = 0; i < 2; i++) {
            assertThat(api.get(path, "Authorization", bearer, "If-None-Match", etag).statusCode()).isEqualTo(304);
        }

        // An answer is counted when its write completes, which may be just after the client has
        // read it: wait until the last request shows, then every count must be exact.
        String scrape = Eventually.until(Duration.ofSeconds(5), this::scrape,
                s -> value(s, "gaus_check_for_updates_total{status=\"304\"}") >= 2
                        && value(s, "gaus_authenticate_total{outcome=\"ok\"}") >= 3
                        && value(s, "gaus_register_total{outcome=\"refused\"}") >= 1);
        assertThat(value(scrape, "gaus_register_total{outcome=\"ok\"}")).isEqualTo(5);
        assertThat(value(scrape, "gaus_register_total{outcome=\"refused\"}")).isEqualTo(1);
        assertThat(value(scrape, "gaus_register_total{outcome=\"throttled\"}")).isEqualTo(0);
        assertThat(value(scrape, "gaus_authenticate_total{outcome=\"ok\"}")).isEqualTo(3);
        assertThat(value(scrape, "gaus_check_for_updates_total{status=\"200\"}")).isEqualTo(1);
        assertThat(value(scrape, "gaus_check_for_updates_total{status=\"304\"}")).isEqualTo(2);
        assertThat(value(scrape, "gaus_devices")).isEqualTo(5);
        // every registration is one write; each group commit counts its writes once
        assertThat(value(scrape, "gaus_commit_batch_size_sum")).isGreaterThanOrEqualTo(5);
        assertThat(value(scrape, "gaus_commit_seconds_count")).isPositive();
        assertThat(scrape).contains("jvm_memory_used_bytes");

        // no key, secret, token, deviceId or address is ever a label
        secrets.add(fixture.product().accessKey());
        secrets.add(fixture.product().secretKey());
        devices.forEach(d -> {
            secrets.add(d.accessKey());
            secrets.add(d.secretKey());
        });
        sessions.forEach(s -> {
            secrets.add(s.token());
            secrets.add(s.deviceGUID());
        });
        for (String secret : secrets) {
            assertThat(scrape).doesNotContain(secret);
        }
        assertThat(scrape).doesNotContain("metrics-unit").doesNotContain("127.0.0.1");
    }

    @Test
    void theMetricsListener_answersNoDeviceApi_andTheApiNoMetrics() {
        assertThat(metricsApi.get("/health").statusCode()).isEqualTo(404);
        assertThat(metricsApi.register("metrics-port-unit", fixture.product()).statusCode()).isEqualTo(404);
        HttpResponse<String> onApi = fixture.api().get("/metrics");
        assertThat(onApi.statusCode()).isEqualTo(404);
        assertThat(onApi.body()).doesNotContain("gaus_");
        assertThat(metricsApi.post("/metrics", "").statusCode()).isEqualTo(405);
    }

    @Test
    void theMetricsListener_isOnLoopbackByDefault_andAbsentUnlessAsked() {
        try (ServerFixture without = ServerFixture.start()) {
            assertThat(without.server().metricsPort()).isEqualTo(-1);
        }
        HttpResponse<String> r = metricsApi.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    }

    private String scrape() {
        HttpResponse<String> r = metricsApi.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /** The value of one sample line, {@code name{labels} value}. */
    private static double value(String scrape, String sample) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(sample) + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("sample %s in%n%s", sample, scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
