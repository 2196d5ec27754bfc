package dev.gaus.device.state;

import dev.gaus.core.message.AuthParameters;
import dev.gaus.device.DeviceState;
import dev.gaus.device.GausDevice;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child JVM of {@link DeviceDataCrashSafetyTest}: rewrites {@code device.data} with generation 1,
 * 2, 3, ... until it is killed. Every value of generation n is derived from n, so a file mixing
 * two generations or cut short is detected. With {@code naive} it overwrites the file in place,
 * which shows what the test catches.
 */
public final class StateWriterProcess {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        boolean naive = args.length > 1 && args[1].equals("naive");
        GausDevice device = GausDevice.builder().stateFile(file).build();
        for (long n = 1; ; n++) {
            DeviceState state = generation(n);
            if (naive) {
                Files.write(file, dev.gaus.core.KeyValueFile.format(java.util.Map.of(
                        "DEVICEID", state.deviceId(), "CLIENT_VERSION", state.clientVersion(),
                        "DEVICE_ACCESS_KEY", state.deviceAuthParameters().accessKey(),
                        "DEVICE_SECRET_KEY", state.deviceAuthParameters().secretKey(),
                        "GAUS_URL", state.serverUrl().toString())).getBytes(StandardCharsets.UTF_8));
            } else {
                device.saveState(state);
            }
            if (n == 1) {
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
}
