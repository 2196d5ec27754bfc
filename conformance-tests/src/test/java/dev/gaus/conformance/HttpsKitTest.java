package dev.gaus.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.conformance.cli.Main;
import dev.gaus.core.internal.BootstrapFile;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.server.GausServer;
import dev.gaus.server.testing.TestCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kit over HTTPS from the command line: the self-signed server's bootstrap.conf is all it
 * needs, and a server it cannot trust ends the run with exit 2 and the check that refused it.
 */
class HttpsKitTest {
    private static final Instant NOW = Instant.now();

    @TempDir
    Path dir;

    private final KitCommandLine kit = new KitCommandLine();

    private int run(String... args) {
        return kit.run(args);
    }

    private String err() {
        return kit.err();
    }

    private GausServer selfSigned() {
        return GausServer.builder().host("127.0.0.1").port(0).dataDir(dir.resolve("server")).tlsSelfSigned().start();
    }

    private GausServer serving(TestCertificate cert, TestCertificate ca) throws IOException {
        Path chain = Files.writeString(dir.resolve("cert.pem"), cert.certificatePem() + ca.certificatePem());
        Path key = Files.writeString(dir.resolve("key.pem"), cert.privateKeyPem());
        return GausServer.builder().host("127.0.0.1").port(0).dataDir(dir.resolve("server")).tlsPem(chain, key).start();
    }

    private String[] keysOf(GausServer server) {
        AuthParameters keys = BootstrapFile.read(server.bootstrapFile()).requireProductKeys();
        return new String[] {"--server", server.url().toString(),
            "--product-access-key", keys.accessKey(), "--product-secret-key", keys.secretKey()};
    }

    private static String[] with(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void bootstrapOfTheSelfSignedServer_isEnoughToRunOverHttps() {
        try (GausServer server = selfSigned()) {
            int code = run("--bootstrap", server.bootstrapFile().toString(), "--tags", "@strict and not @rate-limit",
                    "--report-dir", dir.resolve("reports").toString());

            assertThat(code).as(kit.out() + err()).isZero();
            assertThat(kit.out()).contains("against https://127.0.0.1:", " 0 failed");
        }
    }

    @Test
    void caCertOption_trustsTheServer() {
        try (GausServer server = selfSigned()) {
            int code = run(with(keysOf(server), "--ca-cert", server.caCertificate().orElseThrow().toString(),
                    "--tags", "@strict and not @rate-limit", "--report-dir", dir.resolve("reports").toString()));

            assertThat(code).as(kit.out() + err()).isZero();
        }
    }

    @Test
    void serverOfAnUnknownCa_exits2SayingSo() {
        try (GausServer server = selfSigned()) {
            int code = run(keysOf(server));

            assertThat(code).isEqualTo(Main.CANNOT_RUN);
            assertThat(err()).contains("cannot reach the server at " + server.url())
                    .contains("TLS handshake refused: the server's certificate is not issued by a trusted CA")
                    .contains("--ca-cert");
            assertThat(err().strip()).doesNotContain("\n");
        }
    }

    @Test
    void expiredCertificate_exits2SayingItExpired() throws IOException {
        TestCertificate ca = TestCertificate.ca("test CA", NOW.minus(Duration.ofDays(60)), NOW.plus(Duration.ofDays(30)));
        TestCertificate expired = ca.issueServer(List.of("localhost", "127.0.0.1"),
                NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1)));
        Path caFile = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
        try (GausServer server = serving(expired, ca)) {
            int code = run(with(keysOf(server), "--ca-cert", caFile.toString()));

            assertThat(code).isEqualTo(Main.CANNOT_RUN);
            assertThat(err()).contains("the server's certificate has expired");
        }
    }

    @Test
    void certificateForAnotherHost_exits2SayingSo() throws IOException {
        TestCertificate ca = TestCertificate.ca("test CA", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)));
        TestCertificate other = ca.issueServer(List.of("gaus.example.com"), NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30)));
        Path caFile = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
        try (GausServer server = serving(other, ca)) {
            int code = run(with(keysOf(server), "--ca-cert", caFile.toString()));

            assertThat(code).isEqualTo(Main.CANNOT_RUN);
            assertThat(err()).contains("the server's certificate does not name this host");
        }
    }

    @Test
    void httpsUrlOnAPlainHttpServer_exits2SayingItDoesNotSpeakTls() {
        try (GausServer server = GausServer.builder().host("127.0.0.1").port(0).dataDir(dir.resolve("server")).start()) {
            String[] args = keysOf(server);
            args[1] = args[1].replace("http://", "https://");

            int code = run(args);

            assertThat(code).isEqualTo(Main.CANNOT_RUN);
            assertThat(err()).contains("does not speak TLS");
        }
    }

    @Test
    void missingCaFile_exits2() {
        int code = run("--server", "https://127.0.0.1:1", "--product-access-key", "k", "--product-secret-key", "s",
                "--ca-cert", dir.resolve("absent.pem").toString());

        assertThat(code).isEqualTo(Main.CANNOT_RUN);
        assertThat(err()).contains("absent.pem").contains("does not exist");
    }
}
