package dev.gaus.server.register;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.GausJson;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.RegisterResponse;
import dev.gaus.server.GausServer;
import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.MutableClock;
import dev.gaus.server.testing.ServerFixture;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdempotencyTest {
    private static MutableClock clock;
    private static ServerFixture fixture;
    private static Api api;
    private static AuthParameters product;

    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.now());
        fixture = ServerFixture.start(GausServer.builder().clock(clock));
        api = fixture.api();
        product = fixture.product();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static AuthParameters keys(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return GausJson.decode(r.body(), RegisterResponse.class).deviceAuthParameters();
    }

    @Test
    void retryWithSameKeyAndBody_returnsTheSameRegistration() {
        HttpResponse<String> first = api.register("idem-1", product, "Idempotency-Key", "key-1");
        HttpResponse<String> retry = api.register("idem-1", product, "Idempotency-Key", "key-1");
        assertThat(keys(retry)).isEqualTo(keys(first));
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(api.authenticateOk(keys(retry)).deviceGUID()).isEqualTo(api.authenticateOk(keys(first)).deviceGUID());
    }

    @Test
    void differentKeys_createDifferentDevices() {
        AuthParameters a = keys(api.register("idem-2", product, "Idempotency-Key", "key-2a"));
        AuthParameters b = keys(api.register("idem-2", product, "Idempotency-Key", "key-2b"));
        AuthParameters c = keys(api.register("idem-2", product));
        assertThat(new HashSet<>(List.of(a, b, c))).hasSize(3);
    }

    @Test
    void sameKeyWithADifferentBody_answers422() {
        keys(api.register("idem-3", product, "Idempotency-Key", "key-3"));
        HttpResponse<String> r = api.register("idem-3-other", product, "Idempotency-Key", "key-3");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(Api.problem(r).type()).isEqualTo("urn:gaus:problem:idempotency-key-reused");
    }

    @Test
    void concurrentRetriesWithOneKey_allGetTheSameRegistration() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            for (int round = 0; round < 5; round++) {
                String key = "key-4-" + round;
                List<Callable<AuthParameters>> calls = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    calls.add(() -> keys(api.register("idem-4", product, "Idempotency-Key", key)));
                }
                Set<AuthParameters> answers = new HashSet<>();
                for (Future<AuthParameters> f : pool.invokeAll(calls)) {
                    answers.add(f.get());
                }
                assertThat(answers).as(key).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void afterTheWindow_theKeyRegistersANewDevice() {
        AuthParameters first = keys(api.register("idem-5", product, "Idempotency-Key", "key-5"));
        clock.advance(Duration.ofHours(24).plusMinutes(1));
        AuthParameters later = keys(api.register("idem-5", product, "Idempotency-Key", "key-5"));
        assertThat(later).isNotEqualTo(first);
        assertThat(keys(api.register("idem-5", product, "Idempotency-Key", "key-5"))).isEqualTo(later);
    }

    @Test
    void badIdempotencyKey_answers400() {
        assertThat(api.register("idem-6", product, "Idempotency-Key", "k".repeat(256)).statusCode()).isEqualTo(400);
        assertThat(api.register("idem-6", product, "Idempotency-Key", "").statusCode()).isEqualTo(400);
        byte[] body = Api.registerBody("idem-6", product).getBytes(StandardCharsets.UTF_8);
        String head = "POST /register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nIdempotency-Key: k\u00e9y\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
        byte[] request = new byte[head.getBytes(StandardCharsets.UTF_8).length + body.length];
        System.arraycopy(head.getBytes(StandardCharsets.UTF_8), 0, request, 0, request.length - body.length);
        System.arraycopy(body, 0, request, request.length - body.length, body.length);
        assertThat(dev.gaus.server.testing.RawHttp.exchange(api.url(), request, null).status()).isEqualTo(400);
    }

    @Test
    void wrongProductSecretWithAKnownKey_answers401NotTheStoredRegistration() {
        keys(api.register("idem-7", product, "Idempotency-Key", "key-7"));
        HttpResponse<String> r = api.register("idem-7", new AuthParameters(product.accessKey(), "wrong"),
                "Idempotency-Key", "key-7");
        assertThat(r.statusCode()).isEqualTo(401);
    }

    @Test
    void storedIdempotentAnswer_neverHoldsTheDeviceSecretInTheClear() throws Exception {
        AuthParameters device = keys(api.register("idem-8", product, "Idempotency-Key", "key-8"));
        List<Path> files;
        try (Stream<Path> s = Files.list(fixture.dataDir())) {
            files = s.filter(p -> p.getFileName().toString().startsWith("gaus.db")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertThat(content).as(file.getFileName().toString()).doesNotContain(device.secretKey())
                    .doesNotContain(product.secretKey());
        }
    }
}
