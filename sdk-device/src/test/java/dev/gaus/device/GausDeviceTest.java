package dev.gaus.device;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.gaus.device.support.ScriptedServer.DEVICE_ACCESS;
import static dev.gaus.device.support.ScriptedServer.DEVICE_SECRET;
import static dev.gaus.device.support.ScriptedServer.PRODUCT_ACCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.gaus.core.KeyValueFile;
import dev.gaus.device.support.RecordingSleeper;
import dev.gaus.device.support.ScriptedServer;
import dev.gaus.device.support.Tokens;
import dev.gaus.server.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class GausDeviceTest {
    @RegisterExtension
    static final ScriptedServer server = new ScriptedServer();

    private static final String CHECK = "/device/prod-guid-1/dev-guid-1/check-for-updates";
    private static final String REPORT = "/device/prod-guid-1/dev-guid-1/report";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private Path bootstrap;
    private Path state;

    @BeforeEach
    void files() throws Exception {
        bootstrap = server.writeBootstrap(dir);
        state = dir.resolve("state/device.data");
    }

    private GausDevice device() {
        return GausDevice.builder().bootstrapFile(bootstrap).stateFile(state)
                .clientOptions(c -> c.clock(clock).sleeper(sleeper).retryStrategy(RetryStrategy.builder().maxAttempts(3)
                        .build()))
                .build();
    }

    /** Like a real server: every registration gets new keys. */
    private void stubRegisterWithFreshKeys() {
        server.wm().stubFor(post("/register").willReturn(ScriptedServer.freshRegisterAnswer(900)));
    }

    private int calls(String method, String path) {
        return server.wm().findAll(method.equals("GET") ? getRequestedFor(urlPathEqualTo(path))
                : postRequestedFor(urlPathEqualTo(path))).size();
    }

    @Test
    void ensureRegistered_onFirstStart_registersAndWritesASourceableOwnerOnlyStateFile() throws Exception {
        server.stubRegister(900);

        DeviceState registered = device().ensureRegistered();

        assertThat(registered.deviceId()).isEqualTo("serial-0001");
        assertThat(registered.pollIntervalSeconds()).isEqualTo(900);
        Map<String, String> file = KeyValueFile.read(state);
        assertThat(file).containsEntry("DEVICEID", "serial-0001")
                .containsEntry("DEVICE_ACCESS_KEY", DEVICE_ACCESS)
                .containsEntry("DEVICE_SECRET_KEY", DEVICE_SECRET)
                .containsEntry("GAUS_URL", server.url().toString())
                .containsEntry("POLL_INTERVAL_SECONDS", "900")
                .containsKey("CLIENT_VERSION");
        assertThat(Files.readString(state)).contains("DEVICE_SECRET_KEY=\"" + DEVICE_SECRET + "\"\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rw-------");
        assertThat(registered.toString()).doesNotContain(DEVICE_SECRET);
    }

    @Test
    void ensureRegistered_whenStateExists_neverCallsTheServerAgain() {
        server.stubRegister(900);
        device().ensureRegistered();

        DeviceState again = device().ensureRegistered();

        assertThat(again.deviceAuthParameters().secretKey()).isEqualTo(DEVICE_SECRET);
        assertThat(calls("POST", "/register")).isEqualTo(1);
    }

    @Test
    void ensureRegistered_readsStateWrittenByTheShellTooling() throws Exception {
        Files.createDirectories(state.getParent());
        Files.writeString(state, "DEVICEID=shell-dev\nDEVICE_ACCESS_KEY=abc\nDEVICE_SECRET_KEY='s3cr3t'\n"
                + "GAUS_URL=" + server.url() + "\nCLIENT_VERSION=sh-1.0\n");

        DeviceState s = device().ensureRegistered();

        assertThat(s.deviceId()).isEqualTo("shell-dev");
        assertThat(s.pollIntervalSeconds()).isEqualTo(3600);
        assertThat(calls("POST", "/register")).isZero();
    }

    @Test
    void reRegister_createsANewRegistrationAndReplacesTheState() throws Exception {
        stubRegisterWithFreshKeys();
        GausDevice device = device();
        device.ensureRegistered();
        Files.writeString(state, Files.readString(state) + "VENDOR_NOTE=\"kept\"\n");

        device.reRegister();

        assertThat(calls("POST", "/register")).isEqualTo(2);
        assertThat(KeyValueFile.read(state)).containsEntry("VENDOR_NOTE", "kept");
    }

    @Test
    void reRegister_whenTheStateCannotBeWritten_handsTheNewKeysToTheCaller() throws Exception {
        server.stubRegister(900);
        // A non-empty directory where the file should go: the rename over it fails.
        Files.createDirectories(state.resolve("blocker"));

        assertThatThrownBy(() -> device().reRegister())
                .isInstanceOfSatisfying(RegistrationNotSavedException.class, e -> {
                    assertThat(e.newState().deviceAuthParameters().secretKey()).isEqualTo(DEVICE_SECRET);
                    assertThat(e.getMessage()).contains("serial-0001").doesNotContain(DEVICE_SECRET);
                });
    }

    @Test
    void registerAgain_afterTheStateCouldNotBeSaved_sendsTheSameIdempotencyKey() throws Exception {
        stubRegisterWithFreshKeys();
        Files.createDirectories(state.resolve("blocker"));
        assertThatThrownBy(() -> device().reRegister()).isInstanceOf(RegistrationNotSavedException.class);
        Files.delete(state.resolve("blocker"));
        Files.delete(state);

        device().ensureRegistered();
        device().reRegister();

        List<String> keys = server.wm().findAll(postRequestedFor(urlPathEqualTo("/register"))).stream()
                .map(r -> r.getHeader("Idempotency-Key")).toList();
        assertThat(keys).hasSize(3);
        assertThat(keys.get(1)).as("the retry after the failed save").isEqualTo(keys.get(0));
        assertThat(keys.get(2)).as("a new registration once the state was saved").isNotEqualTo(keys.get(0));
        try (var files = Files.list(state.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("device.data");
        }
    }

    @Test
    void reRegister_whenALeftoverKeyReplaysTheSavedRegistration_registersAnew() throws Exception {
        server.stubRegister(900);
        GausDevice device = device();
        device.ensureRegistered();
        // As if the process died after saving the state but before forgetting the key.
        Files.writeString(state.resolveSibling(".device.data.pending-registration"), "DEVICEID=serial-0001\n"
                + "GAUS_URL=" + server.url() + "\nPRODUCT_ACCESS_KEY=" + PRODUCT_ACCESS + "\nIDEMPOTENCY_KEY=left-over\n");
        server.wm().stubFor(post("/register").withHeader("Idempotency-Key", equalTo("left-over"))
                .willReturn(okJson(ScriptedServer.registerAnswer(900))));
        server.wm().stubFor(post("/register").withHeader("Idempotency-Key", WireMock.notContaining("left-over"))
                .willReturn(okJson("{\"pollIntervalSeconds\":900,\"deviceAuthParameters\":{\"accessKey\":\"new-access\","
                        + "\"secretKey\":\"new-secret\"}}")));

        DeviceState fresh = device.reRegister();

        assertThat(fresh.deviceAuthParameters().accessKey()).isEqualTo("new-access");
        assertThat(KeyValueFile.read(state)).containsEntry("DEVICE_ACCESS_KEY", "new-access");
    }

    @Test
    void ensureRegistered_whenTheStateFolderIsNotWritable_failsBeforeRegistering() throws Exception {
        server.stubRegister(900);
        Files.writeString(dir.resolve("state"), "a file, not a folder");

        assertThatThrownBy(() -> device().ensureRegistered())
                .isInstanceOfSatisfying(GausClientException.class,
                        e -> assertThat(e.reason()).isEqualTo(GausClientException.Reason.LOCAL_STATE));
        assertThat(calls("POST", "/register")).isZero();
    }

    @Test
    void checkForUpdates_authenticatesLazilyOnceAndReusesTheToken() {
        server.stubRegister(900);
        String token = server.stubAuthenticate(clock.instant(), Duration.ofHours(1));
        server.wm().stubFor(get(urlPathEqualTo(CHECK)).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson(ScriptedServer.UPDATES)));
        GausDevice device = device();
        device.ensureRegistered();
        assertThat(calls("POST", "/authenticate")).isZero();

        device.checkForUpdates(Map.of("firmware-version", "1.0.0"));
        device.checkForUpdates(Map.of("firmware-version", "1.0.0"));

        assertThat(calls("POST", "/authenticate")).isEqualTo(1);
        assertThat(server.wm().findAll(postRequestedFor(urlPathEqualTo("/authenticate"))).get(0).getBodyAsString())
                .contains(DEVICE_ACCESS);
    }

    @Test
    void checkForUpdates_when401_reauthenticatesAndSucceeds() {
        server.stubRegister(900);
        server.wm().stubFor(post("/authenticate").inScenario("auth").whenScenarioStateIs(STARTED)
                .willReturn(okJson(ScriptedServer.authenticateAnswer(Tokens.jwt(clock.instant(),
                        clock.instant().plusSeconds(3600), "old")))).willSetStateTo("second"));
        String fresh = Tokens.jwt(clock.instant(), clock.instant().plusSeconds(3600), "new");
        server.wm().stubFor(post("/authenticate").inScenario("auth").whenScenarioStateIs("second")
                .willReturn(okJson(ScriptedServer.authenticateAnswer(fresh))));
        server.wm().stubFor(get(urlPathEqualTo(CHECK)).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Bearer")));
        server.wm().stubFor(get(urlPathEqualTo(CHECK)).withHeader("Authorization", equalTo("Bearer " + fresh))
                .willReturn(okJson(ScriptedServer.UPDATES)));
        GausDevice device = device();

        UpdateCheck check = device.checkForUpdates(Map.of());

        assertThat(check.updates()).hasSize(1);
        assertThat(calls("POST", "/authenticate")).isEqualTo(2);
        assertThat(calls("GET", CHECK)).isEqualTo(2);
    }

    @Test
    void checkForUpdates_whenRefusedAgainAfterRenewal_throwsWithoutAThirdTry() {
        server.stubRegister(900);
        server.stubAuthenticate(clock.instant(), Duration.ofHours(1));
        server.wm().stubFor(get(urlPathEqualTo(CHECK)).willReturn(aResponse().withStatus(403)));
        GausDevice device = device();

        assertThatThrownBy(() -> device.checkForUpdates(Map.of()))
                .isInstanceOfSatisfying(GausServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.getMessage()).doesNotContain("Bearer");
                });
        assertThat(calls("POST", "/authenticate")).isEqualTo(2);
        assertThat(calls("GET", CHECK)).isEqualTo(2);
    }

    @Test
    void session_isRenewedBeforeTheTokenExpires() {
        server.stubRegister(900);
        server.stubAuthenticate(clock.instant(), Duration.ofMinutes(10));
        GausDevice device = device();
        Session first = device.session();

        clock.advance(Duration.ofMinutes(8)); // 2 minutes left: still more than the 60 s margin
        device.session();
        assertThat(calls("POST", "/authenticate")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(61)); // 59 s left: renew
        device.session();
        assertThat(calls("POST", "/authenticate")).isEqualTo(2);
        assertThat(first.deviceGUID()).isEqualTo("dev-guid-1");
        assertThat(first.expiresAt()).isEqualTo(Instant.parse("2026-03-01T10:10:00Z"));
    }

    @Test
    void session_measuresExpiryOnTheDeviceClockEvenWhenItIsFarOff() {
        server.stubRegister(900);
        // The server's clock is a day ahead of the device's: the token looks valid for 25 hours.
        Instant serverNow = clock.instant().plus(Duration.ofDays(1));
        server.wm().stubFor(post("/authenticate").willReturn(okJson(ScriptedServer.authenticateAnswer(
                Tokens.jwt(serverNow, serverNow.plus(Duration.ofHours(1)), "j")))));
        GausDevice device = device();
        device.session();

        clock.advance(Duration.ofMinutes(59) .plusSeconds(30));
        device.session();

        assertThat(calls("POST", "/authenticate")).isEqualTo(2);
    }

    @Test
    void checkForUpdates_storesANewPollIntervalFromTheServer() {
        server.stubRegister(900);
        server.stubAuthenticate(clock.instant(), Duration.ofHours(1));
        server.wm().stubFor(get(urlPathEqualTo(CHECK)).willReturn(okJson("{\"updates\":[],\"pollIntervalSeconds\":120}")));
        GausDevice device = device();

        device.checkForUpdates(Map.of());

        assertThat(device.pollIntervalSeconds()).isEqualTo(120);
        assertThat(KeyValueFile.read(state)).containsEntry("POLL_INTERVAL_SECONDS", "120");
    }

    @Test
    void reportUpdateStatus_sendsAnUpdateStatusEvent() {
        server.stubRegister(900);
        server.stubAuthenticate(clock.instant(), Duration.ofHours(1));
        server.wm().stubFor(post(urlPathEqualTo(REPORT)).willReturn(okJson("{}")));
        GausDevice device = device();

        device.reportUpdateStatus("u-1", "install", "success");
        device.reportGauge("cpu.temp", 61.5);

        List<String> bodies = server.wm().findAll(postRequestedFor(urlPathEqualTo(REPORT))).stream()
                .map(r -> r.getBodyAsString()).toList();
        assertThat(bodies.get(0)).contains("\"version\":\"1.0.0\"").contains("\"seqNo\":1")
                .contains("\"ts\":\"2026-03-01T10:00:00.000Z\"").contains("\"type\":\"event.update.Status\"")
                .contains("\"phase\":\"install\"").contains("\"status\":\"success\"").contains("\"updateId\":\"u-1\"");
        assertThat(bodies.get(1)).contains("\"seqNo\":2").contains("\"type\":\"metric.gauge.cpu.temp\"")
                .contains("\"value\":61.5");
    }
}
