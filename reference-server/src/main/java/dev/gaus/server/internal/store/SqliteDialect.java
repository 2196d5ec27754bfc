package dev.gaus.server.internal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite: one file, WAL mode with {@code synchronous=FULL} (every commit reaches the disk), one
 * writer at a time taking the write lock per transaction, statements of the read paths kept
 * prepared per connection, a checkpoint the writer never runs mid-batch, and update files on
 * disk beside the database.
 */
final class SqliteDialect extends EngineDialect {
    static final String URL_PREFIX = "jdbc:sqlite:";

    private final String url;
    private final String file;
    /**
     * Statements kept prepared per pooled reader connection, by SQL. A connection is used by one
     * thread at a time while borrowed, so its inner map needs no lock.
     */
    private final Map<SQLiteConnection, Map<String, PreparedStatement>> readStatements = new ConcurrentHashMap<>();
    /** Set when a background checkpoint copied frames; the writer then copies the rest. */
    private volatile boolean checkpointTailPending;

    SqliteDialect(String url, String file) {
        this.url = url;
        this.file = file;
    }

    static SqliteDialect inDataDir(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        Path db = dataDir.resolve(Database.SQLITE_FILE);
        return new SqliteDialect(URL_PREFIX + db.toAbsolutePath(), db.toString());
    }

    static SqliteDialect atUrl(String url) {
        return new SqliteDialect(url, url.substring(URL_PREFIX.length()));
    }

    @Override
    String description() {
        return "SQLite " + file;
    }

    @Override
    HikariDataSource openReaders() {
        // Readers: WAL lets them run beside the writer; FULL makes every commit reach the disk.
        SQLiteDataSource readSource = new SQLiteDataSource(config());
        readSource.setUrl(url);
        HikariConfig config = new HikariConfig();
        config.setPoolName("gaus-sqlite");
        config.setDataSource(readSource);
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    private static SQLiteConfig config() {
        SQLiteConfig c = new SQLiteConfig();
        c.setJournalMode(SQLiteConfig.JournalMode.WAL);
        c.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        c.setBusyTimeout(15_000);
        // When the WAL starts over after a burst, its file is cut back to this size.
        c.setJournalSizeLimit(64 << 20);
        c.enforceForeignKeys(true);
        // Left on, sqlite-jdbc follows every INSERT with a regex match on its SQL and a second
        // statement (SELECT last_insert_rowid()) for getGeneratedKeys, which nothing here reads:
        // on the writer thread that doubled the statements per registration.
        c.setGetGeneratedKeys(false);
        return c;
    }

    @Override
    Connection openWriter() throws SQLException {
        SQLiteDataSource writeSource = new SQLiteDataSource(config());
        writeSource.setUrl(url);
        Connection c = writeSource.getConnection();
        // sqlite-jdbc opens the next transaction right after each commit; in IMMEDIATE mode that
        // would hold the write lock between batches and shut out the admin CLI. So the writer
        // stays in auto-commit mode and opens each transaction itself.
        c.setAutoCommit(true);
        // The writer never checkpoints: a commit that also copied the WAL into the database
        // and synced it would hold up every request of its batch. The Checkpointer does it.
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint=0");
        }
        return c;
    }

    /**
     * The statement is prepared once per connection and kept: parsing and planning the SQL cost
     * more than running the one-row lookups of the request paths (the product key of every
     * registration). Closing each result set resets the statement, so no read transaction, and no
     * old snapshot, outlives the call.
     */
    @Override
    <T> T withStatement(Connection c, String sql, Database.StatementWork<T> work) throws SQLException {
        SQLiteConnection raw = c.unwrap(SQLiteConnection.class);
        Map<String, PreparedStatement> statements = readStatements.get(raw);
        if (statements == null) {
            // A connection the pool has retired never comes back: forget its statements.
            readStatements.keySet().removeIf(SqliteDialect::isClosed);
            statements = new HashMap<>();
            readStatements.put(raw, statements);
        }
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = raw.prepareStatement(sql);
            statements.put(sql, ps);
        }
        try {
            return work.apply(ps);
        } catch (SQLException | RuntimeException e) {
            statements.remove(sql);
            closeQuietly(ps);
            throw e;
        }
    }

    private static boolean isClosed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** Takes the write lock at once, so the transaction never has to upgrade (and fail busy). */
    @Override
    void begin(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
        }
    }

    @Override
    void commit(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("COMMIT");
        }
    }

    @Override
    void rollback(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            // no transaction was open: nothing to undo
        }
    }

    /** {@link #begin} took the write lock already: only one process migrates at a time. */
    @Override
    void lockForMigration(Connection c) {
    }

    /**
     * Copies committed WAL frames into the database file without blocking the writer
     * ({@code PASSIVE}). The few frames the writer commits meanwhile are copied by the writer
     * itself, in {@link #finishCheckpoint}.
     */
    @Override
    void checkpoint(HikariDataSource readers) throws SQLException {
        try (Connection c = readers.getConnection(); Statement s = c.createStatement();
                ResultSet copied = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            // Columns: busy, frames in the WAL, frames copied.
            if (copied.next() && copied.getInt(2) > 0) {
                checkpointTailPending = true;
            }
        }
    }

    /**
     * SQLite starts the WAL over only when a write transaction begins with every frame already
     * copied; a busy writer always adds frames while the background checkpoint runs, so without
     * this the WAL grew by every page ever written (hundreds of MB in a minute of
     * registrations), each new page first zeroed by the file system. The tail is small, and once
     * it is copied the next transaction writes from the start of the file again.
     */
    @Override
    void finishCheckpoint(Connection writer) throws SQLException {
        if (!checkpointTailPending) {
            return;
        }
        checkpointTailPending = false;
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(PASSIVE)");
        }
    }

    @Override
    boolean isConstraintViolation(SQLException e) {
        return e instanceof SQLiteException sqlite
                && (sqlite.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_CONSTRAINT.code;
    }

    /** Files on disk, {@code files/} beside the database file. */
    @Override
    UpdateFiles updateFiles(Database db) {
        return new DiskUpdateFiles(Path.of(file).toAbsolutePath().getParent().resolve(Database.FILES_DIR));
    }

    @Override
    void close() {
        readStatements.clear();
    }
}
