package dev.gaus.server.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads, for the stores: on pooled connections through the statements {@link Database} keeps
 * prepared, or inside a write on the writer's own connection, where they see what the
 * transaction has written so far.
 */
final class Queries {
    /** Binds the parameters of a statement. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Makes one value of the current row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    static final Binder NO_PARAMETERS = ps -> { };

    private final Database db;

    Queries(Database db) {
        this.db = db;
    }

    /** The first row's value, if there is a row. */
    <T> Optional<T> one(String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection c = db.read()) {
            return db.withStatement(c, sql, ps -> {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
                }
            });
        } catch (SQLException e) {
            throw new StoreException("store read failed: " + e.getMessage(), e);
        }
    }

    /** Every row's value, in the order of the query. */
    <T> List<T> list(String sql, Binder binder, RowMapper<T> mapper) {
        // Kept statements as in one(): every check-for-updates reads its product's catalog.
        try (Connection c = db.read()) {
            return db.withStatement(c, sql, ps -> rows(ps, binder, mapper));
        } catch (SQLException e) {
            throw new StoreException("store read failed: " + e.getMessage(), e);
        }
    }

    /** Every row's value, read inside a write. */
    static <T> List<T> list(StoreWriter.Session session, String sql, Binder binder, RowMapper<T> mapper)
            throws SQLException {
        return rows(session.prepare(sql), binder, mapper);
    }

    private static <T> List<T> rows(PreparedStatement ps, Binder binder, RowMapper<T> mapper) throws SQLException {
        binder.bind(ps);
        try (ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        }
    }
}
