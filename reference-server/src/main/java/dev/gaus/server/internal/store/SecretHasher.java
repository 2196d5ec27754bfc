package dev.gaus.server.internal.store;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashing of secrets (HMAC-SHA256 with a server key) and constant-time verification.
 * The server stores only {@link #hash(String)} of a secret key, never the key itself (see
 * {@link StoredSecrets}).
 *
 * <p>Immutable and thread-safe: each thread uses its own {@link Mac}.
 */
final class SecretHasher {
    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();
    /** Length of a hash as written by {@link #hash(String)}. */
    static final int HASH_HEX_LENGTH = 64;

    private final byte[] key;
    private final ThreadLocal<Mac> mac;

    /** @param key the server's hashing key, at least 32 bytes; it is copied */
    SecretHasher(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("a hashing key needs at least 32 bytes");
        }
        this.key = key.clone();
        this.mac = ThreadLocal.withInitial(this::newMac);
    }

    /** The keyed hash of {@code secret}, as 64 lowercase hex characters. */
    String hash(String secret) {
        return HEX.formatHex(digest(secret));
    }

    /**
     * True when {@code secret} hashes to {@code expectedHash}. The comparison takes the same time
     * wherever the first difference is.
     */
    boolean verify(String secret, String expectedHash) {
        byte[] actual = HEX.formatHex(digest(secret)).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = expectedHash == null ? new byte[0] : expectedHash.getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(actual, expected);
    }

    private byte[] digest(String secret) {
        if (secret == null) {
            throw new IllegalArgumentException("secret is required");
        }
        return mac.get().doFinal(secret.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac m = Mac.getInstance(ALGORITHM);
            m.init(new SecretKeySpec(key, ALGORITHM));
            return m;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "SecretHasher[" + ALGORITHM + ", key=<redacted>]";
    }

}
