package dev.gaus.device.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gaus.core.KeyValueFile;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.device.DeviceState;
import dev.gaus.device.GausClient;
import dev.gaus.device.GausClientException;
import dev.gaus.device.GausDevice;
import dev.gaus.device.GausTlsException;
import dev.gaus.device.GausTlsException.Check;
import dev.gaus.device.UpdateCheck;
import dev.gaus.device.cli.Main;
import dev.gaus.device.internal.TlsContexts;
import dev.gaus.server.GausServer;
import dev.gaus.server.testing.TestCertificate;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK and its CLI against the reference server over HTTPS, with certificates made here: what
 * must work does, and each refused certificate is refused with the check that refused it, once.
 */
@Timeout(60)
class HttpsTest {
    private static final Instant NOW = Instant.now();

    @TempDir
    Path dir;

    private GausServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static TestCertificate ca(String name) {
        return TestCertificate.ca(name, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(30)));
    }

    private static TestCertificate leaf(TestCertificate ca, List<String> hosts, Instant notBefore, Instant notAfter) {
        return ca.issueServer(hosts, notBefore, notAfter);
    }

    private static TestCertificate valid(TestCertificate ca) {
        return leaf(ca, List.of("localhost", "127.0.0.1"), NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(30)));
    }

    /** Starts the server over HTTPS with {@code cert} (and its CA in the chain). */
    private GausServer serve(TestCertificate cert, TestCertificate ca) throws IOException {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        Path chain = certs.resolve("cert.pem");
        Path key = certs.resolve("key.pem");
        Files.writeString(chain, cert.certificatePem() + ca.certificatePem());
        Files.writeString(key, cert.privateKeyPem());
        server = GausServer.builder().host("127.0.0.1").port(0).dataDir(dir.resolve("server")).tlsPem(chain, key)
                .start();
        return server;
    }

    private Path caFile(TestCertificate ca, String name) throws IOException {
        return Files.writeString(dir.resolve(name), ca.certificatePem());
    }

    private AuthParameters product() {
        Map<String, String> values = KeyValueFile.read(server.bootstrapFile());
        return new AuthParameters(values.get(KeyValueFile.PRODUCT_ACCESS_KEY), values.get(KeyValueFile.PRODUCT_SECRET_KEY));
    }

    /** Registers with a client that records every retry it would wait for; returns the TLS failure. */
    private GausTlsException refusal(GausClient.Builder builder, List<Duration> sleeps) {
        GausClient client = builder.serverUrl(server.url())
                .sleeper(sleeps::add).build();
        Throwable thrown = Assertions.catchThrowable(() -> client.register("tls-1", product()));
        assertThat(thrown).isInstanceOf(GausTlsException.class);
        GausTlsException e = (GausTlsException) thrown;
        assertThat(e.reason()).isEqualTo(GausClientException.Reason.TLS);
        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).contains("POST /register: TLS handshake with 127.0.0.1:" + server.port())
                .doesNotContain("\n").doesNotContain(product().secretKey());
        return e;
    }

    private static String pin(TestCertificate cert) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(cert.certificate().getPublicKey().getEncoded()));
    }

    @Test
    void device_withTheServersCa_registersAuthenticatesPollsAndReportsOverHttps() throws Exception {
        TestCertificate ca = ca("test CA");
        serve(valid(ca), ca);
        Path bootstrap = dir.resolve("bootstrap.conf");
        Map<String, String> values = new LinkedHashMap<>(KeyValueFile.read(server.bootstrapFile()));
        values.put(KeyValueFile.GAUS_CA_CERT, caFile(ca, "ca.pem").toString());
        KeyValueFile.writeAtomically(bootstrap, values);
        Path state = dir.resolve("device.data");

        GausDevice device = GausDevice.builder().bootstrapFile(bootstrap).deviceId("https-device-1").stateFile(state)
                .build();
        DeviceState registered = device.ensureRegistered();
        UpdateCheck first = device.checkForUpdates(Map.of("firmware-version", "1.0.0"));
        UpdateCheck second = device.checkForUpdates(Map.of("firmware-version", "1.0.0"));
        device.reportGauge("temperature", 21.5);

        assertThat(registered.serverUrl().getScheme()).isEqualTo("https");
        assertThat(device.session().deviceGUID()).isNotBlank();
        assertThat(first.updates()).isEmpty();
        assertThat(second.unchanged()).as("304 with the ETag over HTTPS too").isTrue();
        assertThat(KeyValueFile.read(state)).containsEntry(KeyValueFile.GAUS_CA_CERT, dir.resolve("ca.pem").toString());
        // A later run reads the CA from device.data alone.
        GausDevice later = GausDevice.builder().stateFile(state).build();
        assertThat(later.authenticate().deviceGUID()).isEqualTo(device.session().deviceGUID());
    }

    @Test
    void unknownCa_isRefusedAsUnknownIssuer_withoutRetrying() throws Exception {
        TestCertificate ca = ca("test CA");
        serve(valid(ca), ca);
        List<Duration> sleeps = new ArrayList<>();

        GausTlsException otherCa = refusal(GausClient.builder().caCertificate(caFile(ca("another CA"), "other.pem")),
                sleeps);
        GausTlsException platformCas = refusal(GausClient.builder(), sleeps);

        assertThat(otherCa.check()).isEqualTo(Check.UNKNOWN_ISSUER);
        assertThat(otherCa.getMessage()).contains("not issued by a trusted CA").contains("GAUS_CA_CERT");
        assertThat(platformCas.check()).isEqualTo(Check.UNKNOWN_ISSUER);
        assertThat(sleeps).as("TLS failures are not retried").isEmpty();
    }

    @Test
    void expiredCertificate_isRefusedAsExpired() throws Exception {
        TestCertificate ca = ca("test CA");
        serve(leaf(ca, List.of("localhost", "127.0.0.1"), NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1))),
                ca);
        List<Duration> sleeps = new ArrayList<>();

        GausTlsException e = refusal(GausClient.builder().caCertificate(caFile(ca, "ca.pem")), sleeps);

        assertThat(e.check()).isEqualTo(Check.EXPIRED);
        assertThat(e.getMessage()).contains("has expired");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void certificateForAnotherHost_isRefusedAsWrongHost() throws Exception {
        TestCertificate ca = ca("test CA");
        serve(leaf(ca, List.of("gaus.example.com", "10.9.8.7"), NOW.minus(Duration.ofHours(1)),
                NOW.plus(Duration.ofDays(1))), ca);
        List<Duration> sleeps = new ArrayList<>();

        GausTlsException e = refusal(GausClient.builder().caCertificate(caFile(ca, "ca.pem")), sleeps);

        assertThat(e.check()).isEqualTo(Check.WRONG_HOST);
        assertThat(e.getMessage()).contains("does not name this host");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void everyConnection_asksForTheHostNameCheck_andTls12OrNewer() {
        // Set on the client itself, so the JDK's jdk.internal.httpclient.disableHostnameVerification
        // property, which only adds the check when the parameters lack it, cannot remove it.
        SSLParameters parameters = TlsContexts.parameters();

        assertThat(parameters.getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
        assertThat(parameters.getProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
    }

    @Test
    void pinnedPublicKey_ofTheServerOrItsCa_isAccepted_andAnyOtherIsRefusedAsPinMismatch() throws Exception {
        TestCertificate ca = ca("test CA");
        TestCertificate cert = valid(ca);
        serve(cert, ca);
        Path caFile = caFile(ca, "ca.pem");
        String leafHex = HexFormat.of().formatHex(Base64.getDecoder().decode(pin(cert)));

        GausClient byLeafPin = GausClient.builder().serverUrl(server.url()).caCertificate(caFile)
                .pinPublicKey(pin(valid(ca))).pinPublicKey("sha256//" + pin(cert)).build();
        GausClient byCaPinHex = GausClient.builder().serverUrl(server.url()).caCertificate(caFile)
                .pinPublicKey(HexFormat.of().formatHex(Base64.getDecoder().decode(pin(ca)))).build();
        assertThat(byLeafPin.register("pinned-1", product()).deviceAuthParameters()).isNotNull();
        assertThat(byCaPinHex.register("pinned-2", product()).deviceAuthParameters()).isNotNull();

        List<Duration> sleeps = new ArrayList<>();
        GausTlsException e = refusal(GausClient.builder().caCertificate(caFile).pinPublicKey(pin(valid(ca))), sleeps);
        assertThat(e.check()).isEqualTo(Check.PIN_MISMATCH);
        assertThat(e.getMessage()).contains("matches no pinned key").contains(pin(cert));
        assertThat(sleeps).isEmpty();
        assertThat(leafHex).hasSize(64);
    }

    @Test
    void pin_doesNotReplaceTheChainCheck() throws Exception {
        TestCertificate ca = ca("test CA");
        TestCertificate cert = valid(ca);
        serve(cert, ca);

        GausTlsException e = refusal(GausClient.builder().pinPublicKey(pin(cert)), new ArrayList<>());

        assertThat(e.check()).isEqualTo(Check.UNKNOWN_ISSUER);
    }

    @Test
    void httpsUrlOnAPlainHttpServer_isRefusedAsNotTls_withoutRetrying() {
        server = GausServer.builder().host("127.0.0.1").port(0).dataDir(dir.resolve("server")).start();
        List<Duration> sleeps = new ArrayList<>();
        GausClient client = GausClient.builder().serverUrl("https://127.0.0.1:" + server.port())
                .sleeper(sleeps::add).build();

        Throwable thrown = Assertions.catchThrowable(() -> client.register("tls-1", product()));

        assertThat(thrown).isInstanceOfSatisfying(GausTlsException.class,
                e -> assertThat(e.check()).isEqualTo(Check.NOT_TLS));
        assertThat(thrown.getMessage()).contains("does not speak TLS");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void downloadFromAnUntrustedHost_isRefusedAsUnknownIssuer_withoutRetrying() throws Exception {
        TestCertificate ca = ca("test CA");
        serve(valid(ca), ca);
        List<Duration> sleeps = new ArrayList<>();
        GausClient client = GausClient.builder().serverUrl(server.url())
                .caCertificate(caFile(ca("another CA"), "other.pem"))
                .sleeper(sleeps::add).build();
        dev.gaus.core.message.Update update = new dev.gaus.core.message.Update("u-1", "firmware", "1.0.2", "file",
                server.url() + "/files/fw.bin", 10, "0123456789abcdef0123456789abcdef", Map.of());

        Throwable thrown = Assertions.catchThrowable(
                () -> client.download(update, dir.resolve("fw.bin")));

        assertThat(thrown).isInstanceOfSatisfying(GausTlsException.class,
                e -> assertThat(e.check()).isEqualTo(Check.UNKNOWN_ISSUER));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void malformedPin_isRefusedByTheBuilder() {
        assertThatThrownBy(() -> GausClient.builder().pinPublicKey("abc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHA-256");
        assertThatThrownBy(() -> GausClient.builder().serverUrl("https://gaus.example")
                .sslContext(SSLContext.getDefault())
                .pinPublicKey(Base64.getEncoder().encodeToString(new byte[32])).build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void cli_register_withTheSelfSignedServersBootstrapAlone_works_andLaterCommandsUseTheState() {
        server = GausServer.builder().host("127.0.0.1").port(0).dataDir(dir.resolve("server")).tlsSelfSigned().start();
        Path state = dir.resolve("device/device.data");

        String[] register = cli("register", "--bootstrap", server.bootstrapFile().toString(), "--state", state.toString(),
                "--device-id", "cli-https-1");
        String[] check = cli("check", "--state", state.toString());

        assertThat(register[0]).as("stderr: %s", register[2]).isEqualTo("0");
        assertThat(register[1]).contains("registered device cli-https-1 with https://127.0.0.1:");
        assertThat(KeyValueFile.read(state)).containsEntry(KeyValueFile.GAUS_CA_CERT,
                server.caCertificate().orElseThrow().toString());
        assertThat(check[0]).as("stderr: %s", check[2]).isEqualTo("0");
    }

    @Test
    void cli_withoutTheCa_failsInOneLineNamingTheCheck_andWithCaCertItWorks() throws Exception {
        server = GausServer.builder().host("127.0.0.1").port(0).dataDir(dir.resolve("server")).tlsSelfSigned().start();
        Path bootstrap = dir.resolve("bootstrap.conf");
        Map<String, String> values = new LinkedHashMap<>(KeyValueFile.read(server.bootstrapFile()));
        values.remove(KeyValueFile.GAUS_CA_CERT);
        KeyValueFile.writeAtomically(bootstrap, values);
        Path state = dir.resolve("device.data");

        String[] refused = cli("register", "--bootstrap", bootstrap.toString(), "--state", state.toString(),
                "--device-id", "cli-https-2", "--retry-for", "1");
        String[] pinned = cli("register", "--bootstrap", bootstrap.toString(), "--state", state.toString(),
                "--device-id", "cli-https-2", "--ca-cert", server.caCertificate().orElseThrow().toString(),
                "--pin-sha256", Base64.getEncoder().encodeToString(new byte[32]), "--retry-for", "1");
        String[] trusted = cli("register", "--bootstrap", bootstrap.toString(), "--state", state.toString(),
                "--device-id", "cli-https-2", "--ca-cert", server.caCertificate().orElseThrow().toString());

        assertThat(refused[0]).isEqualTo("3");
        assertThat(refused[2].strip()).doesNotContain("\n").contains("not issued by a trusted CA");
        assertThat(pinned[0]).isEqualTo("3");
        assertThat(pinned[2]).contains("matches no pinned key");
        assertThat(trusted[0]).as("stderr: %s", trusted[2]).isEqualTo("0");
        assertThat(KeyValueFile.read(state)).containsEntry(KeyValueFile.GAUS_CA_CERT,
                server.caCertificate().orElseThrow().toString());
    }

    @Test
    void cli_provision_overHttps_savesEveryDevice_andEachAuthenticates() throws Exception {
        server = GausServer.builder().host("127.0.0.1").port(0).dataDir(dir.resolve("server")).tlsSelfSigned().start();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            ids.add(String.format("tls-line-%03d", i));
        }
        Path list = Files.write(dir.resolve("ids.txt"), ids);
        Path out = dir.resolve("states");

        String[] run = cli("provision", "--bootstrap", server.bootstrapFile().toString(), "--device-ids", list.toString(),
                "--out-dir", out.toString(), "--parallel", "32");

        assertThat(run[0]).as("stderr: %s", run[2]).isEqualTo("0");
        assertThat(run[1]).contains("provisioned 300, skipped 0, failed 0");
        GausClient client = GausClient.builder().serverUrl(server.url())
                .caCertificate(server.caCertificate().orElseThrow()).build();
        List<String> accessKeys = new ArrayList<>();
        for (String id : ids) {
            Map<String, String> state = KeyValueFile.read(out.resolve(id + ".data"));
            assertThat(state).containsEntry(KeyValueFile.DEVICEID, id)
                    .containsEntry(KeyValueFile.GAUS_CA_CERT, server.caCertificate().orElseThrow().toString());
            AuthParameters keys = new AuthParameters(state.get(KeyValueFile.DEVICE_ACCESS_KEY),
                    state.get(KeyValueFile.DEVICE_SECRET_KEY));
            assertThat(client.authenticate(keys).deviceGUID()).isNotEmpty();
            accessKeys.add(keys.accessKey());
        }
        assertThat(accessKeys).doesNotHaveDuplicates();
    }

    /** Exit code, stdout and stderr of one command line. */
    private static String[] cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }
}
