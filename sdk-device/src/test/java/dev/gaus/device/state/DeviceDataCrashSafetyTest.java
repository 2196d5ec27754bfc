package dev.gaus.device.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.KeyValueFile;
import java.io.BufferedReader;
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
 * torn or mixed one.
 */
class DeviceDataCrashSafetyTest {
    private static final int KILLS = 8;

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void deviceData_whenTheWriterIsKilledAtAnyMoment_isAlwaysOneWholeGeneration() throws Exception {
        Path file = dir.resolve("device.data");
        Random random = new Random(7);
        long lastGeneration = 0;
        for (int round = 0; round < KILLS; round++) {
            Process writer = startWriter(file);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(out.readLine()).isEqualTo("first write done");
                Thread.sleep(random.nextInt(200));
                writer.destroyForcibly();
                assertThat(writer.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
            long generation = wholeGeneration(file);
            assertThat(generation).isGreaterThanOrEqualTo(1);
            lastGeneration = generation;
        }
        assertThat(lastGeneration).isPositive();
        // After one more clean write, no temporary file holding keys is left behind.
        dev.gaus.device.GausDevice.builder().stateFile(file).build().saveState(StateWriterProcess.generation(1));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("device.data");
        }
    }

    private static long wholeGeneration(Path file) throws Exception {
        Map<String, String> values = KeyValueFile.read(file);
        String deviceId = values.get("DEVICEID");
        assertThat(deviceId).as("DEVICEID in a file of %d bytes", Files.size(file)).startsWith("device-g");
        String tag = deviceId.substring("device-".length());
        long n = Long.parseLong(tag.substring(1));
        var expected = StateWriterProcess.generation(n);
        assertThat(values).containsEntry("DEVICE_ACCESS_KEY", "access-" + tag)
                .containsEntry("DEVICE_SECRET_KEY", "secret-" + tag)
                .containsEntry("GAUS_URL", "http://gaus.example/" + tag)
                .containsEntry("CLIENT_VERSION", expected.clientVersion())
                .containsEntry("POLL_INTERVAL_SECONDS", Long.toString(n));
        return n;
    }

    static Process startWriter(Path file, String... extra) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] command = Stream.concat(Stream.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), StateWriterProcess.class.getName(), file.toString()),
                Stream.of(extra)).toArray(String[]::new);
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
