package dev.gaus.benchmarks.credential;

import dev.gaus.core.Credentials;
import dev.gaus.core.internal.Hex;
import dev.gaus.core.message.AuthParameters;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.DrbgParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Device key pair generation ({@link Credentials#newKeyPair()}: 2 x 256 random bits as hex) against
 * its floor, the 64 raw random bytes it needs from the same per-thread source ({@link #baseline}).
 *
 * <p>The variants explain the choice of source: one shared {@code NativePRNG} (every caller takes
 * one lock), {@code NativePRNG} per thread (all instances still share the JDK's one
 * {@code /dev/urandom} reader and its lock), and DRBG shared and per thread; and the choice of hex
 * encoder. Run with {@code -t 1} and {@code -t 2}: a source behind a shared lock shows as a
 * collapse at 2 threads. Secret hashing and verification (what the server does per request) close
 * the picture.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CredentialBenchmark {
    /** Bytes in one key pair: two keys of 256 bits. */
    static final int PAIR_BYTES = 2 * Credentials.KEY_BITS / 8;

    /** Sources shared by every benchmark thread. */
    @State(Scope.Benchmark)
    public static class Shared {
        SecureRandom nativePrng;
        SecureRandom drbg;

        @Setup
        public void setUp() {
            nativePrng = nativePrng();
            drbg = drbg();
            nativePrng.nextBytes(new byte[PAIR_BYTES]);
            drbg.nextBytes(new byte[PAIR_BYTES]);
        }
    }

    /** One source of each kind per benchmark thread, and the inputs of the hex and hash variants. */
    @State(Scope.Thread)
    public static class PerThread {
        SecureRandom nativePrng;
        SecureRandom drbg;
        byte[] keyBytes;
        Mac hmac;
        String secret;
        byte[] secretHash;

        @Setup
        public void setUp() {
            nativePrng = nativePrng();
            drbg = drbg();
            nativePrng.nextBytes(new byte[PAIR_BYTES]);
            drbg.nextBytes(new byte[PAIR_BYTES]);
            keyBytes = Credentials.randomBytes(Credentials.KEY_BITS / 8);
            hmac = hmacSha256(Credentials.randomBytes(32));
            secret = Credentials.newKey();
            secretHash = hmac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The project's device key pair: per-thread DRBG, table hex. */
    @Benchmark
    public AuthParameters generate() {
        return Credentials.newKeyPair();
    }

    /** The floor: the raw bytes of one key pair from the same per-thread source. */
    @Benchmark
    public byte[] baseline() {
        return Credentials.randomBytes(PAIR_BYTES);
    }

    @Benchmark
    public byte[] nativePrngShared(Shared shared) {
        byte[] bytes = new byte[PAIR_BYTES];
        shared.nativePrng.nextBytes(bytes);
        return bytes;
    }

    @Benchmark
    public byte[] nativePrngPerThread(PerThread local) {
        byte[] bytes = new byte[PAIR_BYTES];
        local.nativePrng.nextBytes(bytes);
        return bytes;
    }

    @Benchmark
    public byte[] drbgShared(Shared shared) {
        byte[] bytes = new byte[PAIR_BYTES];
        shared.drbg.nextBytes(bytes);
        return bytes;
    }

    @Benchmark
    public byte[] drbgPerThread(PerThread local) {
        byte[] bytes = new byte[PAIR_BYTES];
        local.drbg.nextBytes(bytes);
        return bytes;
    }

    /** One key as hex through sdk-core's lookup table (what {@link #generate} uses). */
    @Benchmark
    public String hexTable(PerThread local) {
        return Hex.encode(local.keyBytes);
    }

    @Benchmark
    public String hexFormat(PerThread local) {
        return HexFormat.of().formatHex(local.keyBytes);
    }

    @Benchmark
    public String hexBigInteger(PerThread local) {
        return String.format("%064x", new BigInteger(1, local.keyBytes));
    }

    /**
     * What the reference server stores for a secret: HMAC-SHA256 under its hashing key (its
     * {@code SecretHasher}, an internal class, does exactly this and hex-encodes the result).
     */
    @Benchmark
    public byte[] secretHash(PerThread local) {
        return local.hmac.doFinal(local.secret.getBytes(StandardCharsets.UTF_8));
    }

    /** What a server does to check a secret on every registration and authentication. */
    @Benchmark
    public boolean secretVerify(PerThread local) {
        return MessageDigest.isEqual(local.hmac.doFinal(local.secret.getBytes(StandardCharsets.UTF_8)), local.secretHash);
    }

    static Mac hmacSha256(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static SecureRandom nativePrng() {
        try {
            return SecureRandom.getInstance("NativePRNG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK offers no NativePRNG", e);
        }
    }

    /** The same DRBG configuration as {@link Credentials}. */
    static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG",
                    DrbgParameters.instantiation(256, DrbgParameters.Capability.NONE, null));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK offers no DRBG", e);
        }
    }
}
