package dev.gaus.server.internal.store;

import dev.gaus.core.VersionScheme;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.Update;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Rows as the rest of the server sees them. Secret hashes never leave the server. */
public final class StoreRecords {
    private StoreRecords() {}

    /** An active product key with what a registration needs of its product. */
    public record ProductKey(String accessKey, String secretHash, String productGuid, String productName,
            long pollIntervalSeconds) {
        @Override
        public String toString() {
            return "ProductKey[accessKey=" + accessKey + ", product=" + productName + "]";
        }
    }

    /** A device's credentials as stored. */
    public record DeviceKey(String deviceGuid, String productGuid, String deviceId, String secretHash,
            boolean revoked) {
        @Override
        public String toString() {
            return "DeviceKey[device=" + deviceGuid + ", revoked=" + revoked + "]";
        }
    }

    /** A device about to be stored, with the keys it was given; its secret is stored only as a keyed hash. */
    public record NewDevice(String guid, String productGuid, String deviceId, AuthParameters keys, long createdAt) {
    }

    /** A stored answer to a registration made with an {@code Idempotency-Key}. */
    public record IdempotentRegistration(String productGuid, String key, String bodyHash, String deviceGuid,
            String sealed, long expiresAt) {
    }

    /** A product as listed by the admin CLI. */
    public record ProductInfo(String guid, String name, long pollIntervalSeconds, long createdAt,
            int activeKeys, long devices) {
    }

    /** A device as listed by the admin CLI. */
    /** What a device's requests need of its product, read with the check that the device is active. */
    public record DeviceStanding(long catalogVersion, long pollIntervalSeconds) {
    }

    public record DeviceInfo(String guid, String productName, String deviceId, long createdAt, Long revokedAt) {
    }

    /** A published update as stored; {@code withdrawnAt} is null while it is offered. */
    public record UpdateInfo(String id, String productGuid, String productName, String updateType, String version,
            VersionScheme scheme, Map<String, String> where, Map<String, String> metadata, long size, String md5,
            String sha256, String downloadToken, Long withdrawnAt, long createdAt) {
        public boolean withdrawn() {
            return withdrawnAt != null;
        }
    }

    /**
     * An update to publish; the file's size and digests are computed while storing it, and its
     * SHA-256 is added to the metadata, so the version must fit the scheme and the metadata must
     * not hold {@link Update#SHA256_METADATA_KEY}.
     */
    public record NewUpdate(String productGuid, String updateType, String version, VersionScheme scheme,
            Map<String, String> where, Map<String, String> metadata) {
        public NewUpdate {
            if (!scheme.isValid(version)) {
                throw new IllegalArgumentException("the version does not fit the version scheme " + scheme);
            }
            if (metadata.containsKey(Update.SHA256_METADATA_KEY)) {
                throw new IllegalArgumentException(Update.SHA256_METADATA_KEY + " is computed from the file");
            }
            where = Collections.unmodifiableMap(new LinkedHashMap<>(where));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    /** One {@code event.update.Status} item of a report. */
    public record StatusReport(String updateId, String phase, String status) {
    }

    /** A report as stored: the body exactly as the device sent it. */
    public record StoredReport(String id, String deviceGuid, long receivedAt, String query, String body) {
    }

    /** Size and digests of a stored file, as lowercase hex. */
    public record FileDigest(long size, String md5, String sha256) {
    }
}
