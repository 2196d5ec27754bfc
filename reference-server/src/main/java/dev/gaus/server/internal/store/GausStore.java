package dev.gaus.server.internal.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The JDBC store, on SQLite or PostgreSQL as the {@link EngineDialect} says: the database, its one
 * writer, the server's keys, and over them one store per group of tables, each the only one to
 * touch its tables. Reads use pooled connections; every write goes through the writer, so it is
 * group-committed and durable when it returns.
 */
public final class GausStore implements Stores {
    private final Database db;
    private final StoreWriter writer;
    private final ServerKeys keys;
    private final StoredSecrets secrets;
    private final ProductStore products;
    private final DeviceStore devices;
    private final UpdateStore updates;
    private final ReportStore reports;

    private GausStore(Database db, CommitObserver commits) {
        this.db = db;
        this.writer = new StoreWriter(db, commits);
        try {
            this.keys = ServerKeys.loadOrCreate(writer);
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
        this.secrets = new StoredSecrets(keys.secretHashKey());
        Queries reads = new Queries(db);
        this.products = new JdbcProductStore(reads, writer, secrets);
        this.devices = new JdbcDeviceStore(reads, writer, secrets);
        this.updates = new JdbcUpdateStore(reads, writer, db.dialect().updateFiles(db),
                db.dialect()::isConstraintViolation);
        this.reports = new JdbcReportStore(reads, writer);
    }

    /** Opens the store (see {@link Database#open}) with its writer and keys. */
    public static GausStore open(Path dataDir, String jdbcUrl) {
        return open(dataDir, jdbcUrl, CommitObserver.NONE);
    }

    /** As {@link #open(Path, String)}, telling {@code commits} of every group commit. */
    public static GausStore open(Path dataDir, String jdbcUrl, CommitObserver commits) {
        Database db = Database.open(dataDir, jdbcUrl);
        try {
            return new GausStore(db, commits);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Products and their keys. */
    @Override
    public ProductStore products() {
        return products;
    }

    /** Devices and idempotent registrations. */
    @Override
    public DeviceStore devices() {
        return devices;
    }

    /** The update catalog and its files. */
    @Override
    public UpdateStore updates() {
        return updates;
    }

    /** What devices report, and the rollout status taken from it. */
    @Override
    public ReportStore reports() {
        return reports;
    }

    /** Checks presented secrets against the hashes the stores keep. */
    @Override
    public StoredSecrets secrets() {
        return secrets;
    }

    /** The key device tokens are signed with (HS256), the same for every instance on this store. */
    @Override
    public byte[] tokenSigningKey() {
        return keys.tokenKey();
    }

    /** The key the answers kept for Idempotency-Key retries are sealed under (with the product secret). */
    @Override
    public byte[] idempotencySealKey() {
        return keys.sealKey();
    }

    /** Engine and location, without credentials; safe to log. */
    @Override
    public String description() {
        return db.description();
    }

    /** True when the store answers a trivial query. */
    @Override
    public boolean ping() {
        try (Connection c = db.read(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            return rs.next();
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Copies what SQLite's write-ahead log holds into the database file without blocking the
     * writer; nothing on PostgreSQL. Called periodically from a background thread.
     */
    @Override
    public void checkpoint() {
        try {
            db.checkpoint();
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }

    /** Commits what is queued, then closes the writer and the database. */
    @Override
    public void close() {
        writer.close();
        db.close();
    }
}
