package dev.gaus.device.internal;

import dev.gaus.core.GausException;
import dev.gaus.device.GausClientException;
import dev.gaus.device.GausClientException.Reason;
import dev.gaus.device.GausServiceException;
import dev.gaus.device.RetryStrategy;
import dev.gaus.device.Sleeper;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The SDK's one attempt loop: makes an attempt, asks the {@link RetryStrategy} whether and when to
 * make another, sleeps, and in the end gives up with the last failure (see
 * {@link Failures#afterAttempts}). API calls and downloads both run on it.
 */
public final class Retrier {
    private static final System.Logger LOG = System.getLogger("dev.gaus.device");

    /** One attempt: returns the result or throws the failure, an exception of the SDK's tree. */
    @FunctionalInterface
    public interface Attempt<T> {
        /** @param number 1 for the first attempt */
        T run(int number);
    }

    private final RetryStrategy strategy;
    private final Clock clock;
    private final Sleeper sleeper;

    public Retrier(RetryStrategy strategy, Clock clock, Sleeper sleeper) {
        this.strategy = strategy;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Runs {@code attempt} until it succeeds, fails for good, or the strategy says stop. */
    public <T> T run(String what, Attempt<T> attempt) {
        return run(what, attempt, () -> false);
    }

    /**
     * Like {@link #run(String, Attempt)}, for work that can advance even when an attempt fails (a
     * download keeps the bytes that came).
     *
     * @param progressed asked after each failed attempt: true when it got further than any attempt
     *     before it. Such an attempt is not charged: the strategy's attempts and total time start
     *     afresh from it, so a flaky link can finish a large file; only new progress counts, so a
     *     server that keeps failing at the same point still runs out the budget.
     */
    public <T> T run(String what, Attempt<T> attempt, BooleanSupplier progressed) {
        Instant start = clock.instant();
        int charged = 0;
        int made = 0;
        while (true) {
            made++;
            charged++;
            GausException failure;
            try {
                return attempt.run(made);
            } catch (GausException e) {
                if (!strategy.retries(e)) {
                    throw e;
                }
                failure = e;
            }
            if (progressed.getAsBoolean()) {
                charged = 0;
                start = clock.instant();
            }
            Duration elapsed = Duration.between(start, clock.instant());
            Optional<Duration> delay = strategy.delayBeforeNextAttempt(Math.max(charged, 1), elapsed,
                    retryAfter(failure));
            if (delay.isEmpty()) {
                throw Failures.afterAttempts(failure, made);
            }
            GausException last = failure;
            LOG.log(Level.DEBUG, () -> last.getMessage() + "; retrying in " + delay.get().toMillis() + " ms");
            try {
                sleeper.sleep(delay.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GausClientException(Reason.INTERRUPTED, what + ": interrupted while waiting to retry");
            }
        }
    }

    private static Duration retryAfter(GausException failure) {
        return failure instanceof GausServiceException ? ((GausServiceException) failure).retryAfter().orElse(null)
                : null;
    }
}
