package dev.gaus.server.internal.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed 64-bit fingerprints (HMAC-SHA256 under a key made per process, truncated) of what the
 * throttle counts. Secrets are never kept, only these; and without the key no one can choose
 * inputs that land in one bucket of a {@link FingerprintTable}.
 */
final class Fingerprints {
    static final byte ADDRESS = 1;
    static final byte ACCESS_KEY = 2;
    static final byte SECRET = 3;
    private static final String ALGORITHM = "HmacSHA256";

    private final ThreadLocal<Mac> mac;

    Fingerprints() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        SecretKeySpec spec = new SecretKeySpec(key, ALGORITHM);
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance(ALGORITHM);
                m.init(spec);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        });
    }

    /** The fingerprint of {@code value} in the domain {@code kind}, so equal strings of two kinds differ. */
    long of(byte kind, String value) {
        Mac m = mac.get();
        m.update(kind);
        m.update(value.getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(m.doFinal()).getLong();
    }

    /**
     * One fingerprint for a pair of fingerprints. Both are keyed hashes, so mixing them (the
     * finaliser of MurmurHash3) is as unpredictable from outside as hashing the pair again.
     */
    static long combine(long first, long second) {
        long h = first * 0x9E3779B97F4A7C15L ^ second;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
