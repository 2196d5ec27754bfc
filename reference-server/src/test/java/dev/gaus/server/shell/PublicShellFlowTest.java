package dev.gaus.server.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.GausJson;
import dev.gaus.core.KeyValueFile;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.core.message.RegisterResponse;
import dev.gaus.server.internal.Bootstrap;
import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.RawHttp;
import dev.gaus.server.testing.ServerFixture;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The flow of the public shell tooling, byte for byte as curl sends it: {@code source
 * bootstrap.conf}, register, authenticate, check-for-updates (a GET that still carries
 * {@code Content-Type: application/json}, with query values not URL-encoded) and report.
 */
class PublicShellFlowTest {
    private static RawHttp.Response curl(URI url, String method, String target, String token, String body) {
        StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\n")
                .append("Host: ").append(url.getHost()).append(':').append(url.getPort()).append("\r\n")
                .append("User-Agent: curl/7.88.1\r\nAccept: */*\r\nContent-Type: application/json\r\n");
        if (token != null) {
            request.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            request.append("Content-Length: ").append(bytes.length).append("\r\n");
        }
        request.append("\r\n");
        byte[] head = request.toString().getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + bytes.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bytes, 0, all, head.length, bytes.length);
        return RawHttp.exchange(url, all, null);
    }

    @Test
    void registerAuthenticatePollAndReport_asTheShellToolingDoes() {
        try (ServerFixture f = ServerFixture.start()) {
            Map<String, String> bootstrap = KeyValueFile.read(f.server().bootstrapFile());
            URI url = URI.create(bootstrap.get("GAUS_URL"));

            RawHttp.Response registered = curl(url, "POST", "/register", null,
                    "{\"deviceId\": \"test-device-1\", \"productAuthParameters\": {\"accessKey\": \""
                            + bootstrap.get("PRODUCT_ACCESS_KEY") + "\", \"secretKey\": \""
                            + bootstrap.get("PRODUCT_SECRET_KEY") + "\"}}");
            assertThat(registered.status()).isEqualTo(200);
            RegisterResponse device = GausJson.decode(registered.body(), RegisterResponse.class);
            assertThat(device.pollIntervalSeconds()).isPositive();

            RawHttp.Response authenticated = curl(url, "POST", "/authenticate", null,
                    "{\"deviceAuthParameters\": {\"accessKey\": \"" + device.deviceAuthParameters().accessKey()
                            + "\", \"secretKey\": \"" + device.deviceAuthParameters().secretKey() + "\"}}");
            assertThat(authenticated.status()).isEqualTo(200);
            AuthenticateResponse session = GausJson.decode(authenticated.body(), AuthenticateResponse.class);

            RawHttp.Response poll = curl(url, "GET", Api.devicePath(session, "check-for-updates")
                    + "?firmware-version=1.0.0&app-version=2.1 beta".replace(" ", "+") + "&location=swe&model=X/Y:Z",
                    session.token(), null);
            assertThat(poll.status()).isEqualTo(200);
            long interval = Bootstrap.DEFAULT_POLL_INTERVAL_SECONDS;
            assertThat(poll.body()).isEqualTo(
                    "{\"pollInterval\":" + interval + ",\"updates\":[],\"pollIntervalSeconds\":" + interval + "}");
            assertThat(poll.header("etag")).startsWith("W/\"");

            RawHttp.Response secondPoll = curl(url, "GET", Api.devicePath(session, "check-for-updates")
                    .concat("?firmware-version=1.0.0"), session.token(), null);
            assertThat(secondPoll.status()).isEqualTo(200);

            RawHttp.Response report = curl(url, "POST", Api.devicePath(session, "report"), session.token(), Api.REPORT_BODY);
            assertThat(report.status()).isEqualTo(200);
            assertThat(report.body()).isEqualTo("{}");

            RawHttp.Response installation = curl(url, "POST", Api.devicePath(session, "report") + "?firmware-version=1.0.0",
                    session.token(), "{\"version\":\"1.0.0\",\"header\":{\"ts\":\"2024-01-01T00:00:00Z\"},\"data\":["
                            + "{\"type\":\"event.update.Status\",\"ts\":\"2024-01-01T00:00:00Z\",\"v_strings\":"
                            + "{\"phase\":\"installation\",\"status\":\"failed\",\"updateId\":\"u-1\"}}]}");
            assertThat(installation.status()).isEqualTo(200);
        }
    }
}
