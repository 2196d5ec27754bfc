package dev.gaus.server.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The store writer's one connection, opened on first use, and the statements prepared on it,
 * kept for the connection's life: parsing SQL would cost more than the bound writes themselves.
 * Used by the writer's thread only.
 */
final class WriterConnection implements StoreWriter.Session {
    private final Database db;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private Connection connection;

    WriterConnection(Database db) {
        this.db = db;
    }

    @Override
    public PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = get().prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    Connection get() throws SQLException {
        if (connection == null) {
            connection = db.openWriter();
        }
        return connection;
    }

    /** False when there is no connection or the one there no longer answers. */
    boolean isUsable() {
        try {
            return connection != null && connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Rolls back what is open and closes the connection with its statements; the next use opens a new one. */
    void drop() {
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // the connection goes next
            }
        }
        statements.clear();
        if (connection != null) {
            try {
                db.rollback(connection);
            } catch (SQLException ignored) {
                // the connection is being dropped anyway
            }
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing more to release
            }
            connection = null;
        }
    }
}
