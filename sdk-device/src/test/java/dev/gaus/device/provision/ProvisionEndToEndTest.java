package dev.gaus.device.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.KeyValueFile;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.device.DeviceState;
import dev.gaus.device.GausClient;
import dev.gaus.device.GausDevice;
import dev.gaus.device.cli.Main;
import dev.gaus.server.GausServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code gaus-device provision} against the real reference server, on real sockets and a real store. */
@Timeout(180)
class ProvisionEndToEndTest {
    private static final int DEVICES = 2000;

    @TempDir
    Path dir;

    private Path serverDir;
    private GausServer server;

    @BeforeEach
    void startServer() {
        serverDir = dir.resolve("server");
        server = GausServer.builder().host("127.0.0.1").port(0).dataDir(serverDir).start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    record Run(int code, String out, String err) {}

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    static List<Path> stateFiles(Path out) throws Exception {
        if (!Files.exists(out)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    @Test
    void provision_of2000Devices_writesAStateForEachThatAuthenticates_andARunAgainSendsNothing() throws Exception {
        List<String> ids = IntStream.rangeClosed(1, DEVICES).mapToObj(i -> String.format("line-A%05d", i)).toList();
        Path list = Files.writeString(dir.resolve("ids.txt"), "# factory line A, shift 1\n\n"
                + String.join("\n", ids.subList(0, 1000)) + "\n   \n# second box\n"
                + String.join("\r\n", ids.subList(1000, DEVICES)) + "\n");
        Path out = dir.resolve("states");
        Path manifest = dir.resolve("manifest.csv");
        String[] command = {"provision", "--bootstrap", server.bootstrapFile().toString(), "--device-ids",
                list.toString(), "--out-dir", out.toString(), "--manifest", manifest.toString()};

        Run first = cli(command);

        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.err()).isEmpty();
        assertThat(first.out().strip()).doesNotContain("\n")
                .startsWith("provisioned " + DEVICES + ", skipped 0, failed 0 in ").contains("devices/s");
        List<Path> files = stateFiles(out);
        assertThat(files).hasSize(DEVICES);
        Map<String, DeviceState> states = new LinkedHashMap<>();
        for (Path f : files) {
            DeviceState state = GausDevice.builder().stateFile(f).build().state().orElseThrow();
            assertThat(f.getFileName().toString()).isEqualTo(state.deviceId() + ".data");
            assertThat(state.serverUrl()).isEqualTo(server.url());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
            states.put(state.deviceId(), state);
        }
        assertThat(states.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(authenticateAll(states.values())).as("distinct deviceGUIDs").hasSize(DEVICES);
        Map<String, Integer> onServer = ServerDevices.perDeviceId(serverDir);
        assertThat(onServer).hasSize(DEVICES).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));

        List<String> rows = Files.readAllLines(manifest);
        assertThat(rows).hasSize(DEVICES + 1);
        assertThat(rows.get(0)).isEqualTo("deviceId,stateFile,deviceAccessKey");
        Map<String, String> accessKeys = new HashMap<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            assertThat(cells).hasSize(3);
            assertThat(Path.of(cells[1])).isEqualTo(out.resolve(cells[0] + ".data").toAbsolutePath());
            accessKeys.put(cells[0], cells[2]);
        }
        states.forEach((id, s) -> assertThat(accessKeys.get(id)).isEqualTo(s.deviceAuthParameters().accessKey()));
        Map<String, byte[]> before = new HashMap<>();
        for (Path f : files) {
            before.put(f.getFileName().toString(), Files.readAllBytes(f));
        }

        Run again = cli(command);

        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).startsWith("provisioned 0, skipped " + DEVICES + ", failed 0 in ");
        // Any request sent would have made a new device: the journal of the first run is gone.
        assertThat(ServerDevices.perDeviceId(serverDir).values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(DEVICES);
        for (Path f : stateFiles(out)) {
            assertThat(Files.readAllBytes(f)).isEqualTo(before.get(f.getFileName().toString()));
        }
        assertThat(Files.readAllLines(manifest)).hasSize(DEVICES + 1);

        List<String> secrets = new ArrayList<>(List.of(KeyValueFile.read(server.bootstrapFile())
                .get("PRODUCT_SECRET_KEY")));
        states.values().forEach(s -> secrets.add(s.deviceAuthParameters().secretKey()));
        String everythingShown = first.out() + first.err() + again.out() + again.err() + Files.readString(manifest);
        Set<String> shown = secrets.stream().filter(everythingShown::contains).collect(Collectors.toSet());
        assertThat(shown).as("secrets in the output or the manifest").isEmpty();
    }

    /** Authenticates every state's keys, eight at a time; returns the deviceGUIDs the server answered. */
    private Set<String> authenticateAll(Iterable<DeviceState> states) throws Exception {
        GausClient client = GausClient.builder().serverUrl(server.url()).build();
        Set<String> guids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (DeviceState s : states) {
                AuthParameters keys = s.deviceAuthParameters();
                calls.add(pool.submit(() -> guids.add(client.authenticate(keys).deviceGUID())));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdown();
        }
        return guids;
    }

    @Test
    void provision_withAWrongProductSecret_exits1AfterTheFirstRefusal_andWritesNoState() throws Exception {
        Map<String, String> bootstrap = new LinkedHashMap<>(KeyValueFile.read(server.bootstrapFile()));
        String secret = bootstrap.get("PRODUCT_SECRET_KEY");
        String wrongSecret = "wrong-" + secret.substring(6);
        bootstrap.put("PRODUCT_SECRET_KEY", wrongSecret);
        Path wrong = dir.resolve("wrong.conf");
        KeyValueFile.writeAtomically(wrong, bootstrap);
        Path list = Files.writeString(dir.resolve("ids.txt"),
                IntStream.rangeClosed(1, 500).mapToObj(i -> "box-" + i).collect(Collectors.joining("\n")));
        Path out = dir.resolve("states");

        Run run = cli("provision", "--bootstrap", wrong.toString(), "--device-ids", list.toString(), "--out-dir",
                out.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).doesNotContain("\n").startsWith("gaus-device provision: stopped at device box-1")
                .contains("401").doesNotContain(secret).doesNotContain(wrongSecret);
        assertThat(stateFiles(out)).isEmpty();
        assertThat(ServerDevices.perDeviceId(serverDir)).isEmpty();
    }
}
