package dev.gaus.server.internal.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The store as the server and the admin CLI open it: the database, its one writer, the server's
 * keys, and over them one store per group of tables. Reads use pooled connections; every write
 * goes through the writer, so it is group-committed and durable when it returns.
 */
public final class GausStore implements AutoCloseable {
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
        this.products = new ProductStore(reads, writer, secrets);
        this.devices = new DeviceStore(reads, writer, secrets);
        this.updates = new UpdateStore(reads, writer, new UpdateFiles(db));
        this.reports = new ReportStore(reads, writer);
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
    public ProductStore products() {
        return products;
    }

    /** Devices and idempotent registrations. */
    public DeviceStore devices() {
        return devices;
    }

    /** The update catalog and its files. */
    public UpdateStore updates() {
        return updates;
    }

    /** What devices report, and the rollout status taken from it. */
    public ReportStore reports() {
        return reports;
    }

    /** Checks presented secrets against the hashes the stores keep. */
    public StoredSecrets secrets() {
        return secrets;
    }

    /** The key device tokens are signed with (HS256), the same for every instance on this store. */
    public byte[] tokenSigningKey() {
        return keys.tokenKey();
    }

    /** The key the answers kept for Idempotency-Key retries are sealed under (with the product secret). */
    public byte[] idempotencySealKey() {
        return keys.sealKey();
    }

    /** Engine and location, without credentials; safe to log. */
    public String description() {
        return db.description();
    }

    /** True when the store answers a trivial query. */
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
