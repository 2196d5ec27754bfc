package dev.gaus.server.internal.store;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Everything in which one database engine differs from another, in one object per engine: how
 * its connections are made and configured, how a write transaction begins and ends, what
 * checkpointing it needs, how migrations are serialised between instances, how it reports a
 * constraint's refusal, and where it keeps update files. {@link Database}, {@link Migrations}
 * and the JDBC stores ask the dialect and never test which engine they run on; a third engine
 * is a third dialect.
 */
abstract sealed class EngineDialect permits SqliteDialect, PostgresDialect {
    /** Every dialect this server knows; see {@link #isConstraintViolationOnAnyEngine}. */
    static final List<EngineDialect> ALL = List.of(new SqliteDialect(null, null), new PostgresDialect(null));

    /**
     * The dialect for a store: PostgreSQL for a {@code jdbc:postgresql:} URL, SQLite for a
     * {@code jdbc:sqlite:} URL or, when {@code jdbcUrl} is null, for {@code <dataDir>/gaus.db}.
     */
    static EngineDialect forUrl(Path dataDir, String jdbcUrl) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            return SqliteDialect.inDataDir(dataDir);
        }
        if (jdbcUrl.startsWith(SqliteDialect.URL_PREFIX)) {
            return SqliteDialect.atUrl(jdbcUrl);
        }
        if (jdbcUrl.startsWith(PostgresDialect.URL_PREFIX)) {
            return new PostgresDialect(jdbcUrl);
        }
        throw new IllegalArgumentException("unsupported database URL: expected jdbc:postgresql:... or jdbc:sqlite:...");
    }

    /** True when {@code e} is a constraint's refusal as one of the known engines reports it. */
    static boolean isConstraintViolationOnAnyEngine(SQLException e) {
        return ALL.stream().anyMatch(d -> d.isConstraintViolation(e));
    }

    /** Engine and location, without credentials; safe to log. */
    abstract String description();

    /** The pool of reading connections, in auto-commit mode. */
    abstract HikariDataSource openReaders();

    /** A new, unpooled connection for the writer, ready for {@link #begin}. */
    abstract Connection openWriter() throws SQLException;

    /**
     * Runs {@code work} with a statement for {@code sql} on {@code c}, a pooled reading connection;
     * the engine decides whether the statement is kept prepared.
     */
    abstract <T> T withStatement(Connection c, String sql, Database.StatementWork<T> work) throws SQLException;

    /** Starts a write transaction on a writer connection. */
    abstract void begin(Connection c) throws SQLException;

    abstract void commit(Connection c) throws SQLException;

    /** Rolls back the open transaction, if any. */
    abstract void rollback(Connection c) throws SQLException;

    /**
     * Inside the migration's transaction, before the schema is read: makes one of several
     * instances starting at once on a shared store migrate, the others wait and find it done.
     */
    abstract void lockForMigration(Connection c) throws SQLException;

    /** Periodic background work on the committed log, if the engine needs any; see {@link Database#checkpoint}. */
    abstract void checkpoint(HikariDataSource readers) throws SQLException;

    /** The writer's part of the checkpoint, between two transactions. */
    abstract void finishCheckpoint(Connection writer) throws SQLException;

    /** True when {@code e} is this engine's refusal by a constraint (unique, foreign key, check). */
    abstract boolean isConstraintViolation(SQLException e);

    /** Where this engine's store keeps the bytes of update files. */
    abstract UpdateFiles updateFiles(Database db);

    /** Releases what the dialect keeps for its connections (statements kept prepared). */
    abstract void close();

    /** Closes a statement, ignoring a failure: the connection it belongs to may be gone. */
    static void closeQuietly(PreparedStatement ps) {
        try {
            ps.close();
        } catch (SQLException ignored) {
            // nothing more to release
        }
    }
}
