package dev.gaus.device;

import dev.gaus.core.GausException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether and when to try a failed call again: which failures are retried, how many attempts in
 * all and within how much time, and the {@link Backoff} between them. Downloads follow it too,
 * except that an attempt that brought new bytes starts the count and the time afresh.
 *
 * <p>Retried ({@link #retries}): connection failures, timeouts, 5xx and 429 answers. Never
 * retried: any other 4xx (the same request would fail the same way), a refused TLS handshake, and
 * answers that do not follow the protocol. A {@code Retry-After} from the server replaces the
 * backoff's delay; when it reaches past the total time the call gives up at once rather than
 * sleep in vain.
 *
 * <p>The clock that measures the total time and the sleeper that waits are the client's
 * ({@link GausClient.Builder#clock}, {@link GausClient.Builder#sleeper}). Immutable and
 * thread-safe as long as the backoff is.
 */
public final class RetryStrategy {
    private static final RetryStrategy NONE = builder().maxAttempts(1).build();

    private final int maxAttempts;
    private final Duration maxTotalTime;
    private final Backoff backoff;

    private RetryStrategy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.maxTotalTime = b.maxTotalTime;
        this.backoff = b.backoff;
    }

    /**
     * The default: at most 5 attempts within 30 s, with {@link Backoff#defaults()} (full jitter
     * from 0.5 s doubling up to 8 s). With a 10 s request timeout a call against a dead server
     * gives up within about 40 s.
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

    public Backoff backoff() {
        return backoff;
    }

    /**
     * True when the same call may succeed if sent again: connection failures and timeouts
     * ({@link GausClientException#isTransient()}), 5xx and 429 ({@link GausServiceException#isTransient()}).
     */
    public boolean retries(GausException failure) {
        if (failure instanceof GausServiceException) {
            return ((GausServiceException) failure).isTransient();
        }
        return failure instanceof GausClientException && ((GausClientException) failure).isTransient();
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
        Duration delay = retryAfter != null ? retryAfter : backoff.delay(attemptsMade);
        if (elapsed.plus(delay).compareTo(maxTotalTime) >= 0) {
            return Optional.empty();
        }
        return Optional.of(delay);
    }

    @Override
    public String toString() {
        return "RetryStrategy[maxAttempts=" + maxAttempts + ", maxTotalTime=" + maxTotalTime + ", backoff=" + backoff
                + "]";
    }

    public static final class Builder {
        private int maxAttempts = 5;
        private Duration maxTotalTime = Duration.ofSeconds(30);
        private Backoff backoff = Backoff.defaults();

        private Builder() {}

        /** Attempts in all, the first included; 1 means no retry. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** No retry starts later than this after the first attempt. */
        public Builder maxTotalTime(Duration maxTotalTime) {
            Objects.requireNonNull(maxTotalTime, "maxTotalTime");
            if (maxTotalTime.isNegative() || maxTotalTime.isZero()) {
                throw new IllegalArgumentException("maxTotalTime must be positive");
            }
            this.maxTotalTime = maxTotalTime;
            return this;
        }

        /** The wait between attempts; {@link Backoff#defaults()} unless set. */
        public Builder backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        public RetryStrategy build() {
            return new RetryStrategy(this);
        }
    }
}
