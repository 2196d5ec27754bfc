package dev.gaus.server.internal.store;

import dev.gaus.core.Credentials;

/**
 * Where secrets meet the server's hashing key: product and device secrets are stored only as
 * keyed hashes, and a presented secret is compared with a stored hash in constant time. With no
 * stored hash (an unknown access key) the secret is still hashed and compared, against a dummy,
 * so that an unknown key costs what a wrong secret costs.
 */
public final class StoredSecrets {
    private final SecretHasher hasher;
    private final String dummyHash;

    StoredSecrets(byte[] hashingKey) {
        this.hasher = new SecretHasher(hashingKey);
        this.dummyHash = hasher.hash(Credentials.newKey());
    }

    /** What is stored for {@code secret}. */
    String hash(String secret) {
        return hasher.hash(secret);
    }

    /** True when {@code storedHash} is not null and {@code secret} hashes to it; as long to answer either way. */
    public boolean matches(String secret, String storedHash) {
        boolean equal = hasher.verify(secret, storedHash == null ? dummyHash : storedHash);
        return storedHash != null && equal;
    }

    @Override
    public String toString() {
        return "StoredSecrets[<redacted>]";
    }
}
