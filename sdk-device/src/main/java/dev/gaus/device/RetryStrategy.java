package dev.gaus.device;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * When to try a failed call again: exponential backoff with full jitter, bounded by a number of
 * attempts and a total time.
 *
 * <p>Retried: connection failures, timeouts, 5xx and 429 answers. Never retried: any other 4xx
 * (the same request would fail the same way) and answers that do not follow the protocol. A
 * {@code Retry-After} from the server replaces the computed delay; when it reaches past the total
 * time the call gives up at once rather than sleep in vain.
 *
 * <p>The delay before retry {@code n} (1-based) is uniform in
 * {@code [0, min(maxDelay, baseDelay * 2^(n-1))]} ("full jitter", which spreads a fleet's
 * retries after an outage instead of sending them in waves). The clock, the random source and
 * the sleeper are injectable so tests run fast and exact. Immutable and thread-safe as long as
 * the injected parts are.
 */
public final class RetryStrategy {
    /** Sleeps for a while; {@link Thread#sleep} by default. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final RetryStrategy NONE = builder().maxAttempts(1).build();

    private final int maxAttempts;
    private final Duration baseDelay;
    private final Duration maxDelay;
    private final Duration maxTotalTime;
    private final Clock clock;
    private final RandomGenerator random;
    private final Sleeper sleeper;

    private RetryStrategy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.baseDelay = b.baseDelay;
        this.maxDelay = b.maxDelay;
        this.maxTotalTime = b.maxTotalTime;
        this.clock = b.clock;
        this.random = b.random;
        this.sleeper = b.sleeper;
    }

    /**
     * The default: at most 5 attempts within 30 s, delays from 0.5 s doubling up to 8 s.
     * With a 10 s request timeout a call against a dead server gives up within about 40 s.
     */
    public static RetryStrategy defaults() {
        return builder().build();
    }

    /** One attempt, no retry. */
    public static RetryStrategy none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration maxTotalTime() {
        return maxTotalTime;
    }

    public Clock clock() {
        return clock;
    }

    public Sleeper sleeper() {
        return sleeper;
    }

    /**
     * How long to wait before the next attempt, or empty to give up.
     *
     * @param attemptsMade attempts made so far (1 after the first failure)
     * @param elapsed time since the first attempt started
     * @param retryAfter the server's {@code Retry-After}, or null
     */
    public Optional<Duration> delayBeforeNextAttempt(int attemptsMade, Duration elapsed, Duration retryAfter) {
        if (attemptsMade >= maxAttempts) {
            return Optional.empty();
        }
        Duration delay = retryAfter != null ? retryAfter : jitteredBackoff(attemptsMade);
        if (elapsed.plus(delay).compareTo(maxTotalTime) >= 0) {
            return Optional.empty();
        }
        return Optional.of(delay);
    }

    private Duration jitteredBackoff(int attemptsMade) {
        long base = baseDelay.toNanos();
        long cap = maxDelay.toNanos();
        int shift = Math.min(attemptsMade - 1, 30);
        long ceiling = base > (cap >> shift) ? cap : Math.min(cap, base << shift);
        return Duration.ofNanos((long) (random.nextDouble() * ceiling));
    }

    @Override
    public String toString() {
        return "RetryStrategy[maxAttempts=" + maxAttempts + ", baseDelay=" + baseDelay + ", maxDelay=" + maxDelay
                + ", maxTotalTime=" + maxTotalTime + "]";
    }

    public static final class Builder {
        private int maxAttempts = 5;
        private Duration baseDelay = Duration.ofMillis(500);
        private Duration maxDelay = Duration.ofSeconds(8);
        private Duration maxTotalTime = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = new Random();
        private Sleeper sleeper = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);

        private Builder() {}

        /** Attempts in all, the first included; 1 means no retry. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The upper bound of the first delay; it doubles with each retry. */
        public Builder baseDelay(Duration baseDelay) {
            this.baseDelay = positive(baseDelay, "baseDelay");
            return this;
        }

        /** The largest upper bound a delay can reach. */
        public Builder maxDelay(Duration maxDelay) {
            this.maxDelay = positive(maxDelay, "maxDelay");
            return this;
        }

        /** No retry starts later than this after the first attempt. */
        public Builder maxTotalTime(Duration maxTotalTime) {
            this.maxTotalTime = positive(maxTotalTime, "maxTotalTime");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        public RetryStrategy build() {
            if (maxDelay.compareTo(baseDelay) < 0) {
                throw new IllegalArgumentException("maxDelay must not be shorter than baseDelay");
            }
            return new RetryStrategy(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
