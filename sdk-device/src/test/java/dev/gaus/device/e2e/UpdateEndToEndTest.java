package dev.gaus.device.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gaus.core.message.Update;
import dev.gaus.device.GausDevice;
import dev.gaus.device.UpdateCheck;
import dev.gaus.device.UpdateVerificationException;
import dev.gaus.device.cli.Main;
import dev.gaus.server.GausServer;
import dev.gaus.server.testing.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Publish on the real reference server, then find, download, verify and report with the SDK and its CLI. */
@Timeout(60)
class UpdateEndToEndTest {
    @TempDir
    Path dir;

    private GausServer server;
    private Path serverDir;
    private byte[] firmware;
    private String updateId;

    @BeforeEach
    void startServerAndPublish() throws Exception {
        serverDir = dir.resolve("server");
        server = GausServer.builder().host("127.0.0.1").port(0).dataDir(serverDir).start();
        firmware = new byte[400_000];
        new Random(5).nextBytes(firmware);
        Path file = Files.write(dir.resolve("fw-1.0.2.bin"), firmware);
        updateId = admin("update", "publish", "--product", "demo", "--type", "firmware", "--version", "1.0.2",
                "--file", file.toString()).strip();
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

    private GausDevice device(String id) {
        return GausDevice.builder().bootstrapFile(server.bootstrapFile()).deviceId(id)
                .stateFile(dir.resolve(id + "/device.data")).build();
    }

    private record CliRun(int code, String out, String err) {}

    private static CliRun cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    @Test
    void device_findsDownloadsVerifiesAndReports_andTheOperatorSeesTheRollout() throws Exception {
        GausDevice device = device("e2e-update-1");
        device.ensureRegistered();

        UpdateCheck check = device.checkForUpdates(Map.of("firmware-version", "1.0.0"));
        assertThat(check.updates()).singleElement().satisfies(u -> {
            assertThat(u.updateId()).isEqualTo(updateId);
            assertThat(u.size()).isEqualTo(firmware.length);
        });
        Path target = dir.resolve("updates/firmware.bin");
        device.download(check.updates().get(0), target);

        assertThat(Files.readAllBytes(target)).isEqualTo(firmware);
        assertThat(device.checkForUpdates(Map.of("firmware-version", "1.0.2")).updates()).isEmpty();
        String status = admin("update", "status", "--update-id", updateId);
        assertThat(status).containsPattern("download\\s+1\\s+0\\s+0").containsPattern("verify\\s+1\\s+0\\s+0")
                .containsPattern("install\\s+0\\s+0\\s+0");
    }

    @Test
    void device_resumesAnInterruptedDownloadFromTheServerWithRange() throws Exception {
        GausDevice device = device("e2e-update-2");
        device.ensureRegistered();
        Update update = device.checkForUpdates(Map.of()).updates().get(0);
        Path target = dir.resolve("updates/fw.bin");
        Files.createDirectories(target.getParent());
        Files.write(target.resolveSibling("fw.bin.part"), Arrays.copyOf(firmware, 150_001));

        device.download(update, target);

        assertThat(Files.readAllBytes(target)).isEqualTo(firmware);
        assertThat(target.resolveSibling("fw.bin.part")).doesNotExist();
    }

    @Test
    void device_refusesCorruptedBytes_andReportsTheFailedVerification() throws Exception {
        try (Stream<Path> files = Files.list(serverDir.resolve("files"))) {
            Path stored = files.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}")).findFirst().orElseThrow();
            byte[] corrupted = firmware.clone();
            corrupted[1234] ^= 0x01;
            Files.write(stored, corrupted);
        }
        GausDevice device = device("e2e-update-3");
        device.ensureRegistered();
        Update update = device.checkForUpdates(Map.of()).updates().get(0);
        Path target = dir.resolve("updates/fw.bin");

        UpdateVerificationException e = catchThrowableOfType(UpdateVerificationException.class,
                () -> device.download(update, target));

        assertThat(e.failedCheck()).isEqualTo(UpdateVerificationException.Check.MD5);
        assertThat(target).doesNotExist();
        assertThat(target.resolveSibling("fw.bin.part")).doesNotExist();
        assertThat(admin("update", "status", "--update-id", updateId))
                .containsPattern("download\\s+1\\s+0\\s+0").containsPattern("verify\\s+0\\s+1\\s+0");
    }

    @Test
    void cliDownload_downloadsEveryOfferedUpdateVerified() throws Exception {
        Path app = Files.write(dir.resolve("app.bin"), "app v10".getBytes());
        admin("update", "publish", "--product", "demo", "--type", "app", "--version", "10", "--version-type", "number",
                "--file", app.toString());
        Path state = dir.resolve("cli/device.data");
        assertThat(cli("register", "--state", state.toString(), "--bootstrap", server.bootstrapFile().toString(),
                "--device-id", "e2e-cli-1").code()).isZero();
        Path out = dir.resolve("cli/updates");

        CliRun run = cli("download", "--state", state.toString(), "--param", "firmware-version=1.0.0",
                "--param", "app-version=9", "--dir", out.toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Files.readAllBytes(out.resolve("firmware-1.0.2"))).isEqualTo(firmware);
        assertThat(Files.readString(out.resolve("app-10"))).isEqualTo("app v10");
        assertThat(run.out()).contains(updateId);

        CliRun nothing = cli("download", "--state", state.toString(), "--param", "firmware-version=1.0.2",
                "--param", "app-version=10", "--dir", out.toString());
        assertThat(nothing.code()).isZero();
        assertThat(nothing.out()).contains("no updates offered");
    }

    @Test
    void cliDownload_corruptedFile_exitsNonZeroAndLeavesNoFile() throws Exception {
        try (Stream<Path> files = Files.list(serverDir.resolve("files"))) {
            Path stored = files.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}")).findFirst().orElseThrow();
            byte[] corrupted = firmware.clone();
            corrupted[0] ^= 0x40;
            Files.write(stored, corrupted);
        }
        Path state = dir.resolve("cli2/device.data");
        assertThat(cli("register", "--state", state.toString(), "--bootstrap", server.bootstrapFile().toString(),
                "--device-id", "e2e-cli-2").code()).isZero();

        CliRun run = cli("download", "--state", state.toString(), "--dir", dir.resolve("cli2/updates").toString());

        assertThat(run.code()).isEqualTo(5);
        assertThat(run.err()).contains(updateId).doesNotContain("Exception");
        assertThat(dir.resolve("cli2/updates/firmware-1.0.2")).doesNotExist();
    }
}
