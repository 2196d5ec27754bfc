package dev.gaus.server.internal.store;

import dev.gaus.core.Credentials;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.server.internal.store.StoreRecords.DeviceStanding;
import dev.gaus.server.internal.store.StoreRecords.ProductInfo;
import dev.gaus.server.internal.store.StoreRecords.ProductKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@link ProductStore} on the JDBC store: reads on pooled connections, writes through the group-committing writer. */
final class JdbcProductStore implements ProductStore {
    private final Queries reads;
    private final StoreWriter writer;
    private final StoredSecrets secrets;

    JdbcProductStore(Queries reads, StoreWriter writer, StoredSecrets secrets) {
        this.reads = reads;
        this.writer = writer;
        this.secrets = secrets;
    }

    /** The product key with what a registration needs of its product, read now; empty when unknown or revoked. */
    public Optional<ProductKey> findActiveKey(String accessKey) {
        String sql = "SELECT k.secret_hash, p.guid, p.name, p.poll_interval_seconds FROM product_key k"
                + " JOIN product p ON p.guid = k.product_guid WHERE k.access_key = ? AND k.revoked_at IS NULL";
        return reads.one(sql, ps -> ps.setString(1, accessKey), rs -> new ProductKey(accessKey, rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getLong(4)));
    }

    public boolean hasAny() {
        return reads.one("SELECT 1 FROM product LIMIT 1", Queries.NO_PARAMETERS, rs -> true).orElse(false);
    }

    /** Each product's catalog version and poll interval, by productGUID. */
    public Map<String, DeviceStanding> standings() {
        return reads.list("SELECT guid, catalog_version, poll_interval_seconds FROM product", Queries.NO_PARAMETERS,
                rs -> Map.entry(rs.getString(1), new DeviceStanding(rs.getLong(2), rs.getLong(3))))
                .stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Every product by name, with its count of active keys and of devices. */
    public List<ProductInfo> list() {
        String sql = "SELECT p.guid, p.name, p.poll_interval_seconds, p.created_at,"
                + " (SELECT COUNT(*) FROM product_key k WHERE k.product_guid = p.guid AND k.revoked_at IS NULL),"
                + " (SELECT COUNT(*) FROM device d WHERE d.product_guid = p.guid)"
                + " FROM product p ORDER BY p.name";
        return reads.list(sql, Queries.NO_PARAMETERS, rs -> new ProductInfo(rs.getString(1), rs.getString(2),
                rs.getLong(3), rs.getLong(4), rs.getInt(5), rs.getLong(6)));
    }

    /**
     * Creates a product with a first key pair; the secret is returned this once and only its
     * hash is stored. Empty when a product of that name exists.
     */
    public Optional<AuthParameters> create(String name, long pollIntervalSeconds, long now) {
        AuthParameters keys = Credentials.newKeyPair();
        String guid = Ids.newGuid();
        boolean created = writer.write(c -> insertProduct(c, guid, name, pollIntervalSeconds, keys, now));
        return created ? Optional.of(keys) : Optional.empty();
    }

    /** Creates the product only when the store holds none; empty when another one exists. */
    public Optional<AuthParameters> createFirst(String name, long pollIntervalSeconds, long now) {
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
        insertKey(c, guid, keys, now);
        return true;
    }

    /** Issues one more key pair for a product; earlier keys keep working. */
    public AuthParameters addKey(String productGuid, long now) {
        AuthParameters keys = Credentials.newKeyPair();
        writer.write(c -> {
            insertKey(c, productGuid, keys, now);
            return null;
        });
        return keys;
    }

    private void insertKey(StoreWriter.Session c, String productGuid, AuthParameters keys, long now)
            throws SQLException {
        PreparedStatement ps = c.prepare("INSERT INTO product_key"
                + " (access_key, product_guid, secret_hash, created_at) VALUES (?, ?, ?, ?)");
        ps.setString(1, keys.accessKey());
        ps.setString(2, productGuid);
        ps.setString(3, secrets.hash(keys.secretKey()));
        ps.setLong(4, now);
        ps.executeUpdate();
    }

    @Override
    public boolean setPollInterval(String productGuid, long seconds) {
        return writer.write(c -> {
            PreparedStatement ps = c.prepare("UPDATE product SET poll_interval_seconds = ? WHERE guid = ?");
            ps.setLong(1, seconds);
            ps.setString(2, productGuid);
            return ps.executeUpdate() == 1;
        });
    }

    /** Revokes every active key of the product but the newest; returns how many. */
    public int revokeOlderKeys(String productGuid, long now) {
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
}
