package dev.gaus.device;

import dev.gaus.device.internal.FullJitterBackoff;
import java.time.Duration;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * How long to wait before the next attempt when the server did not say ({@code Retry-After}
 * does). Part of a {@link RetryStrategy}, which decides whether there is a next attempt at all.
 */
@FunctionalInterface
public interface Backoff {
    /**
     * The wait before the next attempt.
     *
     * @param attemptsMade attempts made so far (1 after the first failure)
     */
    Duration delay(int attemptsMade);

    /** Full jitter from 0.5 s doubling up to 8 s: what {@link RetryStrategy#defaults()} uses. */
    static Backoff defaults() {
        return fullJitter(Duration.ofMillis(500), Duration.ofSeconds(8));
    }

    /** {@link #fullJitter(Duration, Duration, RandomGenerator)} with a new {@link Random}. */
    static Backoff fullJitter(Duration baseDelay, Duration maxDelay) {
        return fullJitter(baseDelay, maxDelay, new Random());
    }

    /**
     * Exponential backoff with full jitter: the delay before retry {@code n} (1-based) is uniform
     * in {@code [0, min(maxDelay, baseDelay * 2^(n-1))]}, which spreads a fleet's retries after an
     * outage instead of sending them in waves. Thread-safe as long as {@code random} is.
     *
     * @param baseDelay the upper bound of the first delay; it doubles with each retry
     * @param maxDelay the largest upper bound a delay can reach, not shorter than {@code baseDelay}
     */
    static Backoff fullJitter(Duration baseDelay, Duration maxDelay, RandomGenerator random) {
        return new FullJitterBackoff(baseDelay, maxDelay, random);
    }
}
