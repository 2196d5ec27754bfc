package dev.gaus.server.internal.store;

import dev.gaus.core.UpdateSignature;
import dev.gaus.core.VersionScheme;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.Update;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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

    /** What a device's requests need of its product, read with the check that the device is active. */
    public record DeviceStanding(long catalogVersion, long pollIntervalSeconds) {
    }

    /** A device as listed by the admin CLI; {@code revokedAt} is null while it is active. */
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

    /** The metadata keys the store writes itself: what the file and its signature say. */
    public static final Set<String> COMPUTED_METADATA_KEYS = Set.of(Update.SHA256_METADATA_KEY,
            UpdateSignature.SIGNATURE_METADATA_KEY, UpdateSignature.KEY_ID_METADATA_KEY,
            UpdateSignature.VERSION_SCHEME_METADATA_KEY);

    /**
     * An update to publish; the file's size and digests are computed while storing it, and its
     * SHA-256 is added to the metadata (with the signature, when signed), so the version must fit
     * the scheme and the metadata must not hold one of {@link #COMPUTED_METADATA_KEYS}.
     *
     * @param signedBy the signature over the update's fields, or null for an unsigned update
     */
    public record NewUpdate(String productGuid, String updateType, String version, VersionScheme scheme,
            Map<String, String> where, Map<String, String> metadata, SignedBy signedBy) {
        public NewUpdate {
            if (!scheme.isValid(version)) {
                throw new IllegalArgumentException("the version does not fit the version scheme " + scheme);
            }
            for (String key : COMPUTED_METADATA_KEYS) {
                if (metadata.containsKey(key)) {
                    throw new IllegalArgumentException("metadata " + key + " is computed by the store");
                }
            }
            where = Collections.unmodifiableMap(new LinkedHashMap<>(where));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }

        /** An unsigned update. */
        public NewUpdate(String productGuid, String updateType, String version, VersionScheme scheme,
                Map<String, String> where, Map<String, String> metadata) {
            this(productGuid, updateType, version, scheme, where, metadata, null);
        }

        /** The fields a signature of this update binds, given its stored file. */
        public UpdateSignature.Fields signedFields(FileDigest file) {
            return new UpdateSignature.Fields(productGuid, updateType, version, scheme, file.size(), file.sha256());
        }
    }

    /** An Ed25519 signature of an update's fields (standard base64) and the id of its key. */
    public record SignedBy(String keyId, String signature) {
        public SignedBy {
            Objects.requireNonNull(keyId, "keyId");
            Objects.requireNonNull(signature, "signature");
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
