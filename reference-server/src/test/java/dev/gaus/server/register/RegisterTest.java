package dev.gaus.server.register;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.GausJson;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.Problem;
import dev.gaus.core.message.RegisterResponse;
import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.RawHttp;
import dev.gaus.server.testing.ServerFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegisterTest {
    private static ServerFixture fixture;
    private static Api api;
    private static AuthParameters product;

    @BeforeAll
    static void start() {
        fixture = ServerFixture.start();
        api = fixture.api();
        product = fixture.product();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void register_withProductKeys_answersNewDeviceKeysAndPollInterval() {
        HttpResponse<String> r = api.register("test-device-1", product);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        RegisterResponse body = GausJson.decode(r.body(), RegisterResponse.class);
        assertThat(body.pollIntervalSeconds()).isEqualTo(3600);
        assertThat(body.deviceAuthParameters().accessKey()).matches("[0-9a-f]{64}");
        assertThat(body.deviceAuthParameters().secretKey()).matches("[0-9a-f]{64}");
        assertThat(r.body()).contains("\"pollIntervalSeconds\":3600");
    }

    @Test
    void register_sameDeviceIdSequentially_createsADeviceEachTimeAndAllKeysWork() {
        List<AuthParameters> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            keys.add(api.registerOk("refurbished-1", product));
        }
        assertThat(new HashSet<>(keys)).hasSize(3);
        Set<String> guids = new HashSet<>();
        for (AuthParameters k : keys) {
            guids.add(api.authenticateOk(k).deviceGUID());
        }
        assertThat(guids).hasSize(3);
    }

    @Test
    void register_sameDeviceId20Concurrently_creates20Devices() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Callable<AuthParameters>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> api.registerOk("concurrent-1", product));
            }
            Set<String> guids = new HashSet<>();
            Set<AuthParameters> keys = new HashSet<>();
            for (Future<AuthParameters> f : pool.invokeAll(calls)) {
                keys.add(f.get());
            }
            for (AuthParameters k : keys) {
                guids.add(api.authenticateOk(k).deviceGUID());
            }
            assertThat(keys).hasSize(20);
            assertThat(guids).hasSize(20);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void register_whenProductSecretIsWrong_answers401() {
        HttpResponse<String> r = api.register("d", new AuthParameters(product.accessKey(), "wrong-secret"));
        assertThat(r.statusCode()).isEqualTo(401);
        Problem p = Api.problem(r);
        assertThat(p.status()).isEqualTo(401);
        assertThat(r.body()).doesNotContain("wrong-secret");
    }

    @Test
    void register_unknownAccessKeyAndWrongSecret_answerIdentically() {
        HttpResponse<String> unknown = api.register("d", new AuthParameters("no-such-key", product.secretKey()));
        HttpResponse<String> wrong = api.register("d", new AuthParameters(product.accessKey(), "nope"));
        assertThat(unknown.statusCode()).isEqualTo(401).isEqualTo(wrong.statusCode());
        assertThat(unknown.body()).isEqualTo(wrong.body());
        assertThat(unknown.headers().firstValue("Content-Type")).isEqualTo(wrong.headers().firstValue("Content-Type"));
        assertThat(unknown.body()).doesNotContain(product.secretKey());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "[]",
        "\"text\"",
        "{}",
        "{\"deviceId\":\"\",\"productAuthParameters\":{\"accessKey\":\"a\",\"secretKey\":\"b\"}}",
        "{\"deviceId\":7,\"productAuthParameters\":{\"accessKey\":\"a\",\"secretKey\":\"b\"}}",
        "{\"deviceId\":\"d\"}",
        "{\"deviceId\":\"d\",\"productAuthParameters\":{\"accessKey\":\"a\"}}",
        "{\"deviceId\":\"d\",\"productAuthParameters\":{\"accessKey\":\"a\",\"secretKey\":\"\"}}",
        "{\"deviceId\":\"d\",\"deviceId\":\"e\",\"productAuthParameters\":{\"accessKey\":\"a\",\"secretKey\":\"b\"}}",
        "{\"deviceId\":\"bad\\u0007id\",\"productAuthParameters\":{\"accessKey\":\"a\",\"secretKey\":\"b\"}}",
        "{\"deviceId\":\"d\",\"productAuthParameters\":{\"accessKey\":\"a\",\"secretKey\":\"b\"}} trailing",
        ""
    })
    void register_withBadBody_answers400ProblemWithoutEcho(String body) {
        HttpResponse<String> r = api.post("/register", body);
        assertThat(r.statusCode()).as(body).isEqualTo(400);
        Problem p = Api.problem(r);
        assertThat(p.type()).isEqualTo("urn:gaus:problem:invalid-request");
        assertThat(p.detail()).startsWith("$");
    }

    @Test
    void register_withDeviceIdOver128Characters_answers400NamingTheField() {
        HttpResponse<String> r = api.register("x".repeat(129), product);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Api.problem(r).detail()).contains("$.deviceId");
        assertThat(api.register("x".repeat(128), product).statusCode()).isEqualTo(200);
    }

    @Test
    void register_wrongSecretInWrongPlace_isNeverEchoed() {
        String secret = "super-secret-value-123";
        HttpResponse<String> r = api.post("/register", "{\"deviceId\":\"d\",\"productAuthParameters\":{\"accessKey\":\"a\","
                + "\"secretKey\":{\"nested\":\"" + secret + "\"}}}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).doesNotContain(secret).contains("$.productAuthParameters.secretKey");
    }

    @Test
    void register_withCharsetOrPlusJsonOrNoContentType_isAccepted() {
        String body = Api.registerBody("ct-1", product);
        assertThat(api.post("/register", body, "Content-Type", "application/json; charset=utf-8").statusCode()).isEqualTo(200);
        assertThat(api.post("/register", body, "Content-Type", "application/vnd.gaus+json").statusCode()).isEqualTo(200);
        var request = HttpRequest.newBuilder(api.url().resolve("/register"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        assertThat(api.send(request).statusCode()).isEqualTo(200);
    }

    @Test
    void pipelinedRegistrations_areEachAnsweredInOrder() {
        // Each answer is written when its commit completes, off the request thread; the next
        // request already waits in the connection's buffer and must still be read and answered.
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            String body = Api.registerBody("pipelined-" + i, product);
            requests.append("POST /register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n")
                    .append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
        }
        requests.append("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");

        List<RawHttp.Response> answers = RawHttp.pipeline(api.url(), requests.toString(), 4);

        Set<String> devices = new HashSet<>();
        for (RawHttp.Response answer : answers.subList(0, 3)) {
            assertThat(answer.status()).isEqualTo(200);
            devices.add(GausJson.decode(answer.body(), RegisterResponse.class).deviceAuthParameters().accessKey());
        }
        assertThat(devices).hasSize(3);
        assertThat(answers.get(3).status()).isEqualTo(200);
        assertThat(answers.get(3).body()).doesNotContain("deviceAuthParameters");
    }
}
