package dev.gaus.server.internal.store;

import dev.gaus.core.Credentials;
import dev.gaus.core.SecretHasher;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.server.internal.store.StoreRecords.DeviceInfo;
import dev.gaus.server.internal.store.StoreRecords.DeviceKey;
import dev.gaus.server.internal.store.StoreRecords.IdempotentRegistration;
import dev.gaus.server.internal.store.StoreRecords.NewDevice;
import dev.gaus.server.internal.store.StoreRecords.ProductInfo;
import dev.gaus.server.internal.store.StoreRecords.ProductKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Every query the server and the admin CLI make. Reads use pooled connections; every write goes
 * through the one {@link StoreWriter}, so it is group-committed and durable when it returns.
 */
public final class GausStore implements AutoCloseable {
    /** Names of the rows of {@code server_key}. */
    private static final String SECRET_HASH_KEY = "secret-hash";
    private static final String TOKEN_KEY = "token-hs256";
    private static final String SEAL_KEY = "idempotency-seal";

    private final Database db;
    private final StoreWriter writer;
    private final ServerKeys keys;
    private final SecretHasher hasher;

    private GausStore(Database db) {
        this.db = db;
        this.writer = new StoreWriter(db);
        try {
            this.keys = writer.write(GausStore::loadOrCreateKeys);
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
        this.hasher = new SecretHasher(keys.secretHashKey());
    }

    /** Opens the store (see {@link Database#open}) with its writer and keys. */
    public static GausStore open(java.nio.file.Path dataDir, String jdbcUrl) {
        Database db = Database.open(dataDir, jdbcUrl);
        try {
            return new GausStore(db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public Database database() {
        return db;
    }

    public ServerKeys keys() {
        return keys;
    }

    /** Hashes secrets with the store's key. */
    public SecretHasher hasher() {
        return hasher;
    }

    public StoreWriter writer() {
        return writer;
    }

    private static ServerKeys loadOrCreateKeys(StoreWriter.Session c) throws SQLException {
        return new ServerKeys(key(c, SECRET_HASH_KEY), key(c, TOKEN_KEY), key(c, SEAL_KEY));
    }

    private static byte[] key(StoreWriter.Session c, String name) throws SQLException {
        PreparedStatement insert = c.prepare(
                "INSERT INTO server_key (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING");
        insert.setString(1, name);
        insert.setString(2, HexFormat.of().formatHex(Credentials.randomBytes(32)));
        insert.executeUpdate();
        PreparedStatement select = c.prepare("SELECT value FROM server_key WHERE name = ?");
        select.setString(1, name);
        try (ResultSet rs = select.executeQuery()) {
            rs.next();
            return HexFormat.of().parseHex(rs.getString(1));
        }
    }

    // ---- reads ---------------------------------------------------------------------------

    /** True when the store answers a trivial query. */
    public boolean ping() {
        try (Connection c = db.read(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            return rs.next();
        } catch (SQLException e) {
            return false;
        }
    }

    public Optional<ProductKey> findActiveProductKey(String accessKey) {
        String sql = "SELECT k.secret_hash, p.guid, p.name, p.poll_interval_seconds FROM product_key k"
                + " JOIN product p ON p.guid = k.product_guid WHERE k.access_key = ? AND k.revoked_at IS NULL";
        return query(sql, ps -> ps.setString(1, accessKey), rs -> new ProductKey(accessKey, rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getLong(4)));
    }

    public Optional<DeviceKey> findDeviceByAccessKey(String accessKey) {
        String sql = "SELECT guid, product_guid, device_id, secret_hash, revoked_at FROM device WHERE access_key = ?";
        return query(sql, ps -> ps.setString(1, accessKey), rs -> new DeviceKey(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getObject(5) != null));
    }

    /** True when the device exists and is not revoked. */
    public boolean isDeviceActive(String deviceGuid) {
        return query("SELECT revoked_at FROM device WHERE guid = ?", ps -> ps.setString(1, deviceGuid),
                rs -> rs.getObject(1) == null).orElse(false);
    }

    public Optional<IdempotentRegistration> findIdempotentRegistration(String productGuid, String key, long now) {
        String sql = "SELECT body_hash, device_guid, sealed, expires_at FROM idempotent_registration"
                + " WHERE product_guid = ? AND idem_key = ? AND expires_at > ?";
        return query(sql, ps -> {
            ps.setString(1, productGuid);
            ps.setString(2, key);
            ps.setLong(3, now);
        }, rs -> new IdempotentRegistration(productGuid, key, rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getLong(4)));
    }

    public boolean hasAnyProduct() {
        return query("SELECT 1 FROM product LIMIT 1", ps -> { }, rs -> true).orElse(false);
    }

    public List<ProductInfo> listProducts() {
        String sql = "SELECT p.guid, p.name, p.poll_interval_seconds, p.created_at,"
                + " (SELECT COUNT(*) FROM product_key k WHERE k.product_guid = p.guid AND k.revoked_at IS NULL),"
                + " (SELECT COUNT(*) FROM device d WHERE d.product_guid = p.guid)"
                + " FROM product p ORDER BY p.name";
        return queryList(sql, ps -> { }, rs -> new ProductInfo(rs.getString(1), rs.getString(2), rs.getLong(3),
                rs.getLong(4), rs.getInt(5), rs.getLong(6)));
    }

    public Optional<ProductInfo> findProduct(String name) {
        return listProducts().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Devices, oldest first; all of them when {@code productName} is null. */
    public List<DeviceInfo> listDevices(String productName) {
        String sql = "SELECT d.guid, p.name, d.device_id, d.created_at, d.revoked_at FROM device d"
                + " JOIN product p ON p.guid = d.product_guid"
                + (productName == null ? "" : " WHERE p.name = ?")
                + " ORDER BY d.created_at, d.guid";
        return queryList(sql, ps -> {
            if (productName != null) {
                ps.setString(1, productName);
            }
        }, rs -> new DeviceInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                rs.getObject(5) == null ? null : rs.getLong(5)));
    }

    // ---- writes --------------------------------------------------------------------------

    /**
     * Stores a new device, with the idempotent answer when the registration carried a key.
     * Durable when it returns.
     *
     * @throws StoreException when the idempotency key was taken meanwhile (the caller then
     *     answers with the stored registration)
     */
    public void registerDevice(NewDevice device, IdempotentRegistration idempotent) {
        writer.write(c -> {
            insertDevice(c, device);
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
            return null;
        });
    }

    private static void insertDevice(StoreWriter.Session c, NewDevice d) throws SQLException {
        PreparedStatement ps = c.prepare("INSERT INTO device"
                + " (guid, product_guid, device_id, access_key, secret_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)");
        ps.setString(1, d.guid());
        ps.setString(2, d.productGuid());
        ps.setString(3, d.deviceId());
        ps.setString(4, d.accessKey());
        ps.setString(5, d.secretHash());
        ps.setLong(6, d.createdAt());
        ps.executeUpdate();
    }

    /** Forgets idempotent answers past their time; returns how many. */
    public int purgeExpiredIdempotentRegistrations(long now) {
        return writer.write(c -> {
            PreparedStatement ps = c.prepare("DELETE FROM idempotent_registration WHERE expires_at <= ?");
            ps.setLong(1, now);
            return ps.executeUpdate();
        });
    }

    public void saveReport(String productGuid, String deviceGuid, long receivedAt, String query, String body) {
        writer.write(c -> {
            PreparedStatement ps = c.prepare("INSERT INTO report"
                    + " (id, product_guid, device_guid, received_at, query, body) VALUES (?, ?, ?, ?, ?, ?)");
            ps.setString(1, Ids.newGuid());
            ps.setString(2, productGuid);
            ps.setString(3, deviceGuid);
            ps.setLong(4, receivedAt);
            ps.setString(5, query);
            ps.setString(6, body);
            ps.executeUpdate();
            return null;
        });
    }

    /** Number of reports stored for a device. */
    public long countReports(String deviceGuid) {
        return query("SELECT COUNT(*) FROM report WHERE device_guid = ?", ps -> ps.setString(1, deviceGuid),
                rs -> rs.getLong(1)).orElse(0L);
    }

    /**
     * Creates a product with a first key pair; the secret is returned this once and only its
     * hash is stored.
     *
     * @throws IllegalArgumentException when a product of that name exists
     */
    public AuthParameters createProduct(String name, long pollIntervalSeconds, long now) {
        AuthParameters keys = Credentials.newKeyPair();
        String guid = Ids.newGuid();
        boolean created = writer.write(c -> insertProduct(c, guid, name, pollIntervalSeconds, keys, now));
        if (!created) {
            throw new IllegalArgumentException("a product named '" + name + "' exists already");
        }
        return keys;
    }

    /** Creates the product only when the store holds none; empty when another one exists. */
    public Optional<AuthParameters> createFirstProduct(String name, long pollIntervalSeconds, long now) {
        AuthParameters keys = Credentials.newKeyPair();
        String guid = Ids.newGuid();
        boolean created = writer.write(c -> {
            try (ResultSet rs = c.prepare("SELECT 1 FROM product LIMIT 1").executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
            return insertProduct(c, guid, name, pollIntervalSeconds, keys, now);
        });
        return created ? Optional.of(keys) : Optional.empty();
    }

    private boolean insertProduct(StoreWriter.Session c, String guid, String name, long pollIntervalSeconds,
            AuthParameters keys, long now) throws SQLException {
        PreparedStatement ps = c.prepare("INSERT INTO product (guid, name, poll_interval_seconds, created_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING");
        ps.setString(1, guid);
        ps.setString(2, name);
        ps.setLong(3, pollIntervalSeconds);
        ps.setLong(4, now);
        if (ps.executeUpdate() == 0) {
            return false;
        }
        insertProductKey(c, guid, keys, now);
        return true;
    }

    /** Issues one more key pair for a product; earlier keys keep working. */
    public AuthParameters addProductKey(String productGuid, long now) {
        AuthParameters keys = Credentials.newKeyPair();
        writer.write(c -> {
            insertProductKey(c, productGuid, keys, now);
            return null;
        });
        return keys;
    }

    private void insertProductKey(StoreWriter.Session c, String productGuid, AuthParameters keys, long now)
            throws SQLException {
        PreparedStatement ps = c.prepare("INSERT INTO product_key"
                + " (access_key, product_guid, secret_hash, created_at) VALUES (?, ?, ?, ?)");
        ps.setString(1, keys.accessKey());
        ps.setString(2, productGuid);
        ps.setString(3, hasher.hash(keys.secretKey()));
        ps.setLong(4, now);
        ps.executeUpdate();
    }

    /** Revokes every active key of the product but the newest; returns how many. */
    public int revokeOlderProductKeys(String productGuid, long now) {
        return writer.write(c -> {
            PreparedStatement ps = c.prepare("UPDATE product_key SET revoked_at = ?"
                    + " WHERE product_guid = ? AND revoked_at IS NULL AND access_key <> ("
                    + " SELECT access_key FROM product_key WHERE product_guid = ? AND revoked_at IS NULL"
                    + " ORDER BY created_at DESC, access_key DESC LIMIT 1)");
            ps.setLong(1, now);
            ps.setString(2, productGuid);
            ps.setString(3, productGuid);
            return ps.executeUpdate();
        });
    }

    /** Revokes a device: its keys and tokens stop working. False when there is no such device. */
    public boolean revokeDevice(String deviceGuid, long now) {
        return writer.write(c -> {
            PreparedStatement ps = c.prepare("UPDATE device SET revoked_at = COALESCE(revoked_at, ?) WHERE guid = ?");
            ps.setLong(1, now);
            ps.setString(2, deviceGuid);
            return ps.executeUpdate() > 0;
        });
    }

    // ---- plumbing ------------------------------------------------------------------------

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> Optional<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection c = db.read(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("store read failed: " + e.getMessage(), e);
        }
    }

    private <T> List<T> queryList(String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection c = db.read(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new StoreException("store read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        writer.close();
        db.close();
    }
}
