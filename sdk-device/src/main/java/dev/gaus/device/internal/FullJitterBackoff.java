package dev.gaus.device.internal;

import dev.gaus.device.Backoff;
import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** {@link Backoff#fullJitter}: uniform in {@code [0, min(maxDelay, baseDelay * 2^(n-1))]}. */
public record FullJitterBackoff(Duration baseDelay, Duration maxDelay, RandomGenerator random) implements Backoff {
    public FullJitterBackoff {
        positive(baseDelay, "baseDelay");
        positive(maxDelay, "maxDelay");
        Objects.requireNonNull(random, "random");
        if (maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("maxDelay must not be shorter than baseDelay");
        }
    }

    @Override
    public Duration delay(int attemptsMade) {
        long base = baseDelay.toNanos();
        long cap = maxDelay.toNanos();
        int shift = Math.min(Math.max(attemptsMade, 1) - 1, 30);
        long ceiling = base > (cap >> shift) ? cap : Math.min(cap, base << shift);
        return Duration.ofNanos((long) (random.nextDouble() * ceiling));
    }

    @Override
    public String toString() {
        return "FullJitterBackoff[baseDelay=" + baseDelay + ", maxDelay=" + maxDelay + "]";
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
