package dev.gaus.device.state;

import dev.gaus.core.KeyValueFile;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.device.DeviceState;
import dev.gaus.device.GausDevice;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Child JVM of {@link DeviceDataCrashSafetyTest}: rewrites {@code device.data} with generation
 * {@code from}, {@code from + 1}, ... until it is killed. Every value of generation n is derived
 * from n, so a file mixing two generations or cut short is detected. With {@code naive} it
 * overwrites the file in place with the very same bytes instead, which shows what the test
 * catches.
 *
 * <p>Arguments: the file, the first generation, and optionally {@code naive}.
 */
public final class StateWriterProcess {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long from = Long.parseLong(args[1]);
        boolean naive = args.length > 2 && args[2].equals("naive");
        GausDevice device = GausDevice.builder().stateFile(file).build();
        for (long n = from; ; n++) {
            DeviceState state = generation(n);
            if (naive) {
                writeInPlace(file, state);
            } else {
                device.saveState(state);
            }
            if (n == from) {
                System.out.println("first write done");
                System.out.flush();
            }
        }
    }

    /** The state of generation {@code n}; about 100 KB so a write takes long enough to be cut. */
    public static DeviceState generation(long n) {
        String tag = "g" + n;
        return new DeviceState("device-" + tag,
                new AuthParameters("access-" + tag, "secret-" + tag),
                URI.create("http://gaus.example/" + tag),
                (tag + "-").repeat(100_000 / (tag.length() + 1)),
                n,
                null);
    }

    /**
     * What {@link GausDevice#saveState} writes, key for key in its order, but truncating and
     * rewriting the file itself: a kill mid-write leaves a torn file.
     */
    static void writeInPlace(Path file, DeviceState state) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(KeyValueFile.DEVICEID, state.deviceId());
        values.put(KeyValueFile.DEVICE_ACCESS_KEY, state.deviceAuthParameters().accessKey());
        values.put(KeyValueFile.DEVICE_SECRET_KEY, state.deviceAuthParameters().secretKey());
        values.put(KeyValueFile.GAUS_URL, state.serverUrl().toString());
        values.put(KeyValueFile.CLIENT_VERSION, state.clientVersion());
        values.put(KeyValueFile.POLL_INTERVAL_SECONDS, Long.toString(state.pollIntervalSeconds()));
        Files.write(file, KeyValueFile.format(values).getBytes(StandardCharsets.UTF_8));
    }
}
