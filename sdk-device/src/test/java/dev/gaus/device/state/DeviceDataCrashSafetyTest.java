package dev.gaus.device.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.KeyValueFile;
import dev.gaus.device.DeviceState;
import dev.gaus.device.GausDevice;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL) a JVM that rewrites {@code device.data} in a loop, at random moments, and checks
 * that the file left behind is always one whole generation: the old file or the new one, never a
 * torn or mixed one. The same check, run against a writer that overwrites the file in place, has
 * to find a torn file: that is what shows it can fail.
 */
class DeviceDataCrashSafetyTest {
    private static final int KILLS = 8;
    /** An in-place writer is caught mid-write at most kills; this many make missing it unthinkable. */
    private static final int NAIVE_KILLS = 20;

    @TempDir
    Path dir;

    /** What a killed writer left: the generation of a whole file, or what is wrong with it. */
    private record Verdict(long generation, String defect) {}

    @Test
    @Timeout(120)
    void deviceData_whenTheWriterIsKilledAtAnyMoment_isAlwaysOneWholeGeneration() throws Exception {
        Path file = dir.resolve("device.data");
        Random random = new Random(7);
        long generation = 0;
        for (int round = 0; round < KILLS; round++) {
            long from = generation + 1;
            killWhileWriting(file, from, false, random);
            Verdict left = inspect(file);
            assertThat(left.defect()).as("round %d", round).isNull();
            // Each writer starts after the last generation found and wrote at least its first one:
            // every kill leaves a newer file, never an older one.
            assertThat(left.generation()).as("round %d", round).isGreaterThanOrEqualTo(from);
            generation = left.generation();
        }
        assertThat(generation).as("the kills hit writers that were rewriting the file, not only after their "
                + "first write").isGreaterThan(KILLS);
        // After one more clean write, no temporary file holding keys is left behind.
        GausDevice.builder().stateFile(file).build().saveState(StateWriterProcess.generation(1));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("device.data");
        }
    }

    @Test
    @Timeout(120)
    void theCheck_findsATornFile_whenTheWriterOverwritesTheFileInPlace() throws Exception {
        Path file = dir.resolve("device.data");
        // The in-place writer writes what saveState writes: a whole file of it passes the check.
        StateWriterProcess.writeInPlace(file, StateWriterProcess.generation(5));
        assertThat(inspect(file)).isEqualTo(new Verdict(5, null));

        Random random = new Random(7);
        long generation = 5;
        String defect = null;
        int kills = 0;
        while (defect == null && kills < NAIVE_KILLS) {
            killWhileWriting(file, generation + 1, true, random);
            kills++;
            Verdict left = inspect(file);
            defect = left.defect();
            generation = Math.max(generation, left.generation());
        }
        assertThat(defect).as("a torn file in %d kills of a writer overwriting device.data in place", kills)
                .isNotNull();
    }

    /** Starts a writer at generation {@code from}, waits until it wrote it, lets it run a random moment, kills it. */
    private static void killWhileWriting(Path file, long from, boolean naive, Random random) throws Exception {
        Process writer = startWriter(file, Long.toString(from), naive ? "naive" : "atomic");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("first write done");
            Thread.sleep(random.nextInt(200));
            writer.destroyForcibly();
            assertThat(writer.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static Verdict inspect(Path file) throws IOException {
        Map<String, String> values;
        try {
            values = KeyValueFile.read(file);
        } catch (RuntimeException e) {
            return new Verdict(0, "unreadable (" + e.getMessage() + ")");
        }
        String deviceId = values.get("DEVICEID");
        if (deviceId == null || !deviceId.matches("device-g[0-9]+")) {
            return new Verdict(0, "DEVICEID " + deviceId + " in a file of " + Files.size(file) + " bytes");
        }
        long n = Long.parseLong(deviceId.substring("device-g".length()));
        DeviceState expected = StateWriterProcess.generation(n);
        Map<String, String> whole = Map.of(
                "DEVICEID", expected.deviceId(),
                "DEVICE_ACCESS_KEY", expected.deviceAuthParameters().accessKey(),
                "DEVICE_SECRET_KEY", expected.deviceAuthParameters().secretKey(),
                "GAUS_URL", expected.serverUrl().toString(),
                "CLIENT_VERSION", expected.clientVersion(),
                "POLL_INTERVAL_SECONDS", Long.toString(n));
        if (!values.equals(whole)) {
            return new Verdict(n, "generation " + n + " is not whole: it holds " + values.keySet());
        }
        return new Verdict(n, null);
    }

    static Process startWriter(Path file, String... extra) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] command = Stream.concat(Stream.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), StateWriterProcess.class.getName(), file.toString()),
                Stream.of(extra)).toArray(String[]::new);
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
