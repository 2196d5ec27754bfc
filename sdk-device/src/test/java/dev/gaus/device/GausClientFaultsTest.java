package dev.gaus.device;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.gaus.device.support.ScriptedServer.PRODUCT_ACCESS;
import static dev.gaus.device.support.ScriptedServer.PRODUCT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.RegisterResponse;
import dev.gaus.device.GausClientException.Reason;
import dev.gaus.device.support.RecordingSleeper;
import dev.gaus.device.support.ScriptedServer;
import dev.gaus.server.testing.MutableClock;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every network fault ends in the right number of attempts and the right outcome, without real waiting. */
@Timeout(20)
class GausClientFaultsTest {
    @RegisterExtension
    static final ScriptedServer server = new ScriptedServer();

    private static final AuthParameters PRODUCT = new AuthParameters(PRODUCT_ACCESS, PRODUCT_SECRET);
    /** nextDouble() == 0.5: each backoff is half its ceiling. */
    private static final RandomGenerator HALF = () -> Long.MIN_VALUE;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private GausClient client;

    @BeforeEach
    void newClient() {
        client = client(Duration.ofSeconds(5));
    }

    private GausClient client(Duration requestTimeout) {
        return GausClient.builder()
                .serverUrl(server.url())
                .requestTimeout(requestTimeout)
                .clock(clock)
                .sleeper(sleeper)
                .retryStrategy(RetryStrategy.builder()
                        .maxAttempts(4)
                        .backoff(Backoff.fullJitter(Duration.ofSeconds(1), Duration.ofSeconds(8), HALF))
                        .maxTotalTime(Duration.ofSeconds(60)).build())
                .build();
    }

    private void stubRegister(ResponseDefinitionBuilder answer) {
        server.wm().stubFor(post("/register").willReturn(answer));
    }

    private int registerCalls() {
        return server.wm().findAll(postRequestedFor(urlPathEqualTo("/register"))).size();
    }

    private static void assertNoSecret(Throwable e) {
        assertThat(e.getMessage()).doesNotContain(PRODUCT_SECRET).doesNotContain(ScriptedServer.DEVICE_SECRET);
    }

    @Test
    void register_whenConnectionIsReset_retriesFourTimesThenThrowsConnectionError() {
        stubRegister(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertThatThrownBy(() -> client.register("dev-1", PRODUCT))
                .isInstanceOfSatisfying(GausClientException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONNECTION);
                    assertThat(e.getMessage()).contains("POST /register").contains("gave up after 4 attempts");
                    assertNoSecret(e);
                });
        assertThat(registerCalls()).isEqualTo(4);
        // Full jitter with random 0.5: half of 1 s, 2 s, 4 s.
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void register_whenResponseIsEmpty_retriesThenThrowsConnectionError() {
        stubRegister(aResponse().withFault(Fault.EMPTY_RESPONSE));

        assertThatThrownBy(() -> client.register("dev-1", PRODUCT))
                .isInstanceOfSatisfying(GausClientException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONNECTION));
        assertThat(registerCalls()).isEqualTo(4);
    }

    @Test
    void register_whenConnectionBreaksMidBody_retriesThenThrowsConnectionError() {
        stubRegister(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK));

        assertThatThrownBy(() -> client.register("dev-1", PRODUCT))
                .isInstanceOfSatisfying(GausClientException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONNECTION));
        assertThat(registerCalls()).isEqualTo(4);
    }

    @Test
    void register_whenAnswerIsMalformedJson_throwsMalformedResponseWithoutRetry() {
        stubRegister(okJson("{\"pollIntervalSeconds\": 60, \"deviceAuthParameters\": {\"accessKey\": ]"));

        assertThatThrownBy(() -> client.register("dev-1", PRODUCT))
                .isInstanceOfSatisfying(GausClientException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MALFORMED_RESPONSE);
                    assertThat(e.getMessage()).contains("POST /register").contains("malformed JSON");
                });
        assertThat(registerCalls()).isEqualTo(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void register_whenAnswerIsTruncatedJson_throwsMalformedResponseNamingIt() {
        String full = ScriptedServer.registerAnswer(60);
        stubRegister(okJson(full.substring(0, full.length() / 2)));

        assertThatThrownBy(() -> client.register("dev-1", PRODUCT))
                .isInstanceOfSatisfying(GausClientException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MALFORMED_RESPONSE);
                    assertThat(e.getMessage()).contains("RegisterResponse");
                    assertNoSecret(e);
                });
        assertThat(registerCalls()).isEqualTo(1);
    }

    @Test
    void register_whenAnswerLacksAField_namesTheJsonPath() {
        stubRegister(okJson("{\"pollIntervalSeconds\": 60}"));

        assertThatThrownBy(() -> client.register("dev-1", PRODUCT))
                .isInstanceOfSatisfying(GausClientException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MALFORMED_RESPONSE);
                    assertThat(e.getMessage()).contains("deviceAuthParameters");
                });
    }

    @Test
    void register_whenBodyArrivesSlowerThanTheTimeout_throwsTimeoutInTime() {
        GausClient impatient = client(Duration.ofMillis(400));
        stubRegister(okJson(ScriptedServer.registerAnswer(60)).withChunkedDribbleDelay(8, 4000));

        long start = System.nanoTime();
        assertThatThrownBy(() -> impatient.register("dev-1", PRODUCT))
                .isInstanceOfSatisfying(GausClientException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TIMEOUT);
                    assertThat(e.getMessage()).contains("400 ms");
                });
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(registerCalls()).isEqualTo(4);
        // Four attempts of 400 ms each, not four dribbles of 4 s.
        assertThat(millis).isLessThan(3_500);
    }

    @Test
    void register_whenHeadersArriveTooLate_throwsTimeout() {
        GausClient impatient = client(Duration.ofMillis(300));
        stubRegister(okJson(ScriptedServer.registerAnswer(60)).withFixedDelay(2000));

        assertThatThrownBy(() -> impatient.register("dev-1", PRODUCT))
                .isInstanceOfSatisfying(GausClientException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT));
    }

    @Test
    void register_when500Then200_succeedsOnTheSecondAttempt() {
        server.wm().stubFor(post("/register").inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
        server.wm().stubFor(post("/register").inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(okJson(ScriptedServer.registerAnswer(120))));

        RegisterResponse response = client.register("dev-1", PRODUCT);

        assertThat(response.pollIntervalSeconds()).isEqualTo(120);
        assertThat(response.deviceAuthParameters().secretKey()).isEqualTo(ScriptedServer.DEVICE_SECRET);
        assertThat(registerCalls()).isEqualTo(2);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void register_retriesCarryOneIdempotencyKey_andEachLogicalCallANewOne() {
        server.wm().stubFor(post("/register").inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("reset"));
        server.wm().stubFor(post("/register").inScenario("flaky").whenScenarioStateIs("reset")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("up"));
        server.wm().stubFor(post("/register").inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(okJson(ScriptedServer.registerAnswer(120))));

        client.register("dev-1", PRODUCT);
        client.register("dev-1", PRODUCT);

        List<String> keys = server.wm().findAll(postRequestedFor(urlPathEqualTo("/register"))).stream()
                .map(r -> r.getHeader("Idempotency-Key")).toList();
        assertThat(keys).hasSize(4);
        assertThat(keys.get(0)).isEqualTo(keys.get(1)).isEqualTo(keys.get(2));
        assertThat(UUID.fromString(keys.get(0))).isNotNull();
        assertThat(keys.get(3)).isNotEqualTo(keys.get(0));
    }

    @Test
    void register_when429WithRetryAfterSeconds_waitsExactlyThatLong() {
        server.wm().stubFor(post("/register").inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("free"));
        server.wm().stubFor(post("/register").inScenario("busy").whenScenarioStateIs("free")
                .willReturn(okJson(ScriptedServer.registerAnswer(60))));

        client.register("dev-1", PRODUCT);

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(7));
        assertThat(registerCalls()).isEqualTo(2);
    }

    @Test
    void register_when429WithRetryAfterDate_waitsUntilThatDate() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                clock.instant().plusSeconds(12).atOffset(ZoneOffset.UTC));
        server.wm().stubFor(post("/register").inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", date)).willSetStateTo("free"));
        server.wm().stubFor(post("/register").inScenario("busy").whenScenarioStateIs("free")
                .willReturn(okJson(ScriptedServer.registerAnswer(60))));

        client.register("dev-1", PRODUCT);

        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(12));
    }

    @Test
    void register_when429AsksToWaitPastTheTotalTime_givesUpAtOnce() {
        stubRegister(aResponse().withStatus(429).withHeader("Retry-After", "3600")
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"about:blank\",\"title\":\"Too Many Requests\",\"status\":429,"
                        + "\"detail\":\"too many failed authentications\"}"));

        assertThatThrownBy(() -> client.register("dev-1", PRODUCT))
                .isInstanceOfSatisfying(GausServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.retryAfter()).contains(Duration.ofHours(1));
                    assertThat(e.problem()).get().extracting(p -> p.title()).isEqualTo("Too Many Requests");
                    assertThat(e.getMessage()).contains("Retry-After 3600 s");
                });
        assertThat(registerCalls()).isEqualTo(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void register_whenServerAnswers401_throwsServiceErrorWithProblemAndNeverRetries() {
        stubRegister(aResponse().withStatus(401).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"https://gaus.dev/problems/unauthorized\",\"title\":\"Unauthorized\","
                        + "\"status\":401,\"detail\":\"unknown access key or wrong secret key\"}"));

        assertThatThrownBy(() -> client.register("dev-1", PRODUCT))
                .isInstanceOfSatisfying(GausServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(401);
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.problem()).get().extracting(p -> p.detail())
                            .isEqualTo("unknown access key or wrong secret key");
                    assertThat(e.getMessage()).isEqualTo(
                            "POST /register answered 401 Unauthorized: unknown access key or wrong secret key");
                    assertNoSecret(e);
                });
        assertThat(registerCalls()).isEqualTo(1);
    }

    @Test
    void register_whenErrorBodyIsNotAProblem_describesItShortly() {
        stubRegister(aResponse().withStatus(400).withHeader("Content-Type", "text/html").withBody("<h1>Bad</h1>"));

        assertThatThrownBy(() -> client.register("dev-1", PRODUCT))
                .isInstanceOfSatisfying(GausServiceException.class, e -> {
                    assertThat(e.problem()).isEmpty();
                    assertThat(e.getMessage()).isEqualTo("POST /register answered 400 with a 12-byte text/html body");
                });
    }

    @Test
    void register_whenServerStays503_givesUpWithinTheTotalTime() {
        GausClient bounded = GausClient.builder().serverUrl(server.url()).clock(clock).sleeper(sleeper)
                .retryStrategy(RetryStrategy.builder().maxAttempts(1000).maxTotalTime(Duration.ofSeconds(20))
                        .backoff(Backoff.fullJitter(Duration.ofSeconds(1), Duration.ofSeconds(8), HALF)).build())
                .build();
        stubRegister(aResponse().withStatus(503));

        assertThatThrownBy(() -> bounded.register("dev-1", PRODUCT))
                .isInstanceOfSatisfying(GausServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(503));
        Duration slept = sleeper.sleeps().stream().reduce(Duration.ZERO, Duration::plus);
        assertThat(slept).isLessThan(Duration.ofSeconds(20));
        // Waits 0.5 + 1 + 2 + 4 + 4 + 4 + 4 = 19.5 s; one more 4 s wait would pass 20 s.
        assertThat(slept).isEqualTo(Duration.ofMillis(19_500));
        assertThat(registerCalls()).isEqualTo(8);
    }

    @Test
    void register_whenNothingListens_throwsConnectionErrorNamingTheHost() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        GausClient dead = GausClient.builder().serverUrl("http://127.0.0.1:" + port).clock(clock).sleeper(sleeper)
                .retryStrategy(RetryStrategy.builder().maxAttempts(3).build()).build();

        assertThatThrownBy(() -> dead.register("dev-1", PRODUCT))
                .isInstanceOfSatisfying(GausClientException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONNECTION);
                    assertThat(e.getMessage()).contains("127.0.0.1:" + port).contains("gave up after 3 attempts");
                });
    }

    @Test
    void authenticate_whenAnswerIsTooLarge_refusesIt() {
        server.wm().stubFor(post("/authenticate").willReturn(okJson("{\"x\":\"" + "a".repeat(2_000_000) + "\"}")));

        assertThatThrownBy(() -> client.authenticate(new AuthParameters("a", "b")))
                .isInstanceOfSatisfying(GausClientException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MALFORMED_RESPONSE);
                    assertThat(e.getMessage()).contains("larger than");
                });
    }
}
