package dev.gaus.server.internal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Where the data lives: a SQLite file under the data directory by default, or a PostgreSQL
 * database shared by several server instances. Hands out pooled connections for reads and
 * dedicated connections for the single writer; both see the same schema ({@link Migrations}).
 */
public final class Database implements AutoCloseable {
    /** Name of the SQLite file inside the data directory. */
    public static final String SQLITE_FILE = "gaus.db";
    /** Directory beside the SQLite file holding update files, each named by its SHA-256. */
    public static final String FILES_DIR = "files";

    private final Kind kind;
    private final String description;
    private final HikariDataSource readers;
    private final DataSource writerSource;
    /**
     * SQLite only: statements kept prepared per pooled reader connection, by SQL. A connection is
     * used by one thread at a time while borrowed, so its inner map needs no lock.
     */
    private final Map<SQLiteConnection, Map<String, PreparedStatement>> readStatements = new ConcurrentHashMap<>();
    /** Set when a background checkpoint copied frames; the writer then copies the rest. */
    private volatile boolean checkpointTailPending;

    /** Work done with a prepared statement; it must close every result set it opens. */
    @FunctionalInterface
    public interface StatementWork<T> {
        T apply(PreparedStatement ps) throws SQLException;
    }
    private Path filesDir;

    /** Which engine is behind the JDBC URL. */
    public enum Kind { SQLITE, POSTGRESQL }

    private Database(Kind kind, String description, HikariDataSource readers, DataSource writerSource) {
        this.kind = kind;
        this.description = description;
        this.readers = readers;
        this.writerSource = writerSource;
    }

    /**
     * Opens the store and brings its schema up to date.
     *
     * @param dataDir holds the SQLite file when {@code jdbcUrl} is null
     * @param jdbcUrl a {@code jdbc:postgresql:} or {@code jdbc:sqlite:} URL, or null
     */
    public static Database open(Path dataDir, String jdbcUrl) {
        Database db;
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
            }
            db = sqlite("jdbc:sqlite:" + dataDir.resolve(SQLITE_FILE).toAbsolutePath(),
                    dataDir.resolve(SQLITE_FILE).toString());
            db.filesDir = dataDir.resolve(FILES_DIR);
        } else if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            String file = jdbcUrl.substring("jdbc:sqlite:".length());
            db = sqlite(jdbcUrl, file);
            Path parent = Path.of(file).toAbsolutePath().getParent();
            db.filesDir = parent.resolve(FILES_DIR);
        } else if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            db = postgresql(jdbcUrl);
        } else {
            throw new IllegalArgumentException("unsupported database URL: expected jdbc:postgresql:... or jdbc:sqlite:...");
        }
        try {
            Migrations.apply(db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    private static Database sqlite(String url, String file) {
        // Readers: WAL lets them run beside the writer; FULL makes every commit reach the disk.
        SQLiteDataSource readSource = new SQLiteDataSource(sqliteConfig());
        readSource.setUrl(url);
        SQLiteDataSource writeSource = new SQLiteDataSource(sqliteConfig());
        writeSource.setUrl(url);
        HikariConfig config = new HikariConfig();
        config.setPoolName("gaus-sqlite");
        config.setDataSource(readSource);
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(10_000);
        return new Database(Kind.SQLITE, "SQLite " + file, new HikariDataSource(config), writeSource);
    }

    private static SQLiteConfig sqliteConfig() {
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

    private static Database postgresql(String url) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("gaus-postgresql");
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(16);
        config.setMinimumIdle(2);
        // While PostgreSQL is away a request waits this long before its 503.
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(10_000);
        DataSource writer = new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return DriverManager.getConnection(url, new Properties());
            }

            @Override
            public Connection getConnection(String user, String password) throws SQLException {
                return DriverManager.getConnection(url, user, password);
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
                // not used
            }

            @Override
            public void setLoginTimeout(int seconds) {
                // not used
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getLogger("org.postgresql");
            }

            @Override
            public <T> T unwrap(Class<T> iface) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
        // Only the host part of the URL is shown: the URL may carry a password.
        String shown = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        return new Database(Kind.POSTGRESQL, "PostgreSQL " + shown, new HikariDataSource(config), writer);
    }

    /**
     * Where update files live on disk ({@code <data-dir>/files}) for SQLite; null for PostgreSQL,
     * which keeps them in the database so that every instance sees them.
     */
    public Path filesDir() {
        return filesDir;
    }

    public Kind kind() {
        return kind;
    }

    /** Engine and location, without credentials; safe to log. */
    public String description() {
        return description;
    }

    /** A pooled connection in auto-commit mode. */
    public Connection read() throws SQLException {
        return readers.getConnection();
    }

    /**
     * Runs {@code work} with a statement for {@code sql} on {@code c}, a connection from
     * {@link #read}. On SQLite the statement is prepared once per connection and kept: parsing and
     * planning the SQL cost more than running the one-row lookups of the request paths (the
     * product key of every registration). Closing each result set resets the statement, so no read
     * transaction, and no old snapshot, outlives the call. PostgreSQL's driver keeps its own
     * server-side statements, so there a statement is prepared and closed each time.
     */
    public <T> T withStatement(Connection c, String sql, StatementWork<T> work) throws SQLException {
        if (kind != Kind.SQLITE) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                return work.apply(ps);
            }
        }
        SQLiteConnection raw = c.unwrap(SQLiteConnection.class);
        Map<String, PreparedStatement> statements = readStatements.get(raw);
        if (statements == null) {
            // A connection the pool has retired never comes back: forget its statements.
            readStatements.keySet().removeIf(Database::isClosed);
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
            ps.close();
            throw e;
        }
    }

    /** True when {@code e} is a constraint's refusal (unique, foreign key, check), on either engine. */
    public static boolean isConstraintViolation(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            return (sqlite.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_CONSTRAINT.code;
        }
        // SQLSTATE class 23: integrity constraint violation.
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    private static boolean isClosed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /**
     * A new connection for a writer, not pooled; the caller closes it and brackets its work with
     * {@link #begin}, {@link #commit} and {@link #rollback}.
     */
    public Connection openWriter() throws SQLException {
        Connection c = writerSource.getConnection();
        // sqlite-jdbc opens the next transaction right after each commit; in IMMEDIATE mode that
        // would hold the write lock between batches and shut out the admin CLI. So on SQLite the
        // writer stays in auto-commit mode and opens each transaction itself.
        c.setAutoCommit(kind == Kind.SQLITE);
        if (kind == Kind.SQLITE) {
            // The writer never checkpoints: a commit that also copied the WAL into the database
            // and synced it would hold up every request of its batch. The Checkpointer does it.
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_autocheckpoint=0");
            }
        }
        return c;
    }

    /**
     * Copies committed WAL frames into the database file (SQLite only) without blocking the
     * writer ({@code PASSIVE}); called periodically from a background thread. The few frames the
     * writer commits meanwhile are copied by the writer itself, in {@link #finishCheckpoint}.
     */
    public void checkpoint() throws SQLException {
        if (kind != Kind.SQLITE) {
            return;
        }
        try (Connection c = readers.getConnection(); Statement s = c.createStatement();
                ResultSet copied = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            // Columns: busy, frames in the WAL, frames copied.
            if (copied.next() && copied.getInt(2) > 0) {
                checkpointTailPending = true;
            }
        }
    }

    /**
     * Called by the writer between its transactions: copies the frames committed since the last
     * background checkpoint. SQLite starts the WAL over only when a write transaction begins with
     * every frame already copied; a busy writer always adds frames while the background
     * checkpoint runs, so without this the WAL grew by every page ever written (hundreds of MB
     * in a minute of registrations), each new page first zeroed by the file system. The tail is
     * small, and once it is copied the next transaction writes from the start of the file again.
     */
    public void finishCheckpoint(Connection writer) throws SQLException {
        if (!checkpointTailPending) {
            return;
        }
        checkpointTailPending = false;
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(PASSIVE)");
        }
    }

    /** Starts a write transaction; on SQLite it takes the write lock at once so it never has to upgrade. */
    public void begin(Connection c) throws SQLException {
        if (kind == Kind.SQLITE) {
            try (Statement s = c.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
        }
    }

    public void commit(Connection c) throws SQLException {
        if (kind == Kind.SQLITE) {
            try (Statement s = c.createStatement()) {
                s.execute("COMMIT");
            }
        } else {
            c.commit();
        }
    }

    /** Rolls back the open transaction, if any. */
    public void rollback(Connection c) throws SQLException {
        if (kind == Kind.SQLITE) {
            try (Statement s = c.createStatement()) {
                s.execute("ROLLBACK");
            } catch (SQLException e) {
                // no transaction was open: nothing to undo
            }
        } else {
            c.rollback();
        }
    }


    @Override
    public void close() {
        readers.close();
        readStatements.clear();
    }
}
