package dev.gaus.conformance.fake;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * The 429 rule of protocol.md for the fake, kept simple (plain maps, the fake's one lock): at
 * most 20 distinct wrong secrets per access key and address, at most 100 failed access keys per
 * address except for keys that succeeded there, in windows of 10 minutes. Three defects break it
 * the ways real servers do; {@link Defect#NO_RATE_LIMIT} turns it off.
 */
final class FakeThrottle {
    static final int GUESS_LIMIT = 20;
    static final int SPRAY_LIMIT = 100;
    private static final long WINDOW_MILLIS = 600_000;

    private final Defects defects;
    private final Clock clock;
    private final Map<String, Map<String, Long>> wrongSecretsByPair = new HashMap<>();
    private final Map<String, Map<String, Long>> failedKeysByAddress = new HashMap<>();
    private final Map<String, Deque<Long>> failureTimes = new HashMap<>();
    private final Map<String, Long> succeeded = new HashMap<>();
    private final Map<String, Long> lockedAddresses = new HashMap<>();

    FakeThrottle(Defects defects, Clock clock) {
        this.defects = defects;
        this.clock = clock;
    }

    /** Seconds to wait before the attempt may go ahead, or empty. */
    OptionalLong retryAfter(String address, String accessKey) {
        if (defects.has(Defect.NO_RATE_LIMIT)) {
            return OptionalLong.empty();
        }
        long now = clock.millis();
        if (defects.has(Defect.LOCKS_OUT_ADDRESS)) {
            Long locked = lockedAddresses.get(address);
            return blockedIf(locked != null && locked > now - WINDOW_MILLIS);
        }
        if (defects.has(Defect.COUNTS_ATTEMPTS)) {
            return blockedIf(recent(failureTimes, pair(address, accessKey), now) >= GUESS_LIMIT);
        }
        if (distinctRecent(wrongSecretsByPair, pair(address, accessKey), now) >= GUESS_LIMIT) {
            return blockedIf(true);
        }
        Long success = succeeded.get(pair(address, accessKey));
        boolean trusted = success != null && success > now - 24 * 3600_000L;
        return blockedIf(!trusted && distinctRecent(failedKeysByAddress, address, now) >= SPRAY_LIMIT);
    }

    void failed(String address, String accessKey, String secretKey) {
        long now = clock.millis();
        failureTimes.computeIfAbsent(pair(address, accessKey), a -> new ArrayDeque<>()).addLast(now);
        if (recent(failureTimes, pair(address, accessKey), now) >= GUESS_LIMIT) {
            lockedAddresses.put(address, now);
        }
        wrongSecretsByPair.computeIfAbsent(pair(address, accessKey), p -> new HashMap<>()).put(secretKey, now);
        failedKeysByAddress.computeIfAbsent(address, a -> new HashMap<>()).put(accessKey, now);
    }

    void succeeded(String address, String accessKey) {
        succeeded.put(pair(address, accessKey), clock.millis());
    }

    /** Distinct access keys that failed from any address so far. */
    Set<String> failedKeys() {
        Set<String> keys = new TreeSet<>();
        failedKeysByAddress.values().forEach(m -> keys.addAll(m.keySet()));
        return keys;
    }

    /** Distinct wrong secrets sent with {@code accessKey} from any address so far. */
    int wrongSecretsFor(String accessKey) {
        return (int) wrongSecretsByPair.entrySet().stream().filter(e -> e.getKey().endsWith(" " + accessKey))
                .flatMap(e -> e.getValue().keySet().stream()).distinct().count();
    }

    private static OptionalLong blockedIf(boolean blocked) {
        return blocked ? OptionalLong.of(WINDOW_MILLIS / 1000) : OptionalLong.empty();
    }

    private static int recent(Map<String, Deque<Long>> times, String owner, long now) {
        Deque<Long> deque = times.getOrDefault(owner, new ArrayDeque<>());
        deque.removeIf(t -> t <= now - WINDOW_MILLIS);
        return deque.size();
    }

    private static int distinctRecent(Map<String, Map<String, Long>> distinct, String owner, long now) {
        Map<String, Long> items = distinct.getOrDefault(owner, Map.of());
        return (int) items.values().stream().filter(t -> t > now - WINDOW_MILLIS).count();
    }

    private static String pair(String address, String accessKey) {
        return address + " " + accessKey;
    }
}
