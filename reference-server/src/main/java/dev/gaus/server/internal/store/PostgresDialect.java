package dev.gaus.server.internal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * PostgreSQL, shared by several server instances: plain JDBC transactions, statements the driver
 * keeps server-side, an advisory lock so that one starting instance migrates, and update files in
 * the database so that every instance serves them without a shared disk.
 */
final class PostgresDialect extends EngineDialect {
    static final String URL_PREFIX = "jdbc:postgresql:";
    private static final long MIGRATION_LOCK_ID = 0x6761757300000001L;

    private final String url;

    PostgresDialect(String url) {
        this.url = url;
    }

    /** Only the host part of the URL is shown: the URL may carry a password. */
    @Override
    String description() {
        return "PostgreSQL " + (url.contains("?") ? url.substring(0, url.indexOf('?')) : url);
    }

    @Override
    HikariDataSource openReaders() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("gaus-postgresql");
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(16);
        config.setMinimumIdle(2);
        // While PostgreSQL is away a request waits this long before its 503.
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(10_000);
        return new HikariDataSource(config);
    }

    @Override
    Connection openWriter() throws SQLException {
        Connection c = DriverManager.getConnection(url, new Properties());
        c.setAutoCommit(false);
        return c;
    }

    /** The driver keeps its own server-side statements, so a statement is prepared and closed each time. */
    @Override
    <T> T withStatement(Connection c, String sql, Database.StatementWork<T> work) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            return work.apply(ps);
        }
    }

    /** Out of auto-commit, the first statement begins the transaction. */
    @Override
    void begin(Connection c) {
    }

    @Override
    void commit(Connection c) throws SQLException {
        c.commit();
    }

    @Override
    void rollback(Connection c) throws SQLException {
        c.rollback();
    }

    @Override
    void lockForMigration(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK_ID + ")");
        }
    }

    /** PostgreSQL checkpoints on its own. */
    @Override
    void checkpoint(HikariDataSource readers) {
    }

    @Override
    void finishCheckpoint(Connection writer) {
    }

    /** SQLSTATE class 23: integrity constraint violation. */
    @Override
    boolean isConstraintViolation(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    /** In {@code update_file.content}, so that every instance sharing the database serves them. */
    @Override
    UpdateFiles updateFiles(Database db) {
        return new DatabaseUpdateFiles(db);
    }

    @Override
    void close() {
    }
}
