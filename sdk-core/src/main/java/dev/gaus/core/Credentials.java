package dev.gaus.core;

import dev.gaus.core.internal.Hex;
import dev.gaus.core.message.AuthParameters;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Generates device and product keys: 256 random bits each, written as 64 lowercase hex characters.
 *
 * <p>Each thread draws from its own DRBG (NIST SP 800-90A Hash_DRBG, 256-bit strength, seeded
 * from the operating system). A single shared {@code NativePRNG} serialises every caller on one
 * lock and collapses under concurrent registrations; per-thread DRBGs do not contend at all
 * (see {@code CredentialBenchmark} in the benchmarks module for the figures behind this choice).
 */
public final class Credentials {
    /** Random bits in one key. */
    public static final int KEY_BITS = 256;
    /** Characters in one key as written. */
    public static final int KEY_HEX_LENGTH = KEY_BITS / 4;

    private static final int KEY_BYTES = KEY_BITS / 8;

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(Credentials::newRandom);

    private Credentials() {}

    /** A new random access key and secret key. */
    public static AuthParameters newKeyPair() {
        byte[] bytes = new byte[2 * KEY_BYTES];
        RANDOM.get().nextBytes(bytes);
        return new AuthParameters(Hex.encode(bytes, 0, KEY_BYTES), Hex.encode(bytes, KEY_BYTES, KEY_BYTES));
    }

    /** One new random key. */
    public static String newKey() {
        return Hex.encode(randomBytes(KEY_BYTES));
    }

    /** {@code count} bytes from the same per-thread source the keys come from. */
    public static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.get().nextBytes(bytes);
        return bytes;
    }

    /** True when {@code key} has the form of a key this class generates. */
    public static boolean isWellFormedKey(String key) {
        return Hex.isLowerHex(key, KEY_HEX_LENGTH);
    }

    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG",
                    DrbgParameters.instantiation(256, DrbgParameters.Capability.NONE, null));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK offers no DRBG SecureRandom", e);
        }
    }
}
