package dev.gaus.server.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an attacker who holds the server's SQLite store can do to the updates it offers, done with
 * plain SQL beside the running server (which reads the catalog again once a product's catalog
 * version moves): for tests that devices refuse what the store was made to say.
 */
public final class StoreTampering {
    private static final JsonFactory JSON = new JsonFactory();

    private StoreTampering() {}

    /**
     * Copies the metadata values under {@code keys} of update {@code from} into update {@code to}
     * (say, a signature made for another version, product or file).
     */
    public static void copyMetadata(Path dataDir, String from, String to, List<String> keys) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("gaus.db"))) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
            }
            Map<String, String> source = decode(metadata(c, from));
            Map<String, String> target = decode(metadata(c, to));
            for (String key : keys) {
                if (!source.containsKey(key)) {
                    throw new AssertionError("update " + from + " has no metadata " + key);
                }
                target.put(key, source.get(key));
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE update_package SET metadata = ? WHERE id = ?")) {
                ps.setString(1, encode(target));
                ps.setString(2, to);
                ps.executeUpdate();
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE product SET catalog_version = catalog_version + 1");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tamper with the store in " + dataDir, e);
        }
    }

    private static String metadata(Connection c, String updateId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT metadata FROM update_package WHERE id = ?")) {
            ps.setString(1, updateId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no update " + updateId + " in the store");
                }
                return rs.getString(1);
            }
        }
    }

    private static Map<String, String> decode(String json) {
        Map<String, String> map = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                map.put(key, p.getText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return map;
    }

    private static String encode(Map<String, String> map) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, String> e : map.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
