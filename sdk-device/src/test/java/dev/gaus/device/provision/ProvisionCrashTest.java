package dev.gaus.device.provision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.KeyValueFile;
import dev.gaus.device.cli.Main;
import dev.gaus.server.GausServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL) a {@code gaus-device provision} process while its registrations are in flight,
 * again and again, and starts it anew: in the end the server holds exactly one device per
 * deviceId, and every state file holds that device's keys. A registration answered after the
 * kill is only on the server; the run that follows has to get it back with the same
 * {@code Idempotency-Key} instead of making a second device.
 */
class ProvisionCrashTest {
    private static final int DEVICES = 3000;
    private static final int KILLS = 4;

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void provision_killedMidRunAndStartedAgain_leavesExactlyOneDevicePerDeviceId() throws Exception {
        Path serverDir = dir.resolve("server");
        List<String> ids = IntStream.rangeClosed(1, DEVICES).mapToObj(i -> "crash-" + i).toList();
        Path list = Files.writeString(dir.resolve("ids.txt"), String.join("\n", ids) + "\n");
        Path out = dir.resolve("states");
        try (GausServer server = GausServer.builder().host("127.0.0.1").port(0).dataDir(serverDir).start()) {
            List<String> command = List.of("provision", "--bootstrap", server.bootstrapFile().toString(),
                    "--device-ids", list.toString(), "--out-dir", out.toString(), "--parallel", "32");
            for (int kill = 1; kill <= KILLS; kill++) {
                int before = stateFiles(out);
                Process child = start(command, kill);
                // Killed once it has saved a share of the list: its threads are then mid-request.
                int until = Math.min(DEVICES - 1, before + DEVICES / (KILLS + 2));
                while (stateFiles(out) < until && child.isAlive()) {
                    Thread.sleep(5);
                }
                assertThat(child.isAlive()).as("run %d still running when killed", kill).isTrue();
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(stateFiles(out)).as("run %d saved devices", kill).isGreaterThan(before);
            }
            Process last = start(command, KILLS + 1);
            assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(last.exitValue()).as(Files.readString(dir.resolve("run-" + (KILLS + 1) + ".err"))).isZero();
            assertThat(Files.readString(dir.resolve("run-" + (KILLS + 1) + ".out"))).contains("failed 0");
        }

        assertThat(stateFiles(out)).isEqualTo(DEVICES);
        Map<String, Integer> onServer = ServerDevices.perDeviceId(serverDir);
        Map<String, Integer> twice = onServer.entrySet().stream().filter(e -> e.getValue() != 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(twice).as("deviceIds registered more than once").isEmpty();
        assertThat(onServer.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        Set<String> accessKeys = new HashSet<>();
        for (String id : ids) {
            Map<String, String> state = KeyValueFile.read(out.resolve(id + ".data"));
            assertThat(state).containsEntry("DEVICEID", id);
            accessKeys.add(state.get("DEVICE_ACCESS_KEY"));
        }
        assertThat(accessKeys).hasSize(DEVICES);
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")))
                    .as("temporary files left").isEmpty();
        }
    }

    private Process start(List<String> args, int run) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectOutput(dir.resolve("run-" + run + ".out").toFile())
                .redirectError(dir.resolve("run-" + run + ".err").toFile()).start();
    }

    private static int stateFiles(Path out) throws Exception {
        if (!Files.exists(out)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(out)) {
            return (int) files.filter(p -> p.getFileName().toString().endsWith(".data")
                    && !p.getFileName().toString().startsWith(".")).count();
        }
    }
}
