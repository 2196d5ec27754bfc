package dev.gaus.device.internal;

import static dev.gaus.core.KeyValueFile.CLIENT_VERSION;
import static dev.gaus.core.KeyValueFile.DEVICEID;
import static dev.gaus.core.KeyValueFile.DEVICE_ACCESS_KEY;
import static dev.gaus.core.KeyValueFile.DEVICE_SECRET_KEY;
import static dev.gaus.core.KeyValueFile.GAUS_CA_CERT;
import static dev.gaus.core.KeyValueFile.GAUS_UPDATE_KEYS;
import static dev.gaus.core.KeyValueFile.GAUS_URL;
import static dev.gaus.core.KeyValueFile.POLL_INTERVAL_SECONDS;

import dev.gaus.core.KeyValueFile;
import dev.gaus.core.UpdateKey;
import dev.gaus.core.internal.BootstrapFile;
import dev.gaus.core.internal.BootstrapFileException;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.device.DeviceState;
import dev.gaus.device.GausClientException;
import dev.gaus.device.GausClientException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and writes {@code device.data}: {@code KEY="value"} lines the public shell tooling can
 * {@code source}, written atomically with mode 0600. Keys this SDK does not know are kept.
 */
public final class StateFile {
    /** The poll interval assumed when a file written by other tooling carries none. */
    public static final long DEFAULT_POLL_INTERVAL_SECONDS = 3600;

    private static final Set<String> OWN_KEYS = Set.of(DEVICEID, DEVICE_ACCESS_KEY,
            DEVICE_SECRET_KEY, GAUS_URL, CLIENT_VERSION, POLL_INTERVAL_SECONDS, GAUS_CA_CERT, GAUS_UPDATE_KEYS);

    private static final System.Logger LOG = System.getLogger("dev.gaus.device");

    private StateFile() {}

    /** The state in {@code file}, or empty when there is no such file. */
    public static Optional<DeviceState> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Map<String, String> values;
        try {
            values = KeyValueFile.read(file);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return Optional.empty();
            }
            throw new GausClientException(Reason.LOCAL_STATE, "cannot read device state " + file, e.getCause());
        }
        AuthParameters keys = new AuthParameters(required(values, DEVICE_ACCESS_KEY, file),
                required(values, DEVICE_SECRET_KEY, file));
        long poll = DEFAULT_POLL_INTERVAL_SECONDS;
        String pollText = values.get(POLL_INTERVAL_SECONDS);
        if (pollText != null && !pollText.isEmpty()) {
            try {
                poll = Long.parseLong(pollText);
            } catch (NumberFormatException e) {
                poll = -1;
            }
            if (poll <= 0) {
                throw new GausClientException(Reason.LOCAL_STATE, file + ": " + POLL_INTERVAL_SECONDS
                        + " is not a positive number of seconds");
            }
        }
        String ca = values.get(GAUS_CA_CERT);
        URI serverUrl;
        List<UpdateKey> updateKeys;
        try {
            serverUrl = BootstrapFile.httpUrl(file, GAUS_URL, required(values, GAUS_URL, file));
            updateKeys = BootstrapFile.updateKeys(file, values.get(GAUS_UPDATE_KEYS));
        } catch (BootstrapFileException e) {
            throw new GausClientException(Reason.LOCAL_STATE, e.getMessage(), e);
        }
        return Optional.of(new DeviceState(
                required(values, DEVICEID, file),
                keys,
                serverUrl,
                values.getOrDefault(CLIENT_VERSION, ""),
                poll,
                ca == null || ca.isEmpty() ? null : BootstrapFile.resolve(file, ca),
                updateKeys));
    }

    private static String required(Map<String, String> values, String key, Path file) {
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            throw new GausClientException(Reason.LOCAL_STATE, file + ": " + key + " is missing or empty");
        }
        return v;
    }

    /** The state in {@code file}, or null when there is none or it cannot be read. */
    public static DeviceState readQuietly(Path file) {
        try {
            return read(file).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Replaces {@code file} with {@code state}, keeping keys of the old file that this SDK does not
     * write. Throws {@link UncheckedIOException} when the file cannot be written.
     */
    public static void write(Path file, DeviceState state) {
        Map<String, String> values = values(state);
        for (Map.Entry<String, String> old : oldValues(file).entrySet()) {
            if (!OWN_KEYS.contains(old.getKey())) {
                values.put(old.getKey(), old.getValue());
            }
        }
        KeyValueFile.writeAtomically(file, values);
        removeStaleTemporaryFiles(file);
    }

    /** The keys of {@code state} in the order every writer of {@code device.data} in this SDK uses. */
    public static Map<String, String> values(DeviceState state) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(DEVICEID, state.deviceId());
        values.put(DEVICE_ACCESS_KEY, state.deviceAuthParameters().accessKey());
        values.put(DEVICE_SECRET_KEY, state.deviceAuthParameters().secretKey());
        values.put(GAUS_URL, state.serverUrl().toString());
        values.put(CLIENT_VERSION, state.clientVersion());
        values.put(POLL_INTERVAL_SECONDS, Long.toString(state.pollIntervalSeconds()));
        if (state.caCertificate() != null) {
            values.put(GAUS_CA_CERT, state.caCertificate().toAbsolutePath().toString());
        }
        if (!state.updateKeys().isEmpty()) {
            values.put(GAUS_UPDATE_KEYS, UpdateKey.format(state.updateKeys()));
        }
        return values;
    }

    /** {@link #write}, a failure being a {@link GausClientException} ({@code LOCAL_STATE}). */
    public static void save(Path file, DeviceState state) {
        try {
            write(file, state);
        } catch (UncheckedIOException e) {
            throw new GausClientException(Reason.LOCAL_STATE, "cannot write device state " + file, e);
        }
    }

    /** {@link #write}, a failure being logged: for {@code what} changed, which the device keeps in memory meanwhile. */
    public static void writeOrWarn(Path file, DeviceState state, String what) {
        try {
            write(file, state);
        } catch (UncheckedIOException e) {
            LOG.log(Level.WARNING, "cannot store " + what + " in " + file + ": " + e.getMessage());
        }
    }

    /**
     * A process killed mid-write leaves its temporary file behind (the target itself stays whole).
     * Those hold keys, so they are removed once a write has succeeded.
     */
    private static void removeStaleTemporaryFiles(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        String prefix = "." + file.getFileName() + ".";
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(".tmp"))) {
            for (Path p : stale) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | SecurityException e) {
            // Only housekeeping: the state itself is written.
        }
    }

    /**
     * Fails unless a new {@code file} can be created in its folder (creating the folder if need be),
     * so that a registration is not made only to be lost.
     */
    public static void checkWritable(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, "." + file.getFileName() + ".", ".probe");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new GausClientException(Reason.LOCAL_STATE, "cannot write device state in " + dir + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private static Map<String, String> oldValues(Path file) {
        try {
            return Files.exists(file) ? KeyValueFile.read(file) : Map.of();
        } catch (RuntimeException e) {
            return Map.of(); // an unreadable old file is replaced whole
        }
    }
}
