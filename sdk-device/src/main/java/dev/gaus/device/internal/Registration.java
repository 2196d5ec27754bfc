package dev.gaus.device.internal;

import dev.gaus.core.message.RegisterResponse;
import dev.gaus.device.DeviceState;
import dev.gaus.device.GausClient;
import dev.gaus.device.RegistrationNotSavedException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * One registration of a device, so that none is lost or made twice: the state's folder checked
 * writable first, one {@code Idempotency-Key} kept until the state is saved
 * ({@link PendingRegistration}), the new state saved, or handed over in a
 * {@link RegistrationNotSavedException} when it cannot be.
 */
public final class Registration {
    private static final System.Logger LOG = System.getLogger("dev.gaus.device");

    /** Takes up a new state and the client that registered it. */
    @FunctionalInterface
    public interface Adopter {
        void adopt(DeviceState state, GausClient client);
    }

    private Registration() {}

    /** A client for the server at {@code serverUrl}, trusting {@code caCertificate} (or the platform's CAs when null). */
    public static GausClient client(URI serverUrl, Path caCertificate, Consumer<GausClient.Builder> options) {
        GausClient.Builder b = GausClient.builder().serverUrl(serverUrl);
        if (caCertificate != null) {
            b.caCertificate(caCertificate);
        }
        options.accept(b);
        return b.build();
    }

    /**
     * Registers the device with the bootstrap's server and product keys, and saves its state.
     *
     * @param deviceIdOverride the device's id, or null for the bootstrap's {@code DEVICEID}
     * @param caOverride the CA file to trust and store, or null for the bootstrap's
     * @param clients makes the client for a server URL and a CA file (or null)
     * @param adopter told of the new state before it is written: the new keys are the valid ones
     *     even when they cannot be saved
     * @throws RegistrationNotSavedException when the state could not be written; it carries the new keys
     */
    public static DeviceState register(Path stateFile, Bootstrap bootstrap, String deviceIdOverride, Path caOverride,
            String clientVersion, BiFunction<URI, Path, GausClient> clients, Adopter adopter) {
        String deviceId = deviceIdOverride != null ? deviceIdOverride : bootstrap.deviceId();
        if (deviceId == null) {
            throw new IllegalStateException("no deviceId: set one on the builder or as DEVICEID in the bootstrap file");
        }
        Path caCertificate = caOverride != null ? caOverride : bootstrap.caCertificate();
        // A state that cannot be saved would orphan the new device: find out before asking the server.
        StateFile.checkWritable(stateFile);
        GausClient registering = clients.apply(bootstrap.serverUrl(), caCertificate);
        PendingRegistration pending = new PendingRegistration(stateFile, deviceId, bootstrap);
        RegisterResponse response = registering.register(deviceId, bootstrap.productAuthParameters(), pending.key());
        DeviceState saved = StateFile.readQuietly(stateFile);
        if (saved != null && saved.deviceAuthParameters().equals(response.deviceAuthParameters())) {
            // The key was left from a registration that was saved after all: this is a new one.
            pending.discard();
            pending = new PendingRegistration(stateFile, deviceId, bootstrap);
            response = registering.register(deviceId, bootstrap.productAuthParameters(), pending.key());
        }
        DeviceState fresh = new DeviceState(deviceId, response.deviceAuthParameters(), bootstrap.serverUrl(),
                clientVersion, response.pollIntervalSeconds(), caCertificate, bootstrap.updateKeys());
        adopter.adopt(fresh, registering);
        try {
            StateFile.write(stateFile, fresh);
        } catch (UncheckedIOException | SecurityException e) {
            // The pending key stays: registering again gets this same registration back.
            throw new RegistrationNotSavedException("device " + deviceId + " was registered but its state could not"
                    + " be written to " + stateFile + "; save the keys from this exception", fresh, e);
        }
        pending.discard();
        LOG.log(Level.INFO, () -> "device " + deviceId + " registered; state saved to " + stateFile);
        return fresh;
    }
}
