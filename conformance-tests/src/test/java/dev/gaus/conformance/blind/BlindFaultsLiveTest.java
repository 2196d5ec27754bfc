package dev.gaus.conformance.blind;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gaus.conformance.blind.BlindClient.Session;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every fault is live: a device sees a different answer from the mutant than from the faithful
 * proxy, and the faithful proxy answers as the reference server does.
 */
class BlindFaultsLiveTest {
    static final Duration SHORT_TTL = Duration.ofSeconds(2);
    private static final Duration TTL = Duration.ofMinutes(10);

    @ParameterizedTest
    @EnumSource(BlindFault.class)
    void faultIsSeenByADevice(BlindFault fault, @TempDir Path dir) throws Exception {
        Duration ttl = fault == BlindFault.EXPIRED_TOKEN_ACCEPTED ? SHORT_TTL : TTL;
        String faithful;
        String mutant;
        try (BlindMutantServer server = BlindMutantServer.start(null, ttl, dir.resolve("faithful"))) {
            faithful = BlindProbes.observe(fault, new BlindClient(server.url(), server.bootstrapFile()));
        }
        try (BlindMutantServer server = BlindMutantServer.start(fault, ttl, dir.resolve("mutant"))) {
            mutant = BlindProbes.observe(fault, new BlindClient(server.url(), server.bootstrapFile()));
        }
        System.out.printf("%s: faithful <%s>, mutant <%s>%n", fault, faithful, mutant);
        assertThat(mutant).as("%s: faithful proxy saw <%s>", fault, faithful).isNotEqualTo(faithful);
    }

    @Test
    void faithfulProxyAnswersLikeTheServer(@TempDir Path dir) throws Exception {
        try (BlindMutantServer server = BlindMutantServer.start(null, TTL, dir)) {
            BlindClient viaProxy = new BlindClient(server.url(), server.bootstrapFile());
            BlindClient direct = new BlindClient(server.serverUrl(), server.bootstrapFile());
            assertThat(server.url()).isNotEqualTo(server.serverUrl());
            assertThat(viaProxy.productKey).isNotBlank();

            for (BlindClient c : new BlindClient[] {viaProxy, direct}) {
                HttpResponse<byte[]> register = c.register("faithful-" + c.url.getPort());
                assertThat(register.statusCode()).isEqualTo(200);
                assertThat(BlindClient.json(register).path("deviceAuthParameters").path("secretKey").asText())
                        .matches("[0-9a-f]{64}");
            }
            Session s = viaProxy.session();
            HttpResponse<byte[]> wrong = viaProxy.authenticate(s.accessKey(), s.secretKey() + "x");
            HttpResponse<byte[]> wrongDirect = direct.authenticate(s.accessKey(), s.secretKey() + "x");
            assertSame(wrong, wrongDirect);

            String query = "firmware-version=0.0.1&app-version=3";
            HttpResponse<byte[]> check = viaProxy.check(s, query);
            HttpResponse<byte[]> checkDirect = direct.check(s, query);
            assertSame(check, checkDirect);
            assertThat(BlindClient.header(check, "ETag")).isEqualTo(BlindClient.header(checkDirect, "ETag"));
            JsonNode firmware = BlindClient.json(check).path("updates").path(1);
            assertThat(firmware.path("updateType").asText()).isEqualTo("firmware");
            assertThat(firmware.path("size").asLong()).isEqualTo(70_000);
            HttpResponse<byte[]> notModified = viaProxy.check(s, query, "If-None-Match", BlindClient.header(check, "ETag"));
            assertThat(notModified.statusCode()).isEqualTo(304);
            assertThat(notModified.body()).isEmpty();

            String download = URI.create(firmware.path("downloadUrl").asText()).getPath();
            assertThat(URI.create(firmware.path("downloadUrl").asText()).getPort()).isEqualTo(server.url().getPort());
            HttpResponse<byte[]> part = viaProxy.get(download, "Range", "bytes=100-1099");
            HttpResponse<byte[]> partDirect = direct.get(download, "Range", "bytes=100-1099");
            assertSame(part, partDirect);
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(part.body()).hasSize(1000).isEqualTo(partDirect.body());
            for (String name : new String[] {"Content-Range", "Content-Length", "ETag", "Accept-Ranges", "Cache-Control"}) {
                assertThat(BlindClient.header(part, name)).as(name).isEqualTo(BlindClient.header(partDirect, name));
            }
            HttpResponse<byte[]> head = viaProxy.send("HEAD", download, null);
            assertThat(BlindClient.header(head, "Content-Length")).isEqualTo("70000");

            HttpResponse<byte[]> report = viaProxy.report(s, "{\"version\":\"1\",\"header\":{\"ts\":\"t\"},\"data\":[]}");
            HttpResponse<byte[]> reportDirect = direct.report(s, "{\"version\":\"1\",\"header\":{\"ts\":\"t\"},\"data\":[]}");
            assertSame(report, reportDirect);
            assertThat(BlindClient.text(report)).isEqualTo("{}");

            HttpResponse<byte[]> options = viaProxy.send("OPTIONS", "/register", null);
            assertSame(options, direct.send("OPTIONS", "/register", null));
            assertThat(BlindClient.header(options, "Allow")).isEqualTo(BlindClient.header(direct.send("OPTIONS", "/register", null), "Allow"));
            assertSame(viaProxy.send("PURGE", "/authenticate", null), direct.send("PURGE", "/authenticate", null));
            String body = BlindClient.authenticateBody(s.accessKey(), s.secretKey());
            assertSame(viaProxy.postChunked("/authenticate", body + " ".repeat(70_000)),
                    direct.postChunked("/authenticate", body + " ".repeat(70_000)));
            assertThat(viaProxy.raw("127.0.0.1", "POST", "/register", null, "Content-Length", "abc").status)
                    .isEqualTo(direct.raw("127.0.0.1", "POST", "/register", null, "Content-Length", "abc").status);
            HttpResponse<byte[]> noToken = viaProxy.get(s.path("check-for-updates"));
            assertSame(noToken, direct.get(s.path("check-for-updates")));
            assertThat(BlindClient.header(noToken, "WWW-Authenticate"))
                    .isEqualTo(BlindClient.header(direct.get(s.path("check-for-updates")), "WWW-Authenticate"));
        }
    }

    /** Same status, content type and body. */
    private static void assertSame(HttpResponse<byte[]> viaProxy, HttpResponse<byte[]> direct) {
        assertThat(viaProxy.statusCode()).isEqualTo(direct.statusCode());
        assertThat(BlindClient.header(viaProxy, "Content-Type")).isEqualTo(BlindClient.header(direct, "Content-Type"));
        assertThat(BlindClient.text(viaProxy)).isEqualTo(BlindClient.text(direct));
    }
}
