package dev.gaus.server.internal.store;

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

    /** A device about to be stored. */
    public record NewDevice(String guid, String productGuid, String deviceId, String accessKey,
            String secretHash, long createdAt) {
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
    public record DeviceInfo(String guid, String productName, String deviceId, long createdAt, Long revokedAt) {
    }

    /** A published update as stored; {@code withdrawnAt} is null while it is offered. */
    public record UpdateInfo(String id, String productGuid, String productName, String updateType, String version,
            dev.gaus.core.VersionScheme scheme, java.util.Map<String, String> where,
            java.util.Map<String, String> metadata, long size, String md5, String sha256, String downloadToken,
            Long withdrawnAt, long createdAt) {
        public boolean withdrawn() {
            return withdrawnAt != null;
        }
    }

    /** What {@code update publish} asks for; the file's size and digests are computed while storing it. */
    public record NewUpdate(String productGuid, String updateType, String version, dev.gaus.core.VersionScheme scheme,
            java.util.Map<String, String> where, java.util.Map<String, String> metadata) {
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
