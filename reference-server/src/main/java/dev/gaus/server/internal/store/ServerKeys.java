package dev.gaus.server.internal.store;

/**
 * The server's own keys, generated once and kept in the store so that every instance and every
 * restart agrees: the secret-hashing key, the token-signing key and the key that seals stored
 * idempotent answers. {@link #toString()} shows none of them.
 */
public record ServerKeys(byte[] secretHashKey, byte[] tokenKey, byte[] sealKey) {
    public ServerKeys {
        secretHashKey = secretHashKey.clone();
        tokenKey = tokenKey.clone();
        sealKey = sealKey.clone();
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
