package dev.gaus.device.provision;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.gaus.core.KeyValueFile;
import dev.gaus.core.UpdateKey;
import dev.gaus.device.GausClientException;
import dev.gaus.device.GausDevice;
import dev.gaus.device.GausServiceException;
import dev.gaus.device.ProvisionResult;
import dev.gaus.device.Provisioner;
import dev.gaus.device.ProvisioningException;
import dev.gaus.device.internal.KeyJournal;
import dev.gaus.device.support.RecordingSleeper;
import dev.gaus.device.support.ScriptedServer;
import dev.gaus.server.testing.MutableClock;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link Provisioner} against a scripted server: what it sends, writes, retries and stops at. */
@Timeout(30)
class ProvisionerTest {
    @RegisterExtension
    static final ScriptedServer server = new ScriptedServer();

    @TempDir
    Path dir;

    private Path bootstrap;
    private Path out;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    @BeforeEach
    void files() throws Exception {
        bootstrap = server.writeBootstrap(dir);
        out = dir.resolve("states");
    }

    private Provisioner.Builder provisioner() {
        return Provisioner.builder().bootstrapFile(bootstrap).outDir(out)
                .clientOptions(c -> c.clock(clock).sleeper(sleeper));
    }

    private static List<String> ids(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "box-" + i).toList();
    }

    private List<LoggedRequest> registers() {
        return server.wm().findAll(postRequestedFor(urlPathEqualTo("/register")));
    }

    private List<String> stateFiles() throws Exception {
        if (!Files.exists(out)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    @Test
    void provision_writesEachStateExactlyAsRegisterDoes() throws Exception {
        server.stubRegister(300);
        // the trusted update keys of bootstrap.conf go into each state, as register copies them
        String keys = UpdateKey.format(List.of(
                UpdateKey.of(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic())));
        Files.writeString(bootstrap, "GAUS_UPDATE_KEYS=\"" + keys + "\"\n", StandardOpenOption.APPEND);
        Path registered = dir.resolve("register/device.data");
        GausDevice.builder().bootstrapFile(bootstrap).deviceId("box-1").stateFile(registered).build()
                .ensureRegistered();

        ProvisionResult result = provisioner().build().provision(List.of("box-1"));

        Path provisioned = out.resolve("box-1.data");
        assertThat(Files.readAllBytes(provisioned)).isEqualTo(Files.readAllBytes(registered));
        assertThat(Files.readString(provisioned)).contains(keys);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(provisioned))).isEqualTo("rw-------");
        assertThat(result.devices()).containsExactly(new ProvisionResult.Device("box-1", provisioned.toAbsolutePath(),
                ScriptedServer.DEVICE_ACCESS, false));
        assertThat(result.provisioned()).isEqualTo(1);
        assertThat(result.toString()).doesNotContain(ScriptedServer.DEVICE_SECRET);
    }

    @Test
    void provision_sendsEachDeviceOnceWithItsOwnKey_andLeavesNoJournalBehind() throws Exception {
        server.wm().stubFor(post("/register").willReturn(ScriptedServer.freshRegisterAnswer(60)));
        AtomicInteger told = new AtomicInteger();

        ProvisionResult result = provisioner().parallel(8).listener(new Provisioner.Listener() {
            @Override
            public void provisioned(ProvisionResult.Device device) {
                told.incrementAndGet();
            }
        }).build().provision(ids(200));

        assertThat(result.provisioned()).isEqualTo(200);
        assertThat(told).hasValue(200);
        assertThat(stateFiles()).hasSize(200);
        List<LoggedRequest> sent = registers();
        assertThat(sent).hasSize(200);
        assertThat(sent.stream().map(r -> r.getHeader("Idempotency-Key")).distinct()).hasSize(200);
        assertThat(out.resolve(KeyJournal.NAME)).doesNotExist();
        // Each file holds the keys its own answer carried.
        assertThat(stateFiles().stream().map(f -> KeyValueFile.read(out.resolve(f)).get("DEVICE_ACCESS_KEY"))
                .distinct()).hasSize(200);
    }

    @Test
    void provision_when429WithRetryAfter_waitsThatLongAndCarriesOn() throws Exception {
        server.wm().stubFor(post("/register").inScenario("busy").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")).willSetStateTo("free"));
        server.wm().stubFor(post("/register").inScenario("busy").whenScenarioStateIs("free")
                .willReturn(ScriptedServer.freshRegisterAnswer(60)));

        ProvisionResult result = provisioner().parallel(4).build().provision(ids(20));

        assertThat(result.provisioned()).isEqualTo(20);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(7));
        assertThat(registers()).hasSize(21);
        // The retry carried the key of the refused attempt.
        assertThat(registers().get(0).getHeader("Idempotency-Key")).isEqualTo(registers().get(1).getHeader(
                "Idempotency-Key"));
    }

    @Test
    void provision_whenTheProductKeysAreRefused_stopsAfterOneRequestWithATypedException() throws Exception {
        server.wm().stubFor(post("/register").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401}")));

        ProvisioningException stopped = catchThrowableOfType(ProvisioningException.class,
                () -> provisioner().parallel(16).build().provision(ids(500)));

        assertThat(stopped.getCause()).isInstanceOfSatisfying(GausServiceException.class,
                e -> assertThat(e.statusCode()).isEqualTo(401));
        assertThat(stopped.deviceId()).isEqualTo("box-1");
        assertThat(stopped.result().provisioned()).isZero();
        assertThat(stopped.result().failed()).isEqualTo(1);
        assertThat(stopped.getMessage()).contains("401").doesNotContain(ScriptedServer.PRODUCT_SECRET);
        assertThat(registers()).hasSize(1);
        assertThat(stateFiles()).isEmpty();
    }

    @Test
    void provision_when400MidRun_stopsSending_savesWhatWasRegistered_andTheNextRunResumesWithTheSameKey()
            throws Exception {
        server.wm().stubFor(post("/register").willReturn(ScriptedServer.freshRegisterAnswer(60)));
        server.wm().stubFor(post("/register").withRequestBody(containing("\"box-150\"")).atPriority(1)
                .willReturn(aResponse().withStatus(400)));

        ProvisioningException stopped = catchThrowableOfType(ProvisioningException.class,
                () -> provisioner().parallel(4).build().provision(ids(400)));

        assertThat(stopped.getCause()).isInstanceOfSatisfying(GausServiceException.class,
                e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThat(stopped.deviceId()).isEqualTo("box-150");
        int sentBefore = registers().size();
        // The run stopped early, and every request it sent was either saved or counted as failed:
        // only those already in flight on the other threads went out after the refusal.
        assertThat(sentBefore).isLessThan(250)
                .isEqualTo(stopped.result().provisioned() + stopped.result().failed());
        assertThat(stateFiles()).hasSize(stopped.result().provisioned()).doesNotContain("box-150.data");
        String refusedKey = keyOf("box-150", registers());

        server.wm().removeStub(server.wm().listAllStubMappings().getMappings().stream()
                .filter(m -> m.getPriority() != null && m.getPriority() == 1).findFirst().orElseThrow());
        ProvisionResult resumed = provisioner().parallel(4).build().provision(ids(400));

        assertThat(resumed.provisioned() + resumed.skipped()).isEqualTo(400);
        assertThat(resumed.skipped()).isEqualTo(stopped.result().provisioned());
        assertThat(stateFiles()).hasSize(400);
        List<LoggedRequest> all = registers();
        assertThat(keyOf("box-150", all.subList(sentBefore, all.size()))).isEqualTo(refusedKey);
    }

    private static String keyOf(String deviceId, List<LoggedRequest> requests) {
        return requests.stream().filter(r -> r.getBodyAsString().contains("\"" + deviceId + "\"")).findFirst()
                .orElseThrow().getHeader("Idempotency-Key");
    }

    @Test
    void provision_takesUpTheKeyAKilledRunJournalled() throws Exception {
        server.stubRegister(60);
        Files.createDirectories(out);
        Map<String, String> bootstrapValues = KeyValueFile.read(bootstrap);
        try (KeyJournal journal = KeyJournal.open(out, bootstrapValues.get("GAUS_URL"),
                bootstrapValues.get("PRODUCT_ACCESS_KEY"))) {
            journal.append(List.of(new KeyJournal.Entry("0b6e2c36-1d7e-4b8b-9d55-7f1f7a9d6c01", "box-2.data")));
        }

        provisioner().build().provision(ids(3));

        assertThat(keyOf("box-2", registers())).isEqualTo("0b6e2c36-1d7e-4b8b-9d55-7f1f7a9d6c01");
        assertThat(keyOf("box-1", registers())).isNotEqualTo(keyOf("box-2", registers()));
    }

    @Test
    void provision_skipsDevicesThatHaveAStateFile_andSendsNothingWhenAllHave() throws Exception {
        server.stubRegister(60);
        provisioner().build().provision(ids(5));
        int sent = registers().size();

        ProvisionResult again = provisioner().build().provision(ids(5));

        assertThat(registers()).hasSize(sent);
        assertThat(again.skipped()).isEqualTo(5);
        assertThat(again.provisioned()).isZero();
        assertThat(again.devices()).allSatisfy(d -> {
            assertThat(d.skipped()).isTrue();
            assertThat(d.deviceAccessKey()).isEqualTo(ScriptedServer.DEVICE_ACCESS);
        });
    }

    @Test
    void provision_ofIdsThatAreNotSafeFileNames_encodesThemReversibly() throws Exception {
        server.stubRegister(60);
        List<String> ids = List.of("gw/0001", ".hidden", "..", "50%", "box 7", "Grüße-1", "a:b:c");

        provisioner().build().provision(ids);

        assertThat(stateFiles()).containsExactlyInAnyOrder("gw%2F0001.data", "%2Ehidden.data", "%2E..data",
                "50%25.data", "box%207.data", "Gr%C3%BC%C3%9Fe-1.data", "a%3Ab%3Ac.data");
        for (String id : ids) {
            String name = Provisioner.stateFileName(id);
            assertThat(KeyValueFile.read(out.resolve(name))).containsEntry("DEVICEID", id);
            assertThat(Provisioner.deviceIdOf(name)).contains(id);
        }
    }

    @Test
    void provision_refusesABadListBeforeSendingAnything() {
        server.stubRegister(60);
        Provisioner p = provisioner().build();

        assertThatThrownBy(() -> p.provision(List.of("a", "b", "a"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a is listed more than once");
        assertThatThrownBy(() -> p.provision(List.of("a", ""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.provision(List.of("a", "b\nc"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> p.provision(List.of("x".repeat(129)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("128");
        assertThat(registers()).isEmpty();
    }

    @Test
    void provision_whenTheFolderCannotBeWritten_failsBeforeSendingAnything() throws Exception {
        server.stubRegister(60);
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");

        assertThatThrownBy(() -> provisioner().outDir(file.resolve("states")).build().provision(ids(3)))
                .isInstanceOfSatisfying(GausClientException.class,
                        e -> assertThat(e.reason()).isEqualTo(GausClientException.Reason.LOCAL_STATE));
        assertThat(registers()).isEmpty();
    }

    @Test
    void provision_whileAnotherRunHoldsTheFolder_isRefused() throws Exception {
        server.stubRegister(60);
        Files.createDirectories(out);
        try (FileChannel channel = FileChannel.open(out.resolve(".gaus-provision.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            assertThatThrownBy(() -> provisioner().build().provision(ids(3)))
                    .isInstanceOf(GausClientException.class).hasMessageContaining("another provisioning run");
        }
        assertThat(registers()).isEmpty();
        assertThat(provisioner().build().provision(ids(3)).provisioned()).isEqualTo(3);
    }

    @Test
    void provision_whenAStateFileExistsButIsNotAState_failsBeforeSendingAnything() throws Exception {
        server.stubRegister(60);
        Files.createDirectories(out);
        Files.writeString(out.resolve("box-2.data"), "DEVICEID=box-2\n");

        assertThatThrownBy(() -> provisioner().build().provision(ids(3)))
                .isInstanceOf(GausClientException.class).hasMessageContaining("box-2.data");
        assertThat(registers()).isEmpty();
    }
}
