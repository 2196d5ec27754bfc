package dev.gaus.device.internal;

import dev.gaus.core.KeyValueFile;
import dev.gaus.device.GausClientException;
import dev.gaus.device.GausClientException.Reason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code Idempotency-Key} of a registration in progress, kept beside {@code device.data}
 * until the new state is saved.
 *
 * <p>Retries within one call already share a key. This file extends that across a crash or a
 * failed state write: the next registration of the same device with the same product sends the
 * same key, and the server answers with the registration it already made instead of creating an
 * orphan device (the reference server remembers keys for 24 hours). The file is written like
 * {@code device.data}: atomically, mode 0600.
 */
public final class PendingRegistration {
    private static final String KEY = "IDEMPOTENCY_KEY";
    private static final String DEVICEID = KeyValueFile.DEVICEID;
    private static final String GAUS_URL = KeyValueFile.GAUS_URL;
    private static final String PRODUCT_ACCESS_KEY = KeyValueFile.PRODUCT_ACCESS_KEY;

    private final Path file;
    private final String key;

    /** Takes up the pending key of the same registration, or starts a new one. */
    public PendingRegistration(Path stateFile, String deviceId, Bootstrap bootstrap) {
        Path absolute = stateFile.toAbsolutePath();
        this.file = absolute.resolveSibling("." + absolute.getFileName() + ".pending-registration");
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put(DEVICEID, deviceId);
        wanted.put(GAUS_URL, bootstrap.serverUrl().toString());
        wanted.put(PRODUCT_ACCESS_KEY, bootstrap.productAuthParameters().accessKey());
        String earlier = earlierKey(wanted);
        if (earlier != null) {
            this.key = earlier;
            return;
        }
        this.key = UUID.randomUUID().toString();
        wanted.put(KEY, key);
        try {
            KeyValueFile.writeAtomically(file, wanted);
        } catch (UncheckedIOException e) {
            throw new GausClientException(Reason.LOCAL_STATE, "cannot write " + file, e.getCause());
        }
    }

    public String key() {
        return key;
    }

    /** The registration is saved (or is not to be resumed): forget the key. */
    public void discard() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover key is recognised and replaced by the next registration.
        }
    }

    private String earlierKey(Map<String, String> wanted) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            Map<String, String> values = KeyValueFile.read(file);
            for (Map.Entry<String, String> e : wanted.entrySet()) {
                if (!e.getValue().equals(values.get(e.getKey()))) {
                    return null;
                }
            }
            String k = values.get(KEY);
            return k == null || k.isEmpty() ? null : k;
        } catch (RuntimeException e) {
            return null; // unreadable: start afresh
        }
    }
}
