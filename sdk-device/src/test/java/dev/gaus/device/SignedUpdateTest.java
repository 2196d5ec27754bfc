package dev.gaus.device;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gaus.core.KeyValueFile;
import dev.gaus.core.UpdateKey;
import dev.gaus.core.UpdateSignature;
import dev.gaus.core.UpdateSignature.Fields;
import dev.gaus.core.VersionScheme;
import dev.gaus.device.UpdateVerificationException.Check;
import dev.gaus.device.cli.Main;
import dev.gaus.device.support.ScriptedServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device that trusts update keys against a scripted server (WireMock) that offers a genuinely
 * signed update, or rewrites what it announces: each rewrite of the signed fields, a cut or
 * altered signature, another key, no signature, and a downgrade are refused before a byte is
 * downloaded, with {@code verify failed} reported and nothing left on disk.
 */
@Timeout(30)
class SignedUpdateTest {
    @RegisterExtension
    static final ScriptedServer server = new ScriptedServer();

    private static final String CHECK = "/device/prod-guid-1/dev-guid-1/check-for-updates";
    private static final String REPORT = "/device/prod-guid-1/dev-guid-1/report";
    private static final String FILE = "/files/fw.bin";
    private static final byte[] CONTENT = new byte[50_000];
    private static KeyPair keyA;
    private static KeyPair keyB;
    private static String sha256;
    private static String md5;

    @TempDir
    Path dir;

    private Path bootstrap;

    @BeforeAll
    static void keys() throws Exception {
        new Random(42).nextBytes(CONTENT);
        keyA = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        keyB = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(CONTENT));
        md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(CONTENT));
    }

    @BeforeEach
    void scriptServer() throws Exception {
        server.stubRegister(3600);
        server.stubAuthenticate(Instant.now(), Duration.ofHours(1));
        server.wm().stubFor(post(REPORT).willReturn(okJson("{}")));
        server.wm().stubFor(get(FILE).willReturn(aResponse().withStatus(200).withBody(CONTENT)));
        bootstrap = server.writeBootstrap(dir);
    }

    private static UpdateKey key(KeyPair pair) {
        return UpdateKey.of(pair.getPublic());
    }

    /** The update as offered: announced fields and signature metadata, each of which a test may rewrite. */
    private record Offer(String version, long size, String sha256, String scheme, String keyId, String signature) {
        static Offer signed(KeyPair key, Fields fields) {
            return new Offer(fields.version(), fields.size(), fields.sha256(), "semver", key(key).id(),
                    UpdateSignature.sign(fields, key.getPrivate()));
        }

        String json() {
            StringBuilder metadata = new StringBuilder("\"toSha256\":\"" + sha256 + "\"");
            if (scheme != null) {
                metadata.append(",\"gausVersionScheme\":\"").append(scheme).append('"');
            }
            if (signature != null) {
                metadata.append(",\"gausSignatureKeyId\":\"").append(keyId).append("\",\"gausSignature\":\"")
                        .append(signature).append('"');
            }
            return "{\"updates\":[{\"updateId\":\"u-1\",\"updateType\":\"firmware\",\"version\":\"" + version
                    + "\",\"packageType\":\"file\",\"downloadUrl\":\"" + server.url() + FILE + "\",\"size\":" + size
                    + ",\"md5\":\"" + md5 + "\",\"metadata\":{" + metadata + "}}]}";
        }
    }

    private static Fields fields(String product, String version) {
        return new Fields(product, "firmware", version, VersionScheme.SEMVER, CONTENT.length, sha256);
    }

    private static Offer genuine() {
        return Offer.signed(keyA, fields("prod-guid-1", "1.0.2"));
    }

    private void offer(Offer offer) {
        server.wm().stubFor(get(urlPathEqualTo(CHECK)).willReturn(okJson(offer.json())));
    }

    private GausDevice device(List<UpdateKey> trusted, boolean allowDowngrade) {
        return GausDevice.builder().bootstrapFile(bootstrap).stateFile(dir.resolve("state/device.data"))
                .updateKeys(trusted).allowDowngrade(allowDowngrade)
                .clientOptions(c -> c.retryStrategy(RetryStrategy.builder().maxAttempts(2).build())).build();
    }

    private Path downloadFirst(GausDevice device, Map<String, String> params) {
        Path target = dir.resolve("updates/fw.bin");
        device.download(device.checkForUpdates(params).updates().get(0), target);
        return target;
    }

    /** Refused with {@code check}, nothing fetched, nothing on disk, verify failed reported. */
    private void assertRefused(GausDevice device, Map<String, String> params, Check check, String message) {
        Path target = dir.resolve("updates/fw.bin");
        UpdateVerificationException e = catchThrowableOfType(UpdateVerificationException.class,
                () -> downloadFirst(device, params));
        assertThat(e.failedCheck()).isEqualTo(check);
        assertThat(e.getMessage()).contains(message);
        assertThat(server.wm().findAll(getRequestedFor(urlPathEqualTo(FILE)))).isEmpty();
        assertThat(target).doesNotExist();
        assertThat(target.resolveSibling("fw.bin.part")).doesNotExist();
        assertThat(server.wm().findAll(postRequestedFor(urlPathEqualTo(REPORT))
                .withRequestBody(containing("\"phase\":\"verify\"")).withRequestBody(containing("\"status\":\"failed\""))))
                .hasSize(1);
    }

    @Test
    void aGenuinelySignedUpdate_isDownloadedAndVerified() throws Exception {
        offer(genuine());

        Path file = downloadFirst(device(List.of(key(keyA)), false), Map.of("firmware-version", "1.0.0"));

        assertThat(Files.readAllBytes(file)).isEqualTo(CONTENT);
    }

    @Test
    void aServerRewritingTheVersion_isCaughtByTheSignature() {
        Offer g = genuine();
        offer(new Offer("1.0.3", g.size(), g.sha256(), g.scheme(), g.keyId(), g.signature()));

        assertRefused(device(List.of(key(keyA)), false), Map.of("firmware-version", "1.0.0"), Check.SIGNATURE,
                "update u-1 (firmware 1.0.3): the signature by key " + key(keyA).id() + " does not cover the announced"
                        + " product, type, version, version scheme, size and SHA-256");
    }

    @Test
    void aServerRewritingTheSize_isCaughtByTheSignature() {
        Offer g = genuine();
        offer(new Offer(g.version(), g.size() + 1, g.sha256(), g.scheme(), g.keyId(), g.signature()));

        assertRefused(device(List.of(key(keyA)), false), Map.of(), Check.SIGNATURE, "does not cover the announced");
    }

    @Test
    void aServerRewritingTheSha256OrTheVersionScheme_isCaughtByTheSignature() {
        Offer g = genuine();
        offer(new Offer(g.version(), g.size(), "0".repeat(64), g.scheme(), g.keyId(), g.signature()));
        assertRefused(device(List.of(key(keyA)), false), Map.of(), Check.SIGNATURE, "does not cover the announced");

        server.wm().resetRequests();
        offer(new Offer(g.version(), g.size(), g.sha256(), "string", g.keyId(), g.signature()));
        assertRefused(device(List.of(key(keyA)), false), Map.of(), Check.SIGNATURE, "does not cover the announced");
    }

    @Test
    void anUpdateSignedForAnotherProduct_isRefused() {
        offer(Offer.signed(keyA, fields("another-product-guid", "1.0.2")));

        assertRefused(device(List.of(key(keyA)), false), Map.of(), Check.SIGNATURE, "does not cover the announced product");
    }

    @Test
    void aTruncatedOrAlteredSignature_isRefused() {
        Offer g = genuine();
        offer(new Offer(g.version(), g.size(), g.sha256(), g.scheme(), g.keyId(), g.signature().substring(0, 60)));
        assertRefused(device(List.of(key(keyA)), false), Map.of(), Check.SIGNATURE,
                "update u-1 (firmware 1.0.2) cannot be verified: the signature has 45 bytes; an Ed25519 signature has 64");

        server.wm().resetRequests();
        byte[] altered = Base64.getDecoder().decode(g.signature());
        altered[33] ^= 0x04;
        offer(new Offer(g.version(), g.size(), g.sha256(), g.scheme(), g.keyId(),
                Base64.getEncoder().encodeToString(altered)));
        assertRefused(device(List.of(key(keyA)), false), Map.of(), Check.SIGNATURE, "does not cover the announced");
    }

    @Test
    void anUnsignedUpdate_anUnknownKey_andAMissingVersionScheme_areRefused() {
        Offer g = genuine();
        offer(new Offer(g.version(), g.size(), g.sha256(), null, null, null));
        assertRefused(device(List.of(key(keyA)), false), Map.of(), Check.SIGNATURE,
                "update u-1 (firmware 1.0.2) is not signed; this device installs only updates signed by one of its keys ("
                        + key(keyA).id() + ")");

        server.wm().resetRequests();
        offer(Offer.signed(keyB, fields("prod-guid-1", "1.0.2")));
        assertRefused(device(List.of(key(keyA)), false), Map.of(), Check.SIGNATURE,
                "is signed by key " + key(keyB).id() + ", which this device does not trust (it trusts " + key(keyA).id() + ")");

        server.wm().resetRequests();
        offer(new Offer(g.version(), g.size(), g.sha256(), null, g.keyId(), g.signature()));
        assertRefused(device(List.of(key(keyA)), false), Map.of(), Check.SIGNATURE,
                "cannot be verified: it announces no metadata gausVersionScheme");
    }

    @Test
    void aDeviceTrustingTwoKeys_takesUpdatesSignedByEither() throws Exception {
        GausDevice device = device(List.of(key(keyA), key(keyB)), false);
        offer(genuine());
        assertThat(Files.readAllBytes(downloadFirst(device, Map.of()))).isEqualTo(CONTENT);
        offer(Offer.signed(keyB, fields("prod-guid-1", "1.0.2")));
        assertThat(Files.readAllBytes(downloadFirst(device, Map.of()))).isEqualTo(CONTENT);
    }

    @Test
    void aGenuineOlderOrEqualVersion_isRefusedAsADowngrade_unlessAllowed() throws Exception {
        offer(genuine());
        assertRefused(device(List.of(key(keyA)), false), Map.of("firmware-version", "1.0.3"), Check.DOWNGRADE,
                "update u-1 (firmware 1.0.2) is not newer than the firmware 1.0.3 this device runs (by semver);"
                        + " downgrades must be allowed explicitly");
        server.wm().resetRequests();
        assertRefused(device(List.of(key(keyA)), false), Map.of("firmware-version", "1.0.2"), Check.DOWNGRADE,
                "is not newer than the firmware 1.0.2");
        server.wm().resetRequests();
        assertRefused(device(List.of(key(keyA)), false), Map.of("firmware-version", "not-semver"), Check.DOWNGRADE,
                "is not newer than the firmware not-semver");

        Path file = downloadFirst(device(List.of(key(keyA)), true), Map.of("firmware-version", "1.0.3"));
        assertThat(Files.readAllBytes(file)).isEqualTo(CONTENT);
    }

    @Test
    void aDeviceTrustingNoKey_downloadsUnsignedUpdatesAsBefore() throws Exception {
        Offer g = genuine();
        offer(new Offer(g.version(), g.size(), g.sha256(), null, null, null));

        Path file = downloadFirst(device(List.of(), false), Map.of("firmware-version", "9.9.9"));

        assertThat(Files.readAllBytes(file)).isEqualTo(CONTENT);
    }

    @Test
    void keysOfTheBootstrap_areKeptInDeviceData_andUsedByADeviceBuiltFromTheStateAlone() throws Exception {
        Files.writeString(bootstrap, Files.readString(bootstrap) + "GAUS_UPDATE_KEYS=\"" + key(keyA).entry() + "\"\n");
        Path state = dir.resolve("state/device.data");
        GausDevice.builder().bootstrapFile(bootstrap).stateFile(state).build().ensureRegistered();
        assertThat(KeyValueFile.read(state)).containsEntry("GAUS_UPDATE_KEYS", key(keyA).entry());

        GausDevice fromState = GausDevice.builder().stateFile(state).build();
        Offer g = genuine();
        offer(new Offer(g.version(), g.size(), g.sha256(), null, null, null));
        assertRefused(fromState, Map.of(), Check.SIGNATURE, "is not signed");

        // The builder's keys replace the state's.
        offer(Offer.signed(keyB, fields("prod-guid-1", "1.0.2")));
        GausDevice trustingB = GausDevice.builder().stateFile(state).updateKeys(List.of(key(keyB))).build();
        assertThat(Files.readAllBytes(downloadFirst(trustingB, Map.of()))).isEqualTo(CONTENT);
    }

    @Test
    void aWrongKeyInTheBootstrap_stopsTheRegistrationWithOneLineNamingFileAndKey() throws Exception {
        Files.writeString(bootstrap, Files.readString(bootstrap) + "GAUS_UPDATE_KEYS=\"0000000000000000:"
                + key(keyA).base64() + "\"\n");

        GausClientException e = catchThrowableOfType(GausClientException.class,
                () -> GausDevice.builder().bootstrapFile(bootstrap).stateFile(dir.resolve("s/device.data")).build()
                        .ensureRegistered());

        assertThat(e.reason()).isEqualTo(GausClientException.Reason.LOCAL_STATE);
        assertThat(e.getMessage()).isEqualTo(bootstrap + ": GAUS_UPDATE_KEYS: update key '0000000000000000' is not the"
                + " id of its public key, which is " + key(keyA).id());
        assertThat(server.wm().findAll(postRequestedFor(urlPathEqualTo("/register")))).isEmpty();
    }

    @Test
    void cliDownloadAndRun_refuseADowngradeWithExitCode5AndOneLine_andAllowItWhenAsked() throws Exception {
        Files.writeString(bootstrap, Files.readString(bootstrap) + "GAUS_UPDATE_KEYS=\"" + key(keyA).entry() + "\"\n");
        String state = dir.resolve("cli/device.data").toString();
        assertThat(cli("register", "--state", state, "--bootstrap", bootstrap.toString()).code()).isZero();
        offer(genuine());
        String out = dir.resolve("cli/updates").toString();

        CliRun refused = cli("download", "--state", state, "--param", "firmware-version=1.0.3", "--dir", out);
        assertThat(refused.code()).isEqualTo(5);
        assertThat(refused.err()).isEqualTo("gaus-device download: u-1 firmware 1.0.2: update u-1 (firmware 1.0.2) is"
                + " not newer than the firmware 1.0.3 this device runs (by semver); downgrades must be allowed explicitly\n");
        assertThat(dir.resolve("cli/updates/firmware-1.0.2")).doesNotExist();

        CliRun run = cli("run", "--state", state, "--param", "firmware-version=1.0.3", "--max-checks", "1");
        assertThat(run.code()).isEqualTo(5);
        assertThat(run.err()).isEqualTo("gaus-device run: u-1 firmware 1.0.2: update u-1 (firmware 1.0.2) is not newer"
                + " than the firmware 1.0.3 this device runs (by semver); downgrades must be allowed explicitly\n");
        assertThat(cli("run", "--state", state, "--param", "firmware-version=1.0.3", "--max-checks", "1",
                "--allow-downgrade").code()).isZero();

        CliRun allowed = cli("download", "--state", state, "--param", "firmware-version=1.0.3", "--dir", out,
                "--allow-downgrade");
        assertThat(allowed.code()).as(allowed.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("cli/updates/firmware-1.0.2"))).isEqualTo(CONTENT);
    }

    private record CliRun(int code, String out, String err) {}

    private static CliRun cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }
}
