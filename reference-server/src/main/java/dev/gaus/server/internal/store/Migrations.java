package dev.gaus.server.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings the schema up to date: numbered SQL files applied in order, each recorded in
 * {@code schema_version}. Several instances may start at once on one store; the dialect's
 * migration lock (PostgreSQL's advisory lock, SQLite's write lock) makes exactly one of them migrate.
 */
final class Migrations {
    /** In order; a released file is never edited, a change is a new file. */
    static final List<String> FILES = List.of("001_init.sql", "002_updates.sql", "003_catalog_version.sql",
            "004_offer_constraints.sql", "005_signing_keys.sql", "006_revocation_version.sql");

    private Migrations() {}

    static void apply(Database db) {
        try (Connection c = db.openWriter()) {
            db.begin(c);
            try {
                db.dialect().lockForMigration(c);
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                            + "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
                }
                int current = currentVersion(c);
                if (current > FILES.size()) {
                    throw new StoreException("the store has schema version " + current
                            + ", newer than this server knows (" + FILES.size() + ")");
                }
                for (int v = current + 1; v <= FILES.size(); v++) {
                    String name = FILES.get(v - 1);
                    try (Statement s = c.createStatement()) {
                        for (String sql : statements(read(name))) {
                            s.execute(sql);
                        }
                    }
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)")) {
                        ps.setInt(1, v);
                        ps.setString(2, name);
                        ps.setLong(3, System.currentTimeMillis());
                        ps.executeUpdate();
                    }
                }
                db.commit(c);
            } catch (SQLException | RuntimeException e) {
                db.rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot migrate the store: " + e.getMessage(), e);
        }
    }

    private static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static String read(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + name)) {
            if (in == null) {
                throw new StoreException("migration " + name + " is missing from the server jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read migration " + name, e);
        }
    }

    /** Splits a file on semicolons that end a line; comment lines are dropped. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
