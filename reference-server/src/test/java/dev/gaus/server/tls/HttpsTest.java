package dev.gaus.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gaus.core.KeyValueFile;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.server.GausServer;
import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.ServerFixture;
import dev.gaus.server.testing.TestCertificate;
import dev.gaus.server.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpsTest {
    @TempDir
    Path certs;

    private static HttpClient client(SSLContext tls, HttpClient.Version version) {
        return HttpClient.newBuilder().sslContext(tls).version(version).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void pemCertificate_servesTheWholeDeviceFlowOverHttps() {
        TestCertificate ca = TestPki.ca("test CA");
        Path[] pem = TestPki.writePem(TestPki.server(ca), ca, certs);
        try (ServerFixture fixture = ServerFixture.start(GausServer.builder().tlsPem(pem[0], pem[1]))) {
            assertThat(fixture.server().url().getScheme()).isEqualTo("https");
            assertThat(KeyValueFile.read(fixture.server().bootstrapFile()).get(KeyValueFile.GAUS_URL)).startsWith("https://");
            Api api = new Api(fixture.server().url(), client(TestPki.trusting(ca), HttpClient.Version.HTTP_1_1));

            AuthParameters device = api.registerOk("tls-device-1", fixture.product());
            AuthenticateResponse session = api.authenticateOk(device);
            HttpResponse<String> check = api.get(Api.devicePath(session, "check-for-updates"),
                    "Authorization", "Bearer " + session.token());
            HttpResponse<String> report = api.post(Api.devicePath(session, "report"), Api.REPORT_BODY,
                    "Authorization", "Bearer " + session.token());

            assertThat(check.statusCode()).isEqualTo(200);
            assertThat(report.statusCode()).isEqualTo(200);
            assertThat(report.sslSession()).isPresent();
        }
    }

    @Test
    void rsaKeyInPkcs1Pem_isServed() throws Exception {
        TestCertificate ca = TestPki.ca("test CA");
        Path[] pem = TestPki.writeTraditionalPem(TestPki.rsaServer(ca), ca, certs);
        assertThat(Files.readString(pem[1])).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        try (ServerFixture fixture = ServerFixture.start(GausServer.builder().tlsPem(pem[0], pem[1]))) {
            Api api = new Api(fixture.server().url(), client(TestPki.trusting(ca), HttpClient.Version.HTTP_1_1));

            HttpResponse<String> registered = api.register("rsa-device-1", fixture.product());

            assertThat(registered.statusCode()).isEqualTo(200);
            assertThat(registered.sslSession().orElseThrow().getPeerCertificates()[0].getPublicKey().getAlgorithm())
                    .isEqualTo("RSA");
        }
    }

    @Test
    void https_negotiatesHttp2ByAlpn_andStillSpeaksHttp11() {
        TestCertificate ca = TestPki.ca("test CA");
        Path[] pem = TestPki.writePem(TestPki.server(ca), ca, certs);
        try (ServerFixture fixture = ServerFixture.start(GausServer.builder().tlsPem(pem[0], pem[1]))) {
            Api http2 = new Api(fixture.server().url(), client(TestPki.trusting(ca), HttpClient.Version.HTTP_2));
            HttpResponse<String> h2 = http2.get("/health");
            // A registration is answered from the thread that completes the commit, not the
            // request's: that must work on an HTTP/2 stream too.
            HttpResponse<String> registered = http2.register("h2-device-1", fixture.product());
            HttpResponse<String> h1 = new Api(fixture.server().url(),
                    client(TestPki.trusting(ca), HttpClient.Version.HTTP_1_1)).get("/health");

            assertThat(h2.statusCode()).isEqualTo(200);
            assertThat(h2.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(registered.statusCode()).isEqualTo(200);
            assertThat(registered.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(h1.statusCode()).isEqualTo(200);
            assertThat(h1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        }
    }

    @Test
    void https_servesNoPlainHttpOnItsPort() throws IOException {
        TestCertificate ca = TestPki.ca("test CA");
        Path[] pem = TestPki.writePem(TestPki.server(ca), ca, certs);
        try (ServerFixture fixture = ServerFixture.start(GausServer.builder().tlsPem(pem[0], pem[1]));
                Socket socket = new Socket("127.0.0.1", fixture.server().port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readNBytes(64), StandardCharsets.ISO_8859_1);
            assertThat(answer).doesNotContain("200").doesNotContain("\"status\"");
        }
    }

    @Test
    void tls11Client_isRefused_whileTls12AndTls13AreServed() throws Exception {
        TestCertificate ca = TestPki.ca("test CA");
        TestCertificate server = TestPki.server(ca);
        Path[] pem = TestPki.writePem(server, ca, certs);
        SSLContext trusting = TestPki.trusting(ca);
        assertThat(handshakeWithTls11Server(server, trusting))
                .as("this JVM's client can speak TLS 1.1 (see legacy-tls-allowed.security), so a refusal is the server's")
                .isEqualTo("TLSv1.1");
        try (ServerFixture fixture = ServerFixture.start(GausServer.builder().tlsPem(pem[0], pem[1]))) {
            int port = fixture.server().port();

            assertThatThrownBy(() -> handshake(trusting, port, "TLSv1.1")).isInstanceOf(SSLHandshakeException.class);
            assertThat(handshake(trusting, port, "TLSv1.2")).isEqualTo("TLSv1.2");
            assertThat(handshake(trusting, port, "TLSv1.3")).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void tls12_offersOnlyForwardSecretAeadSuites() throws Exception {
        TestCertificate ca = TestPki.ca("test CA");
        Path[] pem = TestPki.writePem(TestPki.server(ca), ca, certs);
        try (ServerFixture fixture = ServerFixture.start(GausServer.builder().tlsPem(pem[0], pem[1]));
                SSLSocket socket = (SSLSocket) TestPki.trusting(ca).getSocketFactory()
                        .createSocket("127.0.0.1", fixture.server().port())) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"});
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void rotatedCertificateOnDisk_isServedWithoutRestart() throws Exception {
        TestCertificate ca = TestPki.ca("test CA");
        TestCertificate first = TestPki.server(ca);
        Path[] pem = TestPki.writePem(first, ca, certs);
        SSLContext trusting = TestPki.trusting(ca);
        try (ServerFixture fixture = ServerFixture.start(GausServer.builder().tlsPem(pem[0], pem[1])
                .certificateCheckPeriod(Duration.ofMillis(100)))) {
            int port = fixture.server().port();
            assertThat(servedSerial(trusting, port)).isEqualTo(first.certificate().getSerialNumber());

            TestCertificate second = TestPki.server(ca);
            Path staging = Files.createDirectories(certs.resolve("staging"));
            Path[] next = TestPki.writePem(second, ca, staging);
            Files.move(next[1], pem[1], StandardCopyOption.REPLACE_EXISTING);
            Files.move(next[0], pem[0], StandardCopyOption.REPLACE_EXISTING);

            BigInteger served = first.certificate().getSerialNumber();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (served.equals(first.certificate().getSerialNumber()) && System.nanoTime() < deadline) {
                Thread.sleep(50);
                served = servedSerial(trusting, port);
            }
            assertThat(served).isEqualTo(second.certificate().getSerialNumber());
            assertThat(new Api(fixture.server().url(), client(trusting, HttpClient.Version.HTTP_1_1))
                    .get("/health").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void brokenRotation_keepsServingThePreviousCertificate() throws Exception {
        TestCertificate ca = TestPki.ca("test CA");
        TestCertificate first = TestPki.server(ca);
        Path[] pem = TestPki.writePem(first, ca, certs);
        SSLContext trusting = TestPki.trusting(ca);
        try (ServerFixture fixture = ServerFixture.start(GausServer.builder().tlsPem(pem[0], pem[1])
                .certificateCheckPeriod(Duration.ofMillis(50)))) {
            Files.writeString(pem[1], "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
            Thread.sleep(300);

            assertThat(servedSerial(trusting, fixture.server().port())).isEqualTo(first.certificate().getSerialNumber());
        }
    }

    @Test
    void pkcs12KeyStore_isServed() throws Exception {
        TestCertificate ca = TestPki.ca("test CA");
        TestCertificate server = TestPki.server(ca);
        Path p12 = TestPki.writePkcs12(server, ca, certs.resolve("server.p12"), "s3cret-pass");
        try (ServerFixture fixture = ServerFixture.start(GausServer.builder().tlsKeyStore(p12, "s3cret-pass"))) {
            assertThat(servedSerial(TestPki.trusting(ca), fixture.server().port()))
                    .isEqualTo(server.certificate().getSerialNumber());
        }
    }

    @Test
    void pkcs12KeyStore_withWrongPassword_failsToStartSayingWhy() {
        TestCertificate ca = TestPki.ca("test CA");
        Path p12 = TestPki.writePkcs12(TestPki.server(ca), ca, certs.resolve("server.p12"), "s3cret-pass");

        assertThatThrownBy(() -> GausServer.builder().tlsKeyStore(p12, "Xyzzy-guess-42").dataDir(certs.resolve("data"))
                .port(0).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("server.p12").hasMessageContaining("password")
                .hasMessageNotContaining("Xyzzy-guess-42");
        assertThat(certs.resolve("data")).doesNotExist();
    }

    @Test
    void keyOfAnotherCertificate_orNoKeyAtAll_failsToStartSayingWhy() throws IOException {
        TestCertificate ca = TestPki.ca("test CA");
        Path[] pem = TestPki.writePem(TestPki.server(ca), ca, certs);
        Path otherKey = Files.writeString(certs.resolve("other-key.pem"), TestPki.server(ca).privateKeyPem());
        Path garbage = Files.writeString(certs.resolve("garbage-key.pem"), "garbage");

        assertThatThrownBy(() -> GausServer.builder().tlsPem(pem[0], otherKey).dataDir(certs.resolve("data"))
                .port(0).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("other-key.pem is not the key of the first certificate");
        assertThatThrownBy(() -> GausServer.builder().tlsPem(pem[0], garbage).dataDir(certs.resolve("data"))
                .port(0).start())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no private key in")
                .hasMessageContaining("garbage-key.pem");
    }

    @Test
    void selfSigned_writesCaBesideBootstrap_andBootstrapNamesHttpsAndTheCa() throws Exception {
        try (ServerFixture fixture = ServerFixture.start(GausServer.builder().tlsSelfSigned())) {
            Map<String, String> bootstrap = KeyValueFile.read(fixture.server().bootstrapFile());
            Path ca = Path.of(bootstrap.get(KeyValueFile.GAUS_CA_CERT));

            assertThat(bootstrap.get(KeyValueFile.GAUS_URL)).isEqualTo(fixture.server().url().toString())
                    .startsWith("https://127.0.0.1:");
            assertThat(ca).isEqualTo(fixture.server().caCertificate().orElseThrow())
                    .hasParent(fixture.server().bootstrapFile().toAbsolutePath().getParent());
            X509Certificate caCert = readCertificate(ca);
            HttpClient trustingCa = HttpClient.newBuilder().sslContext(sslContextTrusting(caCert)).build();
            HttpResponse<String> health = trustingCa.send(HttpRequest.newBuilder(fixture.server().url().resolve("/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> byName = trustingCa.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + fixture.server().port() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(byName.statusCode()).isEqualTo(200);
            assertThat(Files.readString(fixture.dataDir().resolve("tls/server-key.pem"))).contains("PRIVATE KEY");
            assertThat(Files.getPosixFilePermissions(fixture.dataDir().resolve("tls/ca-key.pem")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE);
            assertThat(Files.getPosixFilePermissions(fixture.dataDir().resolve("tls/server-key.pem")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE);
        }
    }

    @Test
    void selfSigned_isMadeOnce_andKeptOnRestart() throws Exception {
        Path dir = certs.resolve("data");
        byte[] ca;
        byte[] serverCert;
        try (GausServer server = GausServer.builder().tlsSelfSigned().host("127.0.0.1").port(0).dataDir(dir).start()) {
            ca = Files.readAllBytes(server.caCertificate().orElseThrow());
            serverCert = Files.readAllBytes(dir.resolve("tls/server.pem"));
        }
        try (GausServer server = GausServer.builder().tlsSelfSigned().host("127.0.0.1").port(0).dataDir(dir).start()) {
            assertThat(Files.readAllBytes(server.caCertificate().orElseThrow())).isEqualTo(ca);
            assertThat(Files.readAllBytes(dir.resolve("tls/server.pem"))).isEqualTo(serverCert);
        }
        try (GausServer server = GausServer.builder().host("127.0.0.1").port(0).dataDir(dir).start()) {
            Map<String, String> bootstrap = KeyValueFile.read(server.bootstrapFile());
            assertThat(bootstrap.get(KeyValueFile.GAUS_URL)).startsWith("http://");
            assertThat(bootstrap).doesNotContainKey(KeyValueFile.GAUS_CA_CERT);
        }
    }

    @Test
    void healthPort_answersHealthOverPlainHttpOnLoopback_andNothingElse() {
        try (ServerFixture fixture = ServerFixture.start(GausServer.builder().tlsSelfSigned().healthPort(0))) {
            Api plain = new Api(URI.create("http://127.0.0.1:" + fixture.server().healthPort()));

            assertThat(plain.get("/health").statusCode()).isEqualTo(200);
            HttpResponse<String> register = plain.register("over-plain-http", fixture.product());
            assertThat(register.statusCode()).isEqualTo(404);
            assertThat(Api.problem(register).status()).isEqualTo(404);
        }
    }

    @Test
    void serve_withHalfOrTwoTlsChoices_isAUsageError() {
        StringWriter err = new StringWriter();
        PrintWriter errWriter = new PrintWriter(err, true);
        PrintWriter out = new PrintWriter(new StringWriter(), true);

        int certOnly = dev.gaus.server.internal.cli.ServerCli.run(out, errWriter, "serve", "--port", "0",
                "--data-dir", certs.toString(), "--tls-cert", "cert.pem");
        int both = dev.gaus.server.internal.cli.ServerCli.run(out, errWriter, "serve", "--port", "0",
                "--data-dir", certs.toString(), "--tls-self-signed", "--tls-keystore", "server.p12");
        int noPassword = dev.gaus.server.internal.cli.ServerCli.run(out, errWriter, "serve", "--port", "0",
                "--data-dir", certs.toString(), "--tls-keystore", "server.p12");

        assertThat(certOnly).isEqualTo(2);
        assertThat(both).isEqualTo(2);
        assertThat(noPassword).isEqualTo(2);
        assertThat(err.toString()).contains("--tls-cert and --tls-key go together")
                .contains("choose one of").contains("GAUS_TLS_KEYSTORE_PASSWORD");
    }

    /** Handshakes with {@code protocol} only and returns the protocol of the session. */
    private static String handshake(SSLContext context, int port, String protocol) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.setEnabledProtocols(new String[] {protocol});
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }

    private static BigInteger servedSerial(SSLContext context, int port) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    /** A plain JDK TLS server that accepts TLS 1.1, to show that the test client can speak it. */
    private static String handshakeWithTls11Server(TestCertificate server, SSLContext clientContext) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("k", server.keyPair().getPrivate(), "p".toCharArray(),
                new Certificate[] {server.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(store, "p".toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory().createServerSocket()) {
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
            listener.setEnabledProtocols(new String[] {"TLSv1.1"});
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.setSoTimeout(5000);
                    s.startHandshake();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            String protocol = handshake(clientContext, listener.getLocalPort(), "TLSv1.1");
            accepted.get();
            return protocol;
        }
    }

    private static X509Certificate readCertificate(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static SSLContext sslContextTrusting(X509Certificate ca) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
