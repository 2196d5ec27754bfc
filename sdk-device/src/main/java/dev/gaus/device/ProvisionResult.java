package dev.gaus.device;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Provisioner} run did: every device of the list with its state file and device
 * access key (never its secret), in the list's order, and the counts.
 *
 * @param devices the devices that have a state file now, provisioned in this run or skipped
 * @param provisioned devices registered and saved by this run
 * @param skipped devices whose state file existed before the run (nothing was sent for them)
 * @param failed devices whose registration failed (only in a {@link ProvisioningException}'s result)
 * @param elapsed how long the run took
 */
public record ProvisionResult(List<Device> devices, int provisioned, int skipped, int failed, Duration elapsed) {
    public ProvisionResult {
        devices = List.copyOf(devices);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /**
     * One device with a state file.
     *
     * @param skipped true when its state file existed before the run
     */
    public record Device(String deviceId, Path stateFile, String deviceAccessKey, boolean skipped) {
        public Device {
            Objects.requireNonNull(deviceId, "deviceId");
            Objects.requireNonNull(stateFile, "stateFile");
            Objects.requireNonNull(deviceAccessKey, "deviceAccessKey");
        }
    }

    /** Devices provisioned per second of the run (skipped ones not counted). */
    public double devicesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : provisioned / seconds;
    }
}
