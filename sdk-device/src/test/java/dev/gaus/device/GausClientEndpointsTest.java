package dev.gaus.device;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.gaus.device.support.ScriptedServer.PRODUCT_ACCESS;
import static dev.gaus.device.support.ScriptedServer.PRODUCT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.core.message.DataItem;
import dev.gaus.core.message.ReportHeader;
import dev.gaus.core.message.ReportRequest;
import dev.gaus.device.GausClientException.Reason;
import dev.gaus.device.support.ScriptedServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What each endpoint sends and how its answer is read, as the device of an authenticated session. */
@Timeout(20)
class GausClientEndpointsTest {
    @RegisterExtension
    static final ScriptedServer server = new ScriptedServer();

    private static final AuthParameters PRODUCT = new AuthParameters(PRODUCT_ACCESS, PRODUCT_SECRET);
    private static final AuthenticateResponse SESSION = new AuthenticateResponse("d-1", "p-1", "tok");

    private final GausClient client = GausClient.builder().serverUrl(server.url()).retryStrategy(RetryStrategy.none())
            .build();

    private void stubRegister(ResponseDefinitionBuilder answer) {
        server.wm().stubFor(post("/register").willReturn(answer));
    }

    @Test
    void register_sendsJsonWithContentType() {
        stubRegister(okJson(ScriptedServer.registerAnswer(60)));

        client.register("dev-1", PRODUCT);

        LoggedRequest request = server.wm().findAll(postRequestedFor(urlPathEqualTo("/register"))).get(0);
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(request.getHeader("User-Agent")).startsWith("gaus-device-java/");
        assertThat(request.getBodyAsString()).isEqualTo("{\"deviceId\":\"dev-1\",\"productAuthParameters\":"
                + "{\"accessKey\":\"" + PRODUCT_ACCESS + "\",\"secretKey\":\"" + PRODUCT_SECRET + "\"}}");
    }

    @Test
    void checkForUpdates_sendsTheLastEtag_andA304GivesBackTheRememberedAnswer() {
        server.wm().stubFor(get(urlPathEqualTo("/device/p-1/d-1/check-for-updates"))
                .withHeader("If-None-Match", equalTo("W/\"v1\""))
                .willReturn(aResponse().withStatus(304)));
        server.wm().stubFor(get(urlPathEqualTo("/device/p-1/d-1/check-for-updates"))
                .withHeader("If-None-Match", absent())
                .willReturn(okJson(ScriptedServer.UPDATES).withHeader("ETag", "W/\"v1\"")));

        UpdateCheck first = client.checkForUpdates(SESSION, Map.of("firmware-version", "1.0.0"));
        UpdateCheck second = client.checkForUpdates(SESSION, Map.of("firmware-version", "1.0.0"));
        UpdateCheck otherParams = client.checkForUpdates(SESSION, Map.of("firmware-version", "1.0.2"));

        assertThat(first.unchanged()).isFalse();
        assertThat(first.updates()).singleElement().extracting(u -> u.version()).isEqualTo("1.0.2");
        assertThat(second.unchanged()).isTrue();
        assertThat(second.updates()).isEqualTo(first.updates());
        assertThat(otherParams.unchanged()).as("another parameter set has no ETag yet").isFalse();
        List<LoggedRequest> requests = server.wm().findAll(getRequestedFor(urlPathEqualTo("/device/p-1/d-1/check-for-updates")));
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).getHeader("Authorization")).isEqualTo("Bearer tok");
        assertThat(requests.get(1).getHeader("If-None-Match")).isEqualTo("W/\"v1\"");
        assertThat(requests.get(2).containsHeader("If-None-Match")).isFalse();
    }

    @Test
    void checkForUpdates_encodesParametersAndPathSegments() {
        server.wm().stubFor(get(urlPathEqualTo("/device/p%201/d%2F1/check-for-updates"))
                .willReturn(okJson("{\"updates\":[]}")));

        client.checkForUpdates(new AuthenticateResponse("d/1", "p 1", "tok"), Map.of("loc", "a b&c=d"));

        LoggedRequest request = server.wm().findAll(getRequestedFor(urlPathEqualTo("/device/p%201/d%2F1/check-for-updates"))).get(0);
        assertThat(request.getUrl()).endsWith("?loc=a%20b%26c%3Dd");
    }

    @Test
    void checkForUpdates_when304WithoutAnEarlierAnswer_isAMalformedResponse() {
        server.wm().stubFor(get(urlPathEqualTo("/device/p-1/d-1/check-for-updates")).willReturn(aResponse().withStatus(304)));

        assertThatThrownBy(() -> client.checkForUpdates(SESSION, Map.of()))
                .isInstanceOfSatisfying(GausClientException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_RESPONSE));
    }

    @Test
    void report_sendsTheBodyAndAcceptsTheEmptyObject() {
        server.wm().stubFor(post(urlPathEqualTo("/device/p-1/d-1/report")).willReturn(okJson("{}")));

        client.report(SESSION, new ReportRequest("1.0.0", new ReportHeader(1L, "2026-01-01T00:00:00.000Z", null),
                List.of(DataItem.counter("2026-01-01T00:00:00.000Z", "boots", 3))));

        LoggedRequest request = server.wm().findAll(postRequestedFor(urlPathEqualTo("/device/p-1/d-1/report"))).get(0);
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(request.getBodyAsString()).contains("\"type\":\"metric.counter.boots\"").contains("\"seqNo\":1");
    }

}
