package dev.gaus.device.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gaus.core.Credentials;
import dev.gaus.core.KeyValueFile;
import dev.gaus.device.DeviceState;
import dev.gaus.device.GausClient;
import dev.gaus.device.GausDevice;
import dev.gaus.device.GausServiceException;
import dev.gaus.device.PollHandle;
import dev.gaus.device.RegistrationNotSavedException;
import dev.gaus.device.Session;
import dev.gaus.device.UpdateCheck;
import dev.gaus.device.cli.Main;
import dev.gaus.server.GausServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The SDK and the CLI against the real reference server on a real socket and a real store. */
@Timeout(60)
class ReferenceServerEndToEndTest {
    @TempDir
    Path dir;

    private GausServer server;
    private Path state;

    @BeforeEach
    void startServer() {
        server = GausServer.builder().port(0).dataDir(dir.resolve("server")).start();
        state = dir.resolve("device/device.data");
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private GausDevice device() {
        return GausDevice.builder().bootstrapFile(server.bootstrapFile()).deviceId("e2e-device-1")
                .stateFile(state).clientOptions(c -> c.sleeper(d -> Thread.sleep(5))).build();
    }

    @Test
    void device_registersAuthenticatesPollsAndReports() throws Exception {
        GausDevice device = device();

        DeviceState registered = device.ensureRegistered();
        assertThat(Credentials.isWellFormedKey(registered.deviceAuthParameters().accessKey())).isTrue();
        assertThat(Credentials.isWellFormedKey(registered.deviceAuthParameters().secretKey())).isTrue();
        assertThat(KeyValueFile.read(state)).containsEntry("DEVICEID", "e2e-device-1")
                .containsEntry("GAUS_URL", KeyValueFile.read(server.bootstrapFile()).get("GAUS_URL"));

        Session session = device.authenticate();
        assertThat(session.deviceGUID()).isNotBlank();
        assertThat(session.productGUID()).isNotBlank();
        assertThat(session.expiresAt()).isAfter(Instant.now().plus(Duration.ofMinutes(30)));

        UpdateCheck first = device.checkForUpdates(Map.of("firmware-version", "1.0.0", "location", "swe"));
        UpdateCheck second = device.checkForUpdates(Map.of("firmware-version", "1.0.0", "location", "swe"));
        assertThat(first.unchanged()).isFalse();
        assertThat(first.etag()).isNotNull();
        assertThat(second.unchanged()).as("the server answers 304 to the remembered ETag").isTrue();
        assertThat(second.updates()).isEqualTo(first.updates());

        device.reportUpdateStatus("no-such-update", "download", "success");
        device.reportGauge("cpu.temp", 61.5);
        device.reportCounter("boots", 3);

        BlockingQueue<UpdateCheck> polled = new LinkedBlockingQueue<>();
        try (PollHandle handle = device.startPolling(Map.of("firmware-version", "1.0.0"), polled::add)) {
            for (int i = 0; i < 3; i++) {
                assertThat(polled.poll(10, TimeUnit.SECONDS)).as("poll %d", i).isNotNull();
            }
        }

        // A second process of the same device reads the state and does not register again.
        GausDevice restarted = device();
        assertThat(restarted.ensureRegistered()).isEqualTo(registered);
        assertThat(restarted.authenticate().deviceGUID()).isEqualTo(session.deviceGUID());
    }

    @Test
    void device_keepsWorkingAfterTheServerRestartsOnItsData() {
        GausDevice device = device();
        device.ensureRegistered();
        String deviceGuid = device.authenticate().deviceGUID();
        int port = server.port();
        server.close();
        server = GausServer.builder().port(port).dataDir(dir.resolve("server")).start();

        assertThat(device().authenticate().deviceGUID()).isEqualTo(deviceGuid);
        assertThat(device().checkForUpdates(Map.of()).unchanged()).isFalse();
    }

    @Test
    void register_afterTheStateCouldNotBeSaved_getsTheSameRegistrationBackInsteadOfAnOrphan() throws Exception {
        Files.createDirectories(state.resolve("blocker"));
        RegistrationNotSavedException failed = catchThrowableOfType(RegistrationNotSavedException.class,
                () -> device().reRegister());
        Files.delete(state.resolve("blocker"));
        Files.delete(state);

        DeviceState resumed = device().ensureRegistered();

        assertThat(resumed.deviceAuthParameters()).isEqualTo(failed.newState().deviceAuthParameters());
        assertThat(KeyValueFile.read(state)).containsEntry("DEVICE_SECRET_KEY",
                failed.newState().deviceAuthParameters().secretKey());
    }

    @Test
    void register_withAWrongProductSecret_isRefusedAndWritesNoState() throws Exception {
        Map<String, String> bootstrap = new LinkedHashMap<>(KeyValueFile.read(server.bootstrapFile()));
        bootstrap.put("PRODUCT_SECRET_KEY", "wrong-" + bootstrap.get("PRODUCT_SECRET_KEY"));
        Path wrong = dir.resolve("wrong.conf");
        KeyValueFile.writeAtomically(wrong, bootstrap);

        GausDevice device = GausDevice.builder().bootstrapFile(wrong).deviceId("e2e-device-2").stateFile(state)
                .build();

        assertThatThrownBy(device::ensureRegistered).isInstanceOfSatisfying(GausServiceException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(401);
            assertThat(e.problem()).isPresent();
            assertThat(e.getMessage()).doesNotContain(bootstrap.get("PRODUCT_SECRET_KEY"));
        });
        assertThat(state).doesNotExist();
    }

    @Test
    void cli_registersChecksReportsAndReRegistersWithForce() {
        String bootstrap = server.bootstrapFile().toString();
        String secret = KeyValueFile.read(server.bootstrapFile()).get("PRODUCT_SECRET_KEY");

        Cli register = Cli.run("register", "--bootstrap", bootstrap, "--state", state.toString(),
                "--device-id", "cli-device-1");
        assertThat(register.code).as(register.err).isZero();
        Map<String, String> firstState = KeyValueFile.read(state);
        Cli auth = Cli.run("authenticate", "--state", state.toString());
        assertThat(auth.code).as(auth.err).isZero();
        String firstGuid = line(auth.out, "deviceGUID=");

        Cli kept = Cli.run("register", "--bootstrap", bootstrap, "--state", state.toString());
        assertThat(kept.code).isZero();
        assertThat(kept.out).contains("already registered");
        assertThat(KeyValueFile.read(state)).isEqualTo(firstState);

        Cli check = Cli.run("check", "--state", state.toString(), "--param", "firmware-version=1.0.0");
        assertThat(check.code).as(check.err).isZero();
        assertThat(check.out).startsWith("{\"updates\":[");
        Cli report = Cli.run("report", "--state", state.toString(), "--gauge", "cpu.temp=55", "--update-id", "u-1",
                "--phase", "install", "--status", "success");
        assertThat(report.code).as(report.err).isZero();
        // The server's poll interval is long: one check of the loop is what a test can wait for.
        Cli run = Cli.run("run", "--state", state.toString(), "--max-checks", "1");
        assertThat(run.code).as(run.err).isZero();

        Cli force = Cli.run("register", "--bootstrap", bootstrap, "--state", state.toString(),
                "--device-id", "cli-device-1", "--force");
        assertThat(force.code).as(force.err).isZero();
        Map<String, String> secondState = KeyValueFile.read(state);
        assertThat(secondState.get("DEVICE_ACCESS_KEY")).isNotEqualTo(firstState.get("DEVICE_ACCESS_KEY"));
        assertThat(secondState.get("DEVICE_SECRET_KEY")).isNotEqualTo(firstState.get("DEVICE_SECRET_KEY"));
        Cli auth2 = Cli.run("authenticate", "--state", state.toString());
        assertThat(line(auth2.out, "deviceGUID=")).isNotEqualTo(firstGuid);

        // The earlier registration stays as it was: its keys still authenticate.
        GausClient client = GausClient.builder().serverUrl(server.url()).build();
        assertThat(client.authenticate(new dev.gaus.core.message.AuthParameters(firstState.get("DEVICE_ACCESS_KEY"),
                firstState.get("DEVICE_SECRET_KEY"))).deviceGUID()).isEqualTo(firstGuid);

        for (Cli c : new Cli[] {register, auth, kept, check, report, run, force, auth2}) {
            for (String s : new String[] {secret, firstState.get("DEVICE_SECRET_KEY"), secondState.get("DEVICE_SECRET_KEY")}) {
                assertThat(c.out + c.err).doesNotContain(s);
            }
        }
    }

    @Test
    void cli_whenTheServerIsGone_exits3() {
        Cli.run("register", "--bootstrap", server.bootstrapFile().toString(), "--state", state.toString(),
                "--device-id", "cli-device-2");
        server.close();
        server = null;

        Cli check = Cli.run("check", "--state", state.toString(), "--retry-for", "2");

        assertThat(check.code).isEqualTo(3);
        assertThat(check.err.strip()).doesNotContain("\n").contains("cannot connect");
    }

    private static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " in " + out));
    }

    private static final class Cli {
        final int code;
        final String out;
        final String err;

        private Cli(int code, String out, String err) {
            this.code = code;
            this.out = out;
            this.err = err;
        }

        static Cli run(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
            return new Cli(code, out.toString(), err.toString());
        }
    }
}
