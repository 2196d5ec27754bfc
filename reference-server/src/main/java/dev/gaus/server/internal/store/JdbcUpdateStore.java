package dev.gaus.server.internal.store;

import dev.gaus.core.Credentials;
import dev.gaus.core.UpdateKey;
import dev.gaus.core.UpdateSignature;
import dev.gaus.core.VersionScheme;
import dev.gaus.core.message.Update;
import dev.gaus.server.internal.store.StoreRecords.NewUpdate;
import dev.gaus.server.internal.store.StoreRecords.UpdateInfo;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/** {@link UpdateStore} on the JDBC store: reads on pooled connections, writes through the group-committing writer. */
final class JdbcUpdateStore implements UpdateStore {
    private static final String UPDATE_COLUMNS = "u.id, u.product_guid, p.name, u.update_type, u.version,"
            + " u.version_scheme, u.where_filters, u.metadata, u.size, u.md5, u.sha256, u.download_token,"
            + " u.withdrawn_at, u.created_at FROM update_package u JOIN product p ON p.guid = u.product_guid";
    /** The updates on offer of one type of one product, oldest first: what a new one must not clash with. */
    private static final String OFFERED_OF_TYPE = "SELECT id, version_scheme, version, where_filters"
            + " FROM update_package WHERE product_guid = ? AND update_type = ? AND withdrawn_at IS NULL"
            + " ORDER BY created_at, id";
    /** A publish that keeps meeting the store's constraints is given up after this many tries. */
    private static final int PUBLISH_ATTEMPTS = 5;

    private final Queries reads;
    private final StoreWriter writer;
    private final UpdateFiles files;

    private final Predicate<SQLException> constraintViolation;

    JdbcUpdateStore(Queries reads, StoreWriter writer, UpdateFiles files, Predicate<SQLException> constraintViolation) {
        this.reads = reads;
        this.writer = writer;
        this.files = files;
        this.constraintViolation = constraintViolation;
    }

    /**
     * Stores the file (content-addressed) and publishes the update; the file's SHA-256 is added to
     * the metadata as {@code toSha256}. Durable when it returns.
     *
     * <p>What may not be offered together is decided inside the transaction that stores the update,
     * and the store's constraints ({@code update_type_scheme}, {@code update_package_offered})
     * refuse it too: a publisher that checked before another one's commit fails on them. It then
     * checks again, and finds what it is refused for.
     *
     * <p>A product that requires signed updates ({@link #requireSignatures}) gets only updates
     * signed by one of its keys over the update's fields and the file's size and SHA-256; that too
     * is checked before the file is copied and again inside the transaction.
     *
     * @throws PublishRefused when updates of the type are on offer under another version scheme,
     *     the same version of the type is on offer with the same filters, the file is too large, or
     *     the product requires a signature the update lacks
     */
    public UpdateInfo publish(NewUpdate u, Path file, long now) {
        // Also before the file is read, so a conflict already committed costs no copy of it.
        OfferRules.refuseConflicts(u, reads.list(OFFERED_OF_TYPE, ofType(u), JdbcUpdateStore::offer));
        RequiredSignatures.check(u, RequiredSignatures.read(reads, u.productGuid()), () -> UpdateFiles.digest(file));
        UpdateFiles.Staged staged = files.stage(file);
        String id = Ids.newGuid();
        // The download path is this token, not the updateId: knowing an update's id (it is in
        // every report) must not be enough to fetch its file.
        String token = Credentials.newKey();
        for (int attempt = 1; ; attempt++) {
            try {
                writer.write(c -> {
                    OfferRules.refuseConflicts(u, Queries.list(c, OFFERED_OF_TYPE, ofType(u), JdbcUpdateStore::offer));
                    try {
                        insert(c, u, staged, id, token, now);
                    } catch (SQLException e) {
                        if (constraintViolation.test(e)) {
                            throw new PublishedMeanwhile(e);
                        }
                        throw e;
                    }
                    // Read after insert() raised the product's catalog version, which locks its row
                    // on PostgreSQL: a require-signatures that raised it first has committed, and
                    // one that comes later waits for this publish.
                    RequiredSignatures.check(u, RequiredSignatures.read(c, u.productGuid()), staged::digest);
                    return null;
                });
                return find(id).orElseThrow();
            } catch (PublishedMeanwhile e) {
                if (attempt == PUBLISH_ATTEMPTS) {
                    throw new StoreException("other updates of type '" + u.updateType()
                            + "' kept being published at the same time", e.getCause());
                }
            }
        }
    }

    /** The update's rows, its type's version scheme and the product's catalog version, in one transaction. */
    private void insert(StoreWriter.Session c, NewUpdate u, UpdateFiles.Staged staged, String id, String token,
            long now) throws SQLException {
        // Registers the type's scheme, or changes it: the foreign key of the updates on offer
        // refuses that while any of the type is on offer under the old one.
        PreparedStatement scheme = c.prepare("INSERT INTO update_type_scheme"
                + " (product_guid, update_type, version_scheme) VALUES (?, ?, ?)"
                + " ON CONFLICT (product_guid, update_type) DO UPDATE SET version_scheme = excluded.version_scheme"
                + " WHERE update_type_scheme.version_scheme <> excluded.version_scheme");
        scheme.setString(1, u.productGuid());
        scheme.setString(2, u.updateType());
        scheme.setString(3, OfferRules.schemeName(u.scheme()));
        scheme.executeUpdate();
        files.record(c, staged, now);
        Map<String, String> metadata = new LinkedHashMap<>(u.metadata());
        metadata.put(Update.SHA256_METADATA_KEY, staged.digest().sha256());
        if (u.signedBy() != null) {
            metadata.put(UpdateSignature.VERSION_SCHEME_METADATA_KEY, OfferRules.schemeName(u.scheme()));
            metadata.put(UpdateSignature.KEY_ID_METADATA_KEY, u.signedBy().keyId());
            metadata.put(UpdateSignature.SIGNATURE_METADATA_KEY, u.signedBy().signature());
        }
        PreparedStatement ps = c.prepare("INSERT INTO update_package (id, product_guid, update_type, version,"
                + " version_scheme, where_filters, metadata, size, md5, sha256, download_token, created_at,"
                + " offered_scheme) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        ps.setString(1, id);
        ps.setString(2, u.productGuid());
        ps.setString(3, u.updateType());
        ps.setString(4, u.version());
        ps.setString(5, OfferRules.schemeName(u.scheme()));
        // Sorted, so that equal filters are equal text for the unique index of the offered ones.
        ps.setString(6, StringMaps.encode(new TreeMap<>(u.where())));
        ps.setString(7, StringMaps.encode(metadata));
        ps.setLong(8, staged.digest().size());
        ps.setString(9, staged.digest().md5());
        ps.setString(10, staged.digest().sha256());
        ps.setString(11, token);
        ps.setLong(12, now);
        ps.setString(13, OfferRules.schemeName(u.scheme()));
        ps.executeUpdate();
        bumpCatalogVersion(c, "?", u.productGuid());
    }

    /**
     * A constraint refused the publish: another publisher of the type committed first (an update,
     * or the type's first scheme). The next attempt checks again and sees what it did.
     */
    private static final class PublishedMeanwhile extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PublishedMeanwhile(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static Queries.Binder ofType(NewUpdate u) {
        return ps -> {
            ps.setString(1, u.productGuid());
            ps.setString(2, u.updateType());
        };
    }

    private static OfferRules.Offer offer(ResultSet rs) throws SQLException {
        return new OfferRules.Offer(rs.getString(1), VersionScheme.of(rs.getString(2)), rs.getString(3),
                StringMaps.decode(rs.getString(4)));
    }

        private static UpdateInfo update(ResultSet rs) throws SQLException {
        return new UpdateInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                VersionScheme.of(rs.getString(6)), StringMaps.decode(rs.getString(7)),
                StringMaps.decode(rs.getString(8)), rs.getLong(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getObject(13) == null ? null : rs.getLong(13), rs.getLong(14));
    }

    public Optional<UpdateInfo> find(String id) {
        return reads.one("SELECT " + UPDATE_COLUMNS + " WHERE u.id = ?", ps -> ps.setString(1, id), JdbcUpdateStore::update);
    }

    public Optional<UpdateInfo> findByDownloadToken(String token) {
        return reads.one("SELECT " + UPDATE_COLUMNS + " WHERE u.download_token = ?", ps -> ps.setString(1, token),
                JdbcUpdateStore::update);
    }

    /** The updates a product offers (not withdrawn), oldest first. */
    public List<UpdateInfo> offeredBy(String productGuid) {
        return reads.list("SELECT " + UPDATE_COLUMNS + " WHERE u.product_guid = ? AND u.withdrawn_at IS NULL"
                + " ORDER BY u.created_at, u.id", ps -> ps.setString(1, productGuid), JdbcUpdateStore::update);
    }

    /** Every update, oldest first; those of one product when {@code productName} is not null. */
    public List<UpdateInfo> list(String productName) {
        return reads.list("SELECT " + UPDATE_COLUMNS + (productName == null ? "" : " WHERE p.name = ?")
                + " ORDER BY u.created_at, u.id", ps -> {
                    if (productName != null) {
                        ps.setString(1, productName);
                    }
                }, JdbcUpdateStore::update);
    }

    /** The keys of which the product requires its updates to be signed, oldest first; empty when none. */
    public List<UpdateKey> requiredSigningKeys(String productGuid) {
        return RequiredSignatures.read(reads, productGuid);
    }

    /**
     * From now on {@link #publish} refuses an update of the product unless it is signed by one of
     * {@code keys}; an empty list takes unsigned updates again. Updates on offer stay as they are.
     */
    public void requireSignatures(String productGuid, List<UpdateKey> keys, long now) {
        writer.write(c -> {
            // First, so that the product's row is locked before the keys change (see publish).
            bumpCatalogVersion(c, "?", productGuid);
            RequiredSignatures.replace(c, productGuid, keys, now);
            return null;
        });
    }

    /** Stops offering an update (its file is no longer served); false when there is no such update. */
    public boolean withdraw(String id, long now) {
        return writer.write(c -> {
            PreparedStatement ps = c.prepare("UPDATE update_package"
                    + " SET withdrawn_at = COALESCE(withdrawn_at, ?), offered_scheme = NULL WHERE id = ?");
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
            throws SQLException {
        PreparedStatement ps = c.prepare(
                "UPDATE product SET catalog_version = catalog_version + 1 WHERE guid = " + productGuidSql);
        ps.setString(1, value);
        ps.executeUpdate();
    }

    /**
     * Opens the stored file of an update for reading, positioned anywhere by the caller; fails
     * before anything is read when the file is missing or shorter than {@code size}.
     */
    public SeekableByteChannel openFile(String sha256, long size) throws IOException {
        return files.open(sha256, size);
    }
}
