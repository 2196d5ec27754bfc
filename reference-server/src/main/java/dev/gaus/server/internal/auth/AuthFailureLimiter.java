package dev.gaus.server.internal.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed authentications (register and authenticate) per client address in a sliding
 * window. Once one address has failed more than {@code maxFailures} times within the window, it
 * is refused until the oldest of those failures leaves the window; other addresses never notice.
 * Memory stays bounded: addresses with no failure in the window are dropped.
 */
public final class AuthFailureLimiter {
    private static final int PURGE_EVERY = 1024;
    private static final int MAX_TRACKED = 100_000;

    private final int maxFailures;
    private final long windowMillis;
    private final Clock clock;
    private final Map<String, ArrayDeque<Long>> failures = new ConcurrentHashMap<>();
    private int recordsSincePurge;

    public AuthFailureLimiter(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** Seconds the address has to wait, or empty when it may try. */
    public OptionalLong retryAfterSeconds(String address) {
        ArrayDeque<Long> times = failures.get(address);
        if (times == null) {
            return OptionalLong.empty();
        }
        long now = clock.millis();
        synchronized (times) {
            dropOld(times, now);
            if (times.size() <= maxFailures) {
                return OptionalLong.empty();
            }
            // Blocked until enough failures leave the window to bring the count back to the limit.
            long freeAt = nth(times, times.size() - maxFailures - 1) + windowMillis;
            return OptionalLong.of(Math.max(1, (freeAt - now + 999) / 1000));
        }
    }

    public void recordFailure(String address) {
        long now = clock.millis();
        ArrayDeque<Long> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            dropOld(times, now);
            times.addLast(now);
            // Only the newest maxFailures + 1 matter for the decision.
            while (times.size() > maxFailures + 1) {
                times.removeFirst();
            }
        }
        maybePurge(now);
    }

    private void maybePurge(long now) {
        boolean purge;
        synchronized (this) {
            purge = ++recordsSincePurge >= PURGE_EVERY || failures.size() > MAX_TRACKED;
            if (purge) {
                recordsSincePurge = 0;
            }
        }
        if (purge) {
            for (Iterator<Map.Entry<String, ArrayDeque<Long>>> it = failures.entrySet().iterator(); it.hasNext();) {
                ArrayDeque<Long> times = it.next().getValue();
                synchronized (times) {
                    dropOld(times, now);
                    if (times.isEmpty()) {
                        it.remove();
                    }
                }
            }
        }
    }

    private void dropOld(ArrayDeque<Long> times, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
            times.removeFirst();
        }
    }

    private static long nth(ArrayDeque<Long> times, int index) {
        Iterator<Long> it = times.iterator();
        for (int i = 0; i < index; i++) {
            it.next();
        }
        return it.next();
    }
}
