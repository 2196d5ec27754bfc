package dev.gaus.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** For what the server promises within a bound (a revocation reaching every instance): waits and measures. */
public final class Eventually {
    private Eventually() {}

    /**
     * Asks {@code status} every 20 ms until it answers {@code expected}, failing when that takes
     * longer than {@code bound}; returns how long it took.
     */
    public static Duration status(int expected, Duration bound, IntSupplier status) {
        long start = System.nanoTime();
        until(bound, status::getAsInt, s -> s == expected);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Asks {@code value} every 20 ms until {@code done} holds for it, failing after {@code bound}; returns it. */
    public static <T> T until(Duration bound, Supplier<T> value, Predicate<T> done) {
        long deadline = System.nanoTime() + bound.toNanos();
        T last;
        while (!done.test(last = value.get())) {
            assertThat(System.nanoTime()).as("still %s after %s", last, bound).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return last;
    }
}
