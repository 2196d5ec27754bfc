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
import dev.gaus.server.internal.store.StoreRecords.NewUpdate;
import dev.gaus.server.internal.store.StoreRecords.StatusReport;
import dev.gaus.server.internal.store.StoreRecords.StoredReport;
import dev.gaus.server.internal.store.StoreRecords.UpdateInfo;
import dev.gaus.core.VersionScheme;
import dev.gaus.core.message.Update;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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

    /** The condition that the product key bound as the next parameter is not revoked. */
    private static final String ACTIVE_PRODUCT_KEY =
            "EXISTS (SELECT 1 FROM product_key WHERE access_key = ? AND revoked_at IS NULL)";
    static final int MAX_REMEMBERED_PRODUCT_KEYS = 1024;

    private final Database db;
    private final StoreWriter writer;
    /** Product keys registrations named, by access key; see findProductKeyForRegistration. */
    private final Map<String, ProductKey> registrationKeys = new ConcurrentHashMap<>();
    private final ServerKeys keys;
    private final SecretHasher hasher;
    private final UpdateFiles files;

    private GausStore(Database db) {
        this.db = db;
        this.files = new UpdateFiles(db);
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

    /**
     * The product key a registration names, from memory once seen. A product key's secret and
     * product never change, only its revocation does, and that is checked where it decides:
     * {@link #registerDevice} stores nothing for a key revoked meanwhile (by any process), and
     * {@link #findIdempotentRegistration} replays nothing under one. So registrations, the one
     * call that cannot use a cached token, skip a store read each.
     */
    public Optional<ProductKey> findProductKeyForRegistration(String accessKey) {
        ProductKey known = registrationKeys.get(accessKey);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<ProductKey> found = findActiveProductKey(accessKey);
        if (found.isPresent()) {
            if (registrationKeys.size() >= MAX_REMEMBERED_PRODUCT_KEYS) {
                registrationKeys.clear();
            }
            registrationKeys.put(accessKey, found.get());
        }
        return found;
    }

    /** Drops a product key from memory, after the store refused it as revoked. */
    public void forgetProductKey(String accessKey) {
        registrationKeys.remove(accessKey);
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
        return activeDeviceCatalogVersion(deviceGuid).isPresent();
    }

    /**
     * The catalog version of an active device's product, read in the same query that checks the
     * device: empty when the device is unknown or revoked.
     */
    public Optional<Long> activeDeviceCatalogVersion(String deviceGuid) {
        return query("SELECT p.catalog_version FROM device d JOIN product p ON p.guid = d.product_guid"
                + " WHERE d.guid = ? AND d.revoked_at IS NULL", ps -> ps.setString(1, deviceGuid), rs -> rs.getLong(1));
    }

    /** The earlier answer to replay for this key, if any and if {@code productAccessKey} is not revoked. */
    public Optional<IdempotentRegistration> findIdempotentRegistration(String productGuid, String key,
            String productAccessKey, long now) {
        String sql = "SELECT body_hash, device_guid, sealed, expires_at FROM idempotent_registration"
                + " WHERE product_guid = ? AND idem_key = ? AND expires_at > ? AND " + ACTIVE_PRODUCT_KEY;
        return query(sql, ps -> {
            ps.setString(1, productGuid);
            ps.setString(2, key);
            ps.setLong(3, now);
            ps.setString(4, productAccessKey);
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
     * Stores a new device (and its idempotent answer) if {@code productAccessKey} is still active;
     * the future completes with whether it was stored once that is committed, or fails as
     * {@link StoreWriter#writeLater} says — with a {@link StoreException} when the idempotency key
     * was taken meanwhile (the caller then answers with the stored registration).
     */
    public CompletableFuture<Boolean> registerDevice(NewDevice device, String productAccessKey,
            IdempotentRegistration idempotent) {
        return writer.writeLater(c -> {
            if (!insertDevice(c, device, productAccessKey)) {
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

    private static boolean insertDevice(StoreWriter.Session c, NewDevice d, String productAccessKey)
            throws SQLException {
        PreparedStatement ps = c.prepare("INSERT INTO device"
                + " (guid, product_guid, device_id, access_key, secret_hash, created_at)"
                + " SELECT ?, ?, ?, ?, ?, ? WHERE " + ACTIVE_PRODUCT_KEY);
        ps.setString(1, d.guid());
        ps.setString(2, d.productGuid());
        ps.setString(3, d.deviceId());
        ps.setString(4, d.accessKey());
        ps.setString(5, d.secretHash());
        ps.setLong(6, d.createdAt());
        ps.setString(7, productAccessKey);
        return ps.executeUpdate() == 1;
    }

    /** Forgets idempotent answers past their time; returns how many. */
    public int purgeExpiredIdempotentRegistrations(long now) {
        return writer.write(c -> {
            PreparedStatement ps = c.prepare("DELETE FROM idempotent_registration WHERE expires_at <= ?");
            ps.setLong(1, now);
            return ps.executeUpdate();
        });
    }

    /**
     * Stores a report as sent and, in the same transaction, the update statuses it carries: for
     * each device, update and phase the last one received wins.
     */
    public CompletableFuture<Void> saveReport(String productGuid, String deviceGuid, long receivedAt, String query,
            String body, List<StatusReport> statuses) {
        return writer.writeLater(c -> {
            if (!statuses.isEmpty()) {
                PreparedStatement status = c.prepare("INSERT INTO update_status"
                        + " (update_id, device_guid, phase, status, received_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (update_id, device_guid, phase) DO UPDATE SET status = excluded.status,"
                        + " received_at = excluded.received_at");
                for (StatusReport st : statuses) {
                    status.setString(1, st.updateId());
                    status.setString(2, deviceGuid);
                    status.setString(3, st.phase());
                    status.setString(4, st.status());
                    status.setLong(5, receivedAt);
                    status.executeUpdate();
                }
            }
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
        registrationKeys.clear();
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


    // ---- updates -------------------------------------------------------------------------

    private static final String UPDATE_COLUMNS = "u.id, u.product_guid, p.name, u.update_type, u.version,"
            + " u.version_scheme, u.where_filters, u.metadata, u.size, u.md5, u.sha256, u.download_token,"
            + " u.withdrawn_at, u.created_at FROM update_package u JOIN product p ON p.guid = u.product_guid";

    private static UpdateInfo update(ResultSet rs) throws SQLException {
        return new UpdateInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                VersionScheme.of(rs.getString(6)), StringMaps.decode(rs.getString(7)),
                StringMaps.decode(rs.getString(8)), rs.getLong(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getObject(13) == null ? null : rs.getLong(13), rs.getLong(14));
    }

    /**
     * Stores the file (content-addressed) and publishes the update; the file's SHA-256 is added to
     * the metadata as {@code toSha256}. Durable when it returns.
     *
     * @throws IllegalArgumentException when the version does not fit the scheme, the type already
     *     uses another scheme, or the same version of the type is offered already
     */
    public UpdateInfo publishUpdate(NewUpdate u, Path file, long now) {
        if (!u.scheme().isValid(u.version())) {
            throw new IllegalArgumentException("version '" + u.version() + "' is not a valid "
                    + u.scheme().name().toLowerCase(java.util.Locale.ROOT) + " version");
        }
        if (u.metadata().containsKey(Update.SHA256_METADATA_KEY)) {
            throw new IllegalArgumentException("metadata " + Update.SHA256_METADATA_KEY
                    + " is computed from the file and cannot be given");
        }
        checkConsistent(u);
        UpdateFiles.Staged staged = files.stage(file);
        Map<String, String> metadata = new LinkedHashMap<>(u.metadata());
        metadata.put(Update.SHA256_METADATA_KEY, staged.digest().sha256());
        String id = Ids.newGuid();
        // The download path is this token, not the updateId: knowing an update's id (it is in
        // every report) must not be enough to fetch its file.
        String token = Credentials.newKey();
        writer.write(c -> {
            UpdateFiles.record(c, staged, now);
            {
                PreparedStatement ps = c.prepare("INSERT INTO update_package (id, product_guid,"
                    + " update_type, version, version_scheme, where_filters, metadata, size, md5, sha256,"
                    + " download_token, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                ps.setString(1, id);
                ps.setString(2, u.productGuid());
                ps.setString(3, u.updateType());
                ps.setString(4, u.version());
                ps.setString(5, u.scheme().name().toLowerCase(java.util.Locale.ROOT));
                ps.setString(6, StringMaps.encode(u.where()));
                ps.setString(7, StringMaps.encode(metadata));
                ps.setLong(8, staged.digest().size());
                ps.setString(9, staged.digest().md5());
                ps.setString(10, staged.digest().sha256());
                ps.setString(11, token);
                ps.setLong(12, now);
                ps.executeUpdate();
            }
            bumpCatalogVersion(c, "?", u.productGuid());
            return null;
        });
        return findUpdate(id).orElseThrow();
    }

    private void checkConsistent(NewUpdate u) {
        for (UpdateInfo other : updatesOfProduct(u.productGuid(), false)) {
            if (!other.updateType().equals(u.updateType())) {
                continue;
            }
            if (other.scheme() != u.scheme()) {
                throw new IllegalArgumentException("updates of type '" + u.updateType() + "' use the version type "
                        + other.scheme().name().toLowerCase(java.util.Locale.ROOT) + " (update " + other.id() + ")");
            }
            if (other.version().equals(u.version()) && other.where().equals(u.where())) {
                throw new IllegalArgumentException("version " + u.version() + " of type '" + u.updateType()
                        + "' with these --where filters is offered already (update " + other.id() + ")");
            }
        }
    }

    public Optional<UpdateInfo> findUpdate(String id) {
        return query("SELECT " + UPDATE_COLUMNS + " WHERE u.id = ?", ps -> ps.setString(1, id), GausStore::update);
    }

    public Optional<UpdateInfo> findUpdateByToken(String token) {
        return query("SELECT " + UPDATE_COLUMNS + " WHERE u.download_token = ?", ps -> ps.setString(1, token),
                GausStore::update);
    }

    /** Updates of a product, oldest first; withdrawn ones only when asked for. */
    public List<UpdateInfo> updatesOfProduct(String productGuid, boolean withWithdrawn) {
        return queryList("SELECT " + UPDATE_COLUMNS + " WHERE u.product_guid = ?"
                + (withWithdrawn ? "" : " AND u.withdrawn_at IS NULL") + " ORDER BY u.created_at, u.id",
                ps -> ps.setString(1, productGuid), GausStore::update);
    }

    /** Every update, oldest first; those of one product when {@code productName} is not null. */
    public List<UpdateInfo> listUpdates(String productName) {
        return queryList("SELECT " + UPDATE_COLUMNS + (productName == null ? "" : " WHERE p.name = ?")
                + " ORDER BY u.created_at, u.id", ps -> {
                    if (productName != null) {
                        ps.setString(1, productName);
                    }
                }, GausStore::update);
    }

    /** Stops offering an update (its file is no longer served); false when there is no such update. */
    public boolean withdrawUpdate(String id, long now) {
        return writer.write(c -> {
            PreparedStatement ps = c.prepare(
                    "UPDATE update_package SET withdrawn_at = COALESCE(withdrawn_at, ?) WHERE id = ?");
            ps.setLong(1, now);
            ps.setString(2, id);
            if (ps.executeUpdate() == 0) {
                return false;
            }
            bumpCatalogVersion(c, "(SELECT product_guid FROM update_package WHERE id = ?)", id);
            return true;
        });
    }

    /** Every change to a product's offer raises its catalog version, in the change's transaction. */
    private static void bumpCatalogVersion(StoreWriter.Session c, String productGuidSql, String value)
            throws java.sql.SQLException {
        PreparedStatement ps = c.prepare(
                "UPDATE product SET catalog_version = catalog_version + 1 WHERE guid = " + productGuidSql);
        ps.setString(1, value);
        ps.executeUpdate();
    }

    /** Writes bytes {@code offset .. offset+length-1} of a stored file to {@code out}. */
    public void copyFile(String sha256, long offset, long length, java.io.OutputStream out) throws java.io.IOException {
        files.copyRange(sha256, offset, length, out);
    }

    /**
     * For one update: phase to status to the number of devices whose latest report of that phase
     * has that status. {@code installation} (sent by the public shell tooling) counts as {@code install}.
     */
    public Map<String, Map<String, Long>> updateStatusCounts(String updateId) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        String sql = "SELECT CASE WHEN phase = 'installation' THEN 'install' ELSE phase END AS ph, device_guid,"
                + " status, received_at FROM update_status WHERE update_id = ? ORDER BY received_at";
        Map<String, String> latest = new LinkedHashMap<>();
        queryList(sql, ps -> ps.setString(1, updateId), rs -> {
            latest.put(rs.getString(1) + "\n" + rs.getString(2), rs.getString(3));
            return null;
        });
        latest.forEach((key, status) -> counts.computeIfAbsent(key.substring(0, key.indexOf('\n')),
                k -> new LinkedHashMap<>()).merge(status, 1L, Long::sum));
        return counts;
    }

    /** The newest reports first, at most {@code limit}; of one device when {@code deviceGuid} is not null. */
    public List<StoredReport> listReports(String deviceGuid, int limit) {
        String sql = "SELECT id, device_guid, received_at, query, body FROM report"
                + (deviceGuid == null ? "" : " WHERE device_guid = ?") + " ORDER BY received_at DESC, id LIMIT ?";
        return queryList(sql, ps -> {
            int i = 1;
            if (deviceGuid != null) {
                ps.setString(i++, deviceGuid);
            }
            ps.setInt(i, limit);
        }, rs -> new StoredReport(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5)));
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
        try (Connection c = db.read()) {
            return db.withStatement(c, sql, ps -> {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
                }
            });
        } catch (SQLException e) {
            throw new StoreException("store read failed: " + e.getMessage(), e);
        }
    }

    private <T> List<T> queryList(String sql, Binder binder, RowMapper<T> mapper) {
        // Kept statements as in query(): every check-for-updates reads its product's catalog.
        try (Connection c = db.read()) {
            return db.withStatement(c, sql, ps -> {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    List<T> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(mapper.map(rs));
                    }
                    return out;
                }
            });
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
