package dev.gaus.server.internal.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The 429 rule of {@code protocol.md} for {@code /register} and {@code /authenticate}: it stops
 * guessing and spraying, never honest neighbours that share an address.
 *
 * <ul>
 *   <li><b>Guessing</b>: once one access key has failed from one address with
 *       {@link Limits#guessLimit()} <em>distinct</em> wrong secrets within a window, that pair is
 *       refused until the window ends, the right secret included (the decision comes before the
 *       secret is checked, so a 429 says nothing about it). The same wrong secret sent again is
 *       not counted again: a device retrying a stale secret is not guessing.
 *   <li><b>Spraying</b>: once one address has failed with {@link Limits#sprayLimit()} distinct
 *       access keys within a window, its other attempts are refused until the window ends,
 *       except for access keys that succeeded from that address within {@link #TRUSTED_FOR}.
 *   <li>Nothing else is refused: other keys from that address, and that key from other
 *       addresses, are answered as if nothing happened.
 * </ul>
 *
 * <p>An unknown access key and a wrong secret are counted alike, so throttling cannot tell
 * which keys exist. IPv6 addresses count by their /64 prefix, which one subscriber usually has
 * whole. Memory is fixed when the throttle is made (see {@link FingerprintTable}): keys,
 * secrets and addresses are kept only as keyed 64-bit fingerprints, and a flood of distinct
 * addresses and keys evicts the oldest entries instead of growing the heap.
 */
public final class AuthThrottle {
    /** How long a success keeps its (address, access key) pair clear of the spraying limit. */
    public static final Duration TRUSTED_FOR = Duration.ofHours(24);

    /** Slots of the tables; about 12 MB in all. */
    private static final int COUNTER_SLOTS = 1 << 15;
    private static final int FAILURE_SLOTS = 1 << 17;
    private static final int TRUSTED_SLOTS = 1 << 18;

    /**
     * The limits; 0 turns one off.
     *
     * @param guessLimit distinct wrong secrets one access key may fail with from one address per window
     * @param sprayLimit distinct access keys that may fail from one address per window
     * @param window     how long a counting window lasts, from its first failure
     */
    public record Limits(int guessLimit, int sprayLimit, Duration window) {
        public static final Limits DEFAULT = new Limits(20, 100, Duration.ofMinutes(10));

        public Limits {
            if (guessLimit < 0 || sprayLimit < 0) {
                throw new IllegalArgumentException("throttling limits must be 0 (off) or positive");
            }
            Objects.requireNonNull(window, "window");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("the throttling window must be positive");
            }
        }
    }

    /** One register or authenticate call, identified by its address and access key. */
    public static final class Attempt {
        private final long address;
        private final long pair;

        private Attempt(long address, long pair) {
            this.address = address;
            this.pair = pair;
        }
    }

    private final Limits limits;
    private final Clock clock;
    private final long windowMillis;
    private final Fingerprints fingerprints = new Fingerprints();
    /** Per (address, key): when its window began and how many distinct wrong secrets failed in it. */
    private final FingerprintTable guesses = new FingerprintTable(COUNTER_SLOTS);
    /** Per (address, key, secret): when that wrong secret last failed. */
    private final FingerprintTable wrongSecrets = new FingerprintTable(FAILURE_SLOTS);
    /** Per address: when its window began and how many distinct access keys failed in it. */
    private final FingerprintTable sprays = new FingerprintTable(COUNTER_SLOTS);
    /** Per (address, key): when it last failed. */
    private final FingerprintTable failedKeys = new FingerprintTable(FAILURE_SLOTS);
    /** Per (address, key): when it last succeeded. */
    private final FingerprintTable trusted = new FingerprintTable(TRUSTED_SLOTS);

    public AuthThrottle(Limits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.windowMillis = limits.window().toMillis();
    }

    public Limits limits() {
        return limits;
    }

    /** The attempt of {@code accessKey} from {@code clientAddress} (as the socket shows it). */
    public Attempt attempt(String clientAddress, String accessKey) {
        long address = fingerprints.of(Fingerprints.ADDRESS, addressGroup(clientAddress));
        long key = fingerprints.of(Fingerprints.ACCESS_KEY, accessKey);
        return new Attempt(address, Fingerprints.combine(address, key));
    }

    /** Seconds the attempt has to wait, or empty when it may go ahead; asked before its secret is checked. */
    public OptionalLong retryAfterSeconds(Attempt attempt) {
        long now = clock.millis();
        OptionalLong guessing = blocked(guesses, attempt.pair, limits.guessLimit(), now);
        if (guessing.isPresent()) {
            return guessing;
        }
        OptionalLong spraying = blocked(sprays, attempt.address, limits.sprayLimit(), now);
        if (spraying.isPresent() && !trustedRecently(attempt, now)) {
            return spraying;
        }
        return OptionalLong.empty();
    }

    /** The attempt's secret was right: its pair is trusted at its address for {@link #TRUSTED_FOR}. */
    public void succeeded(Attempt attempt) {
        if (limits.sprayLimit() > 0) {
            long now = clock.millis();
            trusted.touch(attempt.pair, now, now - TRUSTED_FOR.toMillis());
        }
    }

    /** The attempt failed with {@code secret} (unknown key, wrong secret or revoked: all alike). */
    public void failed(Attempt attempt, String secret) {
        long now = clock.millis();
        if (limits.guessLimit() > 0) {
            long wrongSecret = Fingerprints.combine(attempt.pair, fingerprints.of(Fingerprints.SECRET, secret));
            countIfNew(guesses, attempt.pair, wrongSecrets, wrongSecret, now);
        }
        if (limits.sprayLimit() > 0) {
            countIfNew(sprays, attempt.address, failedKeys, attempt.pair, now);
        }
    }

    /** Counts {@code item} for {@code owner} unless it already failed within the owner's current window. */
    private void countIfNew(FingerprintTable counters, long owner, FingerprintTable seen, long item, long now) {
        FingerprintTable.Entry counter = counters.get(owner);
        long windowStart = counter != null && open(counter, now) ? counter.time() : now;
        long staleBefore = now - windowMillis + 1;
        long lastFailed = seen.touch(item, now, staleBefore);
        if (lastFailed < windowStart) {
            counters.increment(owner, now, staleBefore);
        }
    }

    private OptionalLong blocked(FingerprintTable counters, long owner, int limit, long now) {
        if (limit == 0) {
            return OptionalLong.empty();
        }
        FingerprintTable.Entry counter = counters.get(owner);
        if (counter == null || !open(counter, now) || counter.count() < limit) {
            return OptionalLong.empty();
        }
        long waitMillis = counter.time() + windowMillis - now;
        return OptionalLong.of(Math.max(1, (waitMillis + 999) / 1000));
    }

    private boolean open(FingerprintTable.Entry counter, long now) {
        return counter.time() > now - windowMillis;
    }

    private boolean trustedRecently(Attempt attempt, long now) {
        FingerprintTable.Entry entry = trusted.get(attempt.pair);
        return entry != null && entry.time() > now - TRUSTED_FOR.toMillis();
    }

    /**
     * What counts as one client address: an IPv4 address, or the /64 prefix of an IPv6 one (a
     * single subscriber is usually given a whole /64 and can pick any address in it).
     */
    static String addressGroup(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        String literal = address.startsWith("[") ? address.substring(1, address.length() - 1) : address;
        int zone = literal.indexOf('%');
        literal = zone < 0 ? literal : literal.substring(0, zone);
        try {
            // In brackets the JDK parses a literal and never asks DNS.
            byte[] bytes = InetAddress.getByName("[" + literal + "]").getAddress();
            if (bytes.length == 4) {
                return InetAddress.getByAddress(bytes).getHostAddress(); // ::ffff:a.b.c.d is IPv4
            }
            return HexFormat.of().formatHex(bytes, 0, 8) + "/64";
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
