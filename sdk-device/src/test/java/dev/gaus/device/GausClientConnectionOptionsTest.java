package dev.gaus.device;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.device.support.ScriptedServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** TLS with a private CA, a forward proxy and extra headers, on real sockets. */
@Timeout(60)
class GausClientConnectionOptionsTest {
    private static final AuthParameters PRODUCT =
            new AuthParameters(ScriptedServer.PRODUCT_ACCESS, ScriptedServer.PRODUCT_SECRET);

    @TempDir
    Path dir;

    @Test
    void https_withTheServersCaFile_registers_andWithoutIt_failsTheHandshake() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path pem = dir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "gaus", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit");
        Path der = dir.resolve("ca.der");
        keytool("-exportcert", "-alias", "gaus", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", der.toString());
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(Files.readAllBytes(der))
                + "\n-----END CERTIFICATE-----\n");
        WireMockServer tls = new WireMockServer(options().httpDisabled(true).dynamicHttpsPort()
                .bindAddress("127.0.0.1").keystorePath(keystore.toString()).keystorePassword("changeit")
                .keyManagerPassword("changeit").keystoreType("PKCS12"));
        tls.start();
        try {
            tls.stubFor(post("/register").willReturn(okJson(ScriptedServer.registerAnswer(60))));
            String url = "https://127.0.0.1:" + tls.httpsPort();

            GausClient trusting = GausClient.builder().serverUrl(url).caCertificate(pem)
                    .retryStrategy(RetryStrategy.none()).build();
            assertThat(trusting.register("dev-1", PRODUCT).pollIntervalSeconds()).isEqualTo(60);

            List<Duration> sleeps = new ArrayList<>();
            GausClient defaultTrust = GausClient.builder().serverUrl(url)
                    .sleeper(sleeps::add).build();
            assertThatThrownBy(() -> defaultTrust.register("dev-1", PRODUCT))
                    .isInstanceOfSatisfying(GausClientException.class, e -> {
                        assertThat(e.reason()).isEqualTo(GausClientException.Reason.TLS);
                        assertThat(e.getMessage()).contains("TLS handshake with 127.0.0.1");
                    });
            assertThat(sleeps).as("a TLS failure is not retried").isEmpty();
        } finally {
            tls.stop();
        }
    }

    @Test
    void caCertificate_thatIsNotACertificate_isALocalStateError() throws Exception {
        Path pem = dir.resolve("ca.pem");
        Files.writeString(pem, "not a certificate");

        assertThatThrownBy(() -> GausClient.builder().serverUrl("https://gaus.example").caCertificate(pem).build())
                .isInstanceOfSatisfying(GausClientException.class,
                        e -> assertThat(e.reason()).isEqualTo(GausClientException.Reason.LOCAL_STATE));
    }

    @Test
    void proxy_carriesEveryRequest_withTheExtraHeadersAndUserAgent() {
        WireMockServer proxy = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
                .enableBrowserProxying(true));
        proxy.start();
        try {
            proxy.stubFor(post("/register").willReturn(okJson(ScriptedServer.registerAnswer(60))));
            GausClient client = GausClient.builder().serverUrl("http://gaus.example.invalid:8080")
                    .proxy(new InetSocketAddress("127.0.0.1", proxy.port()))
                    .userAgent("acme-gw/4.2")
                    .header("X-Fleet", "north")
                    .retryStrategy(RetryStrategy.none()).build();

            client.register("dev-1", PRODUCT);

            List<LoggedRequest> seen = proxy.findAll(postRequestedFor(urlPathEqualTo("/register")));
            assertThat(seen).hasSize(1);
            assertThat(seen.get(0).getHost()).isEqualTo("gaus.example.invalid");
            assertThat(seen.get(0).getHeader("User-Agent")).isEqualTo("acme-gw/4.2");
            assertThat(seen.get(0).getHeader("X-Fleet")).isEqualTo("north");
        } finally {
            proxy.stop();
        }
    }

    @Test
    void header_thatTheProtocolSets_cannotBeReplaced() {
        assertThatThrownBy(() -> GausClient.builder().header("Authorization", "Bearer x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GausClient.builder().serverUrl("ftp://gaus.example"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GausClient.builder().build()).isInstanceOf(IllegalStateException.class);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
