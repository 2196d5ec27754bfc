package dev.gaus.server.internal.store;

import dev.gaus.core.Credentials;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * The server's own keys, generated once and kept in {@code server_key} so that every instance and
 * every restart agrees: the secret-hashing key, the token-signing key and the key that seals
 * stored idempotent answers. {@link #toString()} shows none of them.
 */
record ServerKeys(byte[] secretHashKey, byte[] tokenKey, byte[] sealKey) {
    /** Names of the rows of {@code server_key}. */
    private static final String SECRET_HASH_KEY = "secret-hash";
    private static final String TOKEN_KEY = "token-hs256";
    private static final String SEAL_KEY = "idempotency-seal";

    ServerKeys {
        secretHashKey = secretHashKey.clone();
        tokenKey = tokenKey.clone();
        sealKey = sealKey.clone();
    }

    /** The keys in the store, made first by whichever process needs them first. */
    static ServerKeys loadOrCreate(StoreWriter writer) {
        return writer.write(c -> new ServerKeys(key(c, SECRET_HASH_KEY), key(c, TOKEN_KEY), key(c, SEAL_KEY)));
    }

    private static byte[] key(StoreWriter.Session c, String name) throws SQLException {
        PreparedStatement insert = c.prepare(
                "INSERT INTO server_key (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING");
        insert.setString(1, name);
        insert.setString(2, HexFormat.of().formatHex(Credentials.randomBytes(32)));
        insert.executeUpdate();
        PreparedStatement select = c.prepare("SELECT value FROM server_key WHERE name = ?");
        select.setString(1, name);
        try (ResultSet rs = select.executeQuery()) {
            rs.next();
            return HexFormat.of().parseHex(rs.getString(1));
        }
    }

    @Override
    public byte[] secretHashKey() {
        return secretHashKey.clone();
    }

    @Override
    public byte[] tokenKey() {
        return tokenKey.clone();
    }

    @Override
    public byte[] sealKey() {
        return sealKey.clone();
    }

    @Override
    public String toString() {
        return "ServerKeys[<redacted>]";
    }
}
