package dev.gaus.server.internal.store;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Where the data lives: a SQLite file under the data directory by default, or a PostgreSQL
 * database shared by several server instances. Hands out pooled connections for reads and
 * dedicated connections for the single writer; both see the same schema ({@link Migrations}).
 * What differs between the engines is the {@link EngineDialect}'s; nothing here asks which one
 * it is.
 */
public final class Database implements AutoCloseable {
    /** Name of the SQLite file inside the data directory. */
    public static final String SQLITE_FILE = "gaus.db";
    /** Directory beside the SQLite file holding update files, each named by its SHA-256. */
    public static final String FILES_DIR = "files";

    private final EngineDialect dialect;
    private final HikariDataSource readers;

    /** Work done with a prepared statement; it must close every result set it opens. */
    @FunctionalInterface
    public interface StatementWork<T> {
        T apply(PreparedStatement ps) throws SQLException;
    }

    private Database(EngineDialect dialect) {
        this.dialect = dialect;
        this.readers = dialect.openReaders();
    }

    /**
     * Opens the store and brings its schema up to date.
     *
     * @param dataDir holds the SQLite file when {@code jdbcUrl} is null
     * @param jdbcUrl a {@code jdbc:postgresql:} or {@code jdbc:sqlite:} URL, or null
     */
    public static Database open(Path dataDir, String jdbcUrl) {
        Database db = new Database(EngineDialect.forUrl(dataDir, jdbcUrl));
        try {
            Migrations.apply(db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    EngineDialect dialect() {
        return dialect;
    }

    /** Engine and location, without credentials; safe to log. */
    public String description() {
        return dialect.description();
    }

    /** A pooled connection in auto-commit mode. */
    public Connection read() throws SQLException {
        return readers.getConnection();
    }

    /**
     * Runs {@code work} with a statement for {@code sql} on {@code c}, a connection from
     * {@link #read}; the dialect decides whether the statement is kept prepared.
     */
    public <T> T withStatement(Connection c, String sql, StatementWork<T> work) throws SQLException {
        return dialect.withStatement(c, sql, work);
    }

    /** True when {@code e} is a constraint's refusal (unique, foreign key, check), on any engine. */
    public static boolean isConstraintViolation(SQLException e) {
        return EngineDialect.isConstraintViolationOnAnyEngine(e);
    }

    /**
     * A new connection for a writer, not pooled; the caller closes it and brackets its work with
     * {@link #begin}, {@link #commit} and {@link #rollback}.
     */
    public Connection openWriter() throws SQLException {
        return dialect.openWriter();
    }

    /**
     * Background work on the committed log, called periodically: on SQLite it copies WAL frames
     * into the database file without blocking the writer; nothing on PostgreSQL.
     */
    public void checkpoint() throws SQLException {
        dialect.checkpoint(readers);
    }

    /** Called by the writer between its transactions: its part of {@link #checkpoint}. */
    public void finishCheckpoint(Connection writer) throws SQLException {
        dialect.finishCheckpoint(writer);
    }

    /** Starts a write transaction (on SQLite taking the write lock at once). */
    public void begin(Connection c) throws SQLException {
        dialect.begin(c);
    }

    public void commit(Connection c) throws SQLException {
        dialect.commit(c);
    }

    /** Rolls back the open transaction, if any. */
    public void rollback(Connection c) throws SQLException {
        dialect.rollback(c);
    }

    @Override
    public void close() {
        readers.close();
        dialect.close();
    }
}
