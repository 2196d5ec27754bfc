package dev.gaus.device.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gaus.core.KeyValueFile;
import dev.gaus.core.UpdateKey;
import dev.gaus.core.message.Update;
import dev.gaus.device.GausDevice;
import dev.gaus.device.UpdateVerificationException;
import dev.gaus.device.UpdateVerificationException.Check;
import dev.gaus.device.cli.Main;
import dev.gaus.server.GausServer;
import dev.gaus.server.testing.Cli;
import dev.gaus.server.testing.SigningKeys;
import dev.gaus.server.testing.SigningKeys.Key;
import dev.gaus.server.testing.StoreTampering;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed updates against the real reference server: keys made and updates signed offline with
 * its admin command line, published, then found, verified, downloaded and reported by the SDK and
 * its CLI. What a device must refuse is published as an operator could (unsigned, another key) or
 * written into the server's store as an attacker holding it could (a signature of another
 * version, product or file); each refusal downloads nothing and leaves nothing on disk.
 */
@Timeout(90)
class SignedUpdateEndToEndTest {
    private static final List<String> SIGNATURE_KEYS = List.of("gausSignature", "gausSignatureKeyId",
            "gausVersionScheme");

    @TempDir
    Path dir;

    private GausServer server;
    private Path serverDir;
    private String demoGuid;
    private Key keyA;
    private Key keyB;
    private byte[] firmware;
    private Path firmwareFile;

    @BeforeEach
    void start() throws IOException {
        serverDir = dir.resolve("server");
        server = GausServer.builder().host("127.0.0.1").port(0).dataDir(serverDir).start();
        demoGuid = SigningKeys.productGuid(serverDir, "demo");
        // The vendor's offline machine: keys in a folder the server never sees.
        Path offline = Files.createDirectories(dir.resolve("offline"));
        keyA = SigningKeys.generate(offline.resolve("a.pem"));
        keyB = SigningKeys.generate(offline.resolve("b.pem"));
        firmware = new byte[300_000];
        new Random(16).nextBytes(firmware);
        firmwareFile = Files.write(dir.resolve("fw-1.0.2.bin"), firmware);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String admin(String... args) {
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--data-dir";
        all[args.length + 1] = serverDir.toString();
        return Cli.run(all).ok();
    }

    /** Signs offline and publishes with the signature file; returns the updateId. */
    private String publishSigned(Key key, String product, String productGuid, String type, String version, Path file) {
        Path signature = SigningKeys.sign(key, productGuid, type, version, file, dir.resolve(type + "-" + version + ".sig"));
        return admin("update", "publish", "--product", product, "--type", type, "--version", version, "--file",
                file.toString(), "--signature", signature.toString()).strip();
    }

    private String publishUnsigned(String product, String type, String version, Path file) {
        return admin("update", "publish", "--product", product, "--type", type, "--version", version, "--file",
                file.toString()).strip();
    }

    /** The server's bootstrap.conf with the vendor's trusted keys appended, as shipped on a device. */
    private Path bootstrapTrusting(Key... keys) throws IOException {
        String line = "GAUS_UPDATE_KEYS=\"" + String.join(",", Stream.of(keys).map(Key::entry).toList()) + "\"\n";
        return Files.writeString(dir.resolve("bootstrap-" + keys.length + "-" + keys[0].id() + ".conf"),
                Files.readString(server.bootstrapFile()) + line);
    }

    private GausDevice device(String id, Path bootstrap) {
        return GausDevice.builder().bootstrapFile(bootstrap).deviceId(id).stateFile(dir.resolve(id + "/device.data"))
                .build();
    }

    private static Update only(GausDevice device, String type, Map<String, String> params) {
        return device.checkForUpdates(params).updates().stream().filter(u -> u.updateType().equals(type)).findFirst()
                .orElseThrow();
    }

    private void assertRefusedWithNothingOnDisk(GausDevice device, Update update, Check check, String message) {
        Path target = dir.resolve("updates/" + update.updateType() + ".bin");
        UpdateVerificationException e = catchThrowableOfType(UpdateVerificationException.class,
                () -> device.download(update, target));
        assertThat(e.failedCheck()).isEqualTo(check);
        assertThat(e.updateId()).isEqualTo(update.updateId());
        assertThat(e.getMessage()).contains(message);
        assertThat(target).doesNotExist();
        assertThat(target.resolveSibling(target.getFileName() + ".part")).doesNotExist();
        // Nothing was downloaded, and the failed verification was reported.
        assertThat(admin("update", "status", "--update-id", update.updateId())).containsPattern("download\\s+0\\s+0\\s+0")
                .containsPattern("verify\\s+0\\s+1\\s+0");
    }

    @Test
    void signedOffline_published_andTheDeviceVerifiesDownloadsAndReports() throws Exception {
        String id = publishSigned(keyA, "demo", demoGuid, "firmware", "1.0.2", firmwareFile);
        GausDevice device = device("signed-1", bootstrapTrusting(keyA));
        device.ensureRegistered();
        assertThat(KeyValueFile.read(device.stateFile())).containsEntry("GAUS_UPDATE_KEYS", keyA.entry());
        assertThat(device.state().orElseThrow().updateKeys()).containsExactly(UpdateKey.parse(keyA.entry()));

        Update update = only(device, "firmware", Map.of("firmware-version", "1.0.0"));
        Path target = dir.resolve("updates/firmware.bin");
        device.download(update, target);

        assertThat(Files.readAllBytes(target)).isEqualTo(firmware);
        assertThat(admin("update", "status", "--update-id", id)).containsPattern("download\\s+1\\s+0\\s+0")
                .containsPattern("verify\\s+1\\s+0\\s+0");
    }

    @Test
    void aDeviceTrustingTwoKeys_takesUpdatesSignedByEither() throws Exception {
        publishSigned(keyA, "demo", demoGuid, "firmware", "1.0.2", firmwareFile);
        Path app = Files.writeString(dir.resolve("app.bin"), "app 2.0.0");
        publishSigned(keyB, "demo", demoGuid, "app", "2.0.0", app);
        GausDevice device = device("rotation-1", bootstrapTrusting(keyA, keyB));

        Map<String, String> params = Map.of("firmware-version", "1.0.0", "app-version", "1.0.0");
        device.download(only(device, "firmware", params), dir.resolve("rot/firmware.bin"));
        device.download(only(device, "app", params), dir.resolve("rot/app.bin"));

        assertThat(Files.readAllBytes(dir.resolve("rot/firmware.bin"))).isEqualTo(firmware);
        assertThat(Files.readString(dir.resolve("rot/app.bin"))).isEqualTo("app 2.0.0");
    }

    @Test
    void anUnsignedUpdate_isRefusedBeforeDownloading() throws Exception {
        publishUnsigned("demo", "firmware", "1.0.2", firmwareFile);
        GausDevice device = device("unsigned-1", bootstrapTrusting(keyA));

        assertRefusedWithNothingOnDisk(device, only(device, "firmware", Map.of()), Check.SIGNATURE,
                "is not signed; this device installs only updates signed by one of its keys (" + keyA.id() + ")");
    }

    @Test
    void anUpdateSignedByAKeyTheDeviceDoesNotTrust_isRefused() throws Exception {
        publishSigned(keyB, "demo", demoGuid, "firmware", "1.0.2", firmwareFile);
        GausDevice device = device("unknown-key-1", bootstrapTrusting(keyA));

        assertRefusedWithNothingOnDisk(device, only(device, "firmware", Map.of()), Check.SIGNATURE,
                "is signed by key " + keyB.id() + ", which this device does not trust (it trusts " + keyA.id() + ")");
    }

    @Test
    void aSignatureOfAnotherVersion_writtenIntoTheStore_isRefused() throws Exception {
        String signed = publishSigned(keyA, "demo", demoGuid, "firmware", "1.0.2", firmwareFile);
        admin("update", "withdraw", "--update-id", signed);
        String forged = publishUnsigned("demo", "firmware", "1.0.3", firmwareFile);
        StoreTampering.copyMetadata(serverDir, signed, forged, SIGNATURE_KEYS);
        GausDevice device = device("other-version-1", bootstrapTrusting(keyA));

        assertRefusedWithNothingOnDisk(device, only(device, "firmware", Map.of("firmware-version", "1.0.0")),
                Check.SIGNATURE, "does not cover the announced product, type, version, version scheme, size and SHA-256");
    }

    @Test
    void aSignatureMadeForAnotherProduct_writtenIntoTheStore_isRefused() throws Exception {
        String signed = publishSigned(keyA, "demo", demoGuid, "firmware", "1.0.2", firmwareFile);
        String other = admin("product", "create", "--name", "other", "--url", server.url().toString());
        String forged = publishUnsigned("other", "firmware", "1.0.2", firmwareFile);
        StoreTampering.copyMetadata(serverDir, signed, forged, SIGNATURE_KEYS);
        Path bootstrap = Files.writeString(dir.resolve("other.conf"), other + keyA.bootstrapLine());
        GausDevice device = device("other-product-1", bootstrap);

        assertRefusedWithNothingOnDisk(device, only(device, "firmware", Map.of()), Check.SIGNATURE,
                "does not cover the announced product");
    }

    @Test
    void aSignatureOfAnotherFile_writtenIntoTheStore_isRefused() throws Exception {
        Path otherFile = Files.write(dir.resolve("other.bin"), Arrays.copyOf(firmware, 1000));
        String signed = publishSigned(keyA, "demo", demoGuid, "firmware", "1.0.2", otherFile);
        admin("update", "withdraw", "--update-id", signed);
        String forged = publishUnsigned("demo", "firmware", "1.0.2", firmwareFile);
        StoreTampering.copyMetadata(serverDir, signed, forged, SIGNATURE_KEYS);
        GausDevice device = device("other-file-1", bootstrapTrusting(keyA));

        assertRefusedWithNothingOnDisk(device, only(device, "firmware", Map.of()), Check.SIGNATURE,
                "does not cover the announced");
    }

    @Test
    void aSignedUpdateWhoseFileIsSwappedInTheStore_isRefusedAfterDownload_byTheSignedSha256() throws Exception {
        // The attacker keeps the signed size and SHA-256 in the answer but serves other bytes of that size.
        publishSigned(keyA, "demo", demoGuid, "firmware", "1.0.2", firmwareFile);
        try (Stream<Path> files = Files.list(serverDir.resolve("files"))) {
            Path stored = files.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}")).findFirst().orElseThrow();
            byte[] swapped = firmware.clone();
            swapped[77] ^= 0x10;
            Files.write(stored, swapped);
        }
        GausDevice device = device("swapped-1", bootstrapTrusting(keyA));
        Update update = only(device, "firmware", Map.of());
        Path target = dir.resolve("updates/swapped.bin");

        UpdateVerificationException e = catchThrowableOfType(UpdateVerificationException.class,
                () -> device.download(update, target));

        assertThat(e.failedCheck()).isIn(Check.MD5, Check.SHA256);
        assertThat(target).doesNotExist();
        assertThat(target.resolveSibling("swapped.bin.part")).doesNotExist();
    }

    @Test
    void cliDownload_takesTheSignedUpdate_andRefusesTheUnsignedOneWithExitCode5AndOneLine() throws Exception {
        String signed = publishSigned(keyA, "demo", demoGuid, "firmware", "1.0.2", firmwareFile);
        String unsigned = publishUnsigned("demo", "app", "7", Files.writeString(dir.resolve("app7.bin"), "app 7"));
        Path state = dir.resolve("cli/device.data");
        assertThat(cli("register", "--state", state.toString(), "--bootstrap", bootstrapTrusting(keyA).toString(),
                "--device-id", "signed-cli-1").code()).isZero();
        Path out = dir.resolve("cli/updates");

        CliRun run = cli("download", "--state", state.toString(), "--param", "firmware-version=1.0.0", "--dir",
                out.toString());

        assertThat(run.code()).isEqualTo(5);
        assertThat(run.out()).contains(signed);
        assertThat(Files.readAllBytes(out.resolve("firmware-1.0.2"))).isEqualTo(firmware);
        assertThat(run.err().lines()).singleElement().asString().startsWith("gaus-device download: " + unsigned
                + " app 7: update " + unsigned + " (app 7) is not signed");
        assertThat(out.resolve("app-7")).doesNotExist();
        assertThat(out.resolve("app-7.part")).doesNotExist();
    }

    private record CliRun(int code, String out, String err) {}

    private static CliRun cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }
}
