package dev.gaus.server.internal.store;

import dev.gaus.server.internal.store.StoreRecords.DeviceInfo;
import dev.gaus.server.internal.store.StoreRecords.DeviceKey;
import dev.gaus.server.internal.store.StoreRecords.DeviceStanding;
import dev.gaus.server.internal.store.StoreRecords.IdempotentRegistration;
import dev.gaus.server.internal.store.StoreRecords.NewDevice;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** {@link DeviceStore} on the JDBC store: reads on pooled connections, writes through the group-committing writer. */
final class JdbcDeviceStore implements DeviceStore {
    /** The condition that the product key bound as the next parameter is not revoked. */
    private static final String ACTIVE_PRODUCT_KEY =
            "EXISTS (SELECT 1 FROM product_key WHERE access_key = ? AND revoked_at IS NULL)";

    private final Queries reads;
    private final StoreWriter writer;
    private final StoredSecrets secrets;

    JdbcDeviceStore(Queries reads, StoreWriter writer, StoredSecrets secrets) {
        this.reads = reads;
        this.writer = writer;
        this.secrets = secrets;
    }

    /**
     * Stores a new device (and its idempotent answer) if {@code productAccessKey} is still active;
     * the device's secret is stored as its keyed hash only. The future completes with whether it
     * was stored once that is committed, or fails as {@link StoreWriter#writeLater} says — with a
     * {@link StoreException} when the idempotency key was taken meanwhile (the caller then
     * answers with the stored registration).
     */
    public CompletableFuture<Boolean> register(NewDevice device, String productAccessKey,
            IdempotentRegistration idempotent) {
        String secretHash = secrets.hash(device.keys().secretKey());
        return writer.writeLater(c -> {
            if (!insertDevice(c, device, secretHash, productAccessKey)) {
                return false;
            }
            if (idempotent != null) {
                PreparedStatement expired = c.prepare("DELETE FROM idempotent_registration"
                        + " WHERE product_guid = ? AND idem_key = ? AND expires_at <= ?");
                expired.setString(1, idempotent.productGuid());
                expired.setString(2, idempotent.key());
                expired.setLong(3, device.createdAt());
                expired.executeUpdate();
                PreparedStatement insert = c.prepare("INSERT INTO idempotent_registration"
                        + " (product_guid, idem_key, body_hash, device_guid, sealed, expires_at) VALUES (?, ?, ?, ?, ?, ?)");
                insert.setString(1, idempotent.productGuid());
                insert.setString(2, idempotent.key());
                insert.setString(3, idempotent.bodyHash());
                insert.setString(4, idempotent.deviceGuid());
                insert.setString(5, idempotent.sealed());
                insert.setLong(6, idempotent.expiresAt());
                insert.executeUpdate();
            }
            return true;
        });
    }

    private static boolean insertDevice(StoreWriter.Session c, NewDevice d, String secretHash,
            String productAccessKey) throws SQLException {
        PreparedStatement ps = c.prepare("INSERT INTO device"
                + " (guid, product_guid, device_id, access_key, secret_hash, created_at)"
                + " SELECT ?, ?, ?, ?, ?, ? WHERE " + ACTIVE_PRODUCT_KEY);
        ps.setString(1, d.guid());
        ps.setString(2, d.productGuid());
        ps.setString(3, d.deviceId());
        ps.setString(4, d.keys().accessKey());
        ps.setString(5, secretHash);
        ps.setLong(6, d.createdAt());
        ps.setString(7, productAccessKey);
        return ps.executeUpdate() == 1;
    }

    public Optional<DeviceKey> findByAccessKey(String accessKey) {
        String sql = "SELECT guid, product_guid, device_id, secret_hash, revoked_at FROM device WHERE access_key = ?";
        return reads.one(sql, ps -> ps.setString(1, accessKey), rs -> new DeviceKey(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getObject(5) != null));
    }

    /** True when the device exists and is not revoked. */
    public boolean isActive(String deviceGuid) {
        return standing(deviceGuid).isPresent();
    }

    /**
     * The catalog version and poll interval of an active device's product, read in the same
     * query that checks the device: empty when the device is unknown or revoked.
     */
    public Optional<DeviceStanding> standing(String deviceGuid) {
        return reads.one("SELECT p.catalog_version, p.poll_interval_seconds FROM device d"
                + " JOIN product p ON p.guid = d.product_guid WHERE d.guid = ? AND d.revoked_at IS NULL",
                ps -> ps.setString(1, deviceGuid), rs -> new DeviceStanding(rs.getLong(1), rs.getLong(2)));
    }

    /** Devices stored, revoked ones included. */
    public long count() {
        return reads.one("SELECT COUNT(*) FROM device", Queries.NO_PARAMETERS, rs -> rs.getLong(1)).orElse(0L);
    }

    /** Devices, oldest first; all of them when {@code productName} is null. */
    public List<DeviceInfo> list(String productName) {
        String sql = "SELECT d.guid, p.name, d.device_id, d.created_at, d.revoked_at FROM device d"
                + " JOIN product p ON p.guid = d.product_guid"
                + (productName == null ? "" : " WHERE p.name = ?")
                + " ORDER BY d.created_at, d.guid";
        return reads.list(sql, ps -> {
            if (productName != null) {
                ps.setString(1, productName);
            }
        }, rs -> new DeviceInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                rs.getObject(5) == null ? null : rs.getLong(5)));
    }

    /** Revokes a device: its keys and tokens stop working. False when there is no such device. */
    public boolean revoke(String deviceGuid, long now) {
        return writer.write(c -> {
            PreparedStatement ps = c.prepare("UPDATE device SET revoked_at = COALESCE(revoked_at, ?) WHERE guid = ?");
            ps.setLong(1, now);
            ps.setString(2, deviceGuid);
            if (ps.executeUpdate() == 0) {
                return false;
            }
            // every server reads the revoked set again when this moves (DeviceStandings)
            c.prepare("UPDATE store_counter SET value = value + 1 WHERE name = 'device_revocations'").executeUpdate();
            return true;
        });
    }

    /** Raised with each revocation: the revoked set changed when this did. */
    public long revocationCounter() {
        return reads.one("SELECT value FROM store_counter WHERE name = 'device_revocations'", Queries.NO_PARAMETERS,
                rs -> rs.getLong(1)).orElse(0L);
    }

    /** Every revoked device. */
    public Set<String> revoked() {
        return Set.copyOf(reads.list("SELECT guid FROM device WHERE revoked_at IS NOT NULL", Queries.NO_PARAMETERS,
                rs -> rs.getString(1)));
    }

    /** The earlier answer to replay for this key, if any and if {@code productAccessKey} is not revoked. */
    public Optional<IdempotentRegistration> findIdempotentRegistration(String productGuid, String key,
            String productAccessKey, long now) {
        String sql = "SELECT body_hash, device_guid, sealed, expires_at FROM idempotent_registration"
                + " WHERE product_guid = ? AND idem_key = ? AND expires_at > ? AND " + ACTIVE_PRODUCT_KEY;
        return reads.one(sql, ps -> {
            ps.setString(1, productGuid);
            ps.setString(2, key);
            ps.setLong(3, now);
            ps.setString(4, productAccessKey);
        }, rs -> new IdempotentRegistration(productGuid, key, rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getLong(4)));
    }

    /** Forgets idempotent answers past their time; returns how many. */
    public int purgeExpiredIdempotentRegistrations(long now) {
        return writer.write(c -> {
            PreparedStatement ps = c.prepare("DELETE FROM idempotent_registration WHERE expires_at <= ?");
            ps.setLong(1, now);
            return ps.executeUpdate();
        });
    }
}
