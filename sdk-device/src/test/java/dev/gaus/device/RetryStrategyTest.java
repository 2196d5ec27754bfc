package dev.gaus.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryStrategyTest {
    private static RetryStrategy.Builder builder() {
        return builder(new SplittableRandom(1));
    }

    private static RetryStrategy.Builder builder(RandomGenerator random) {
        return RetryStrategy.builder().maxAttempts(10)
                .backoff(Backoff.fullJitter(Duration.ofSeconds(1), Duration.ofSeconds(8), random))
                .maxTotalTime(Duration.ofMinutes(10));
    }

    @Test
    void delay_isFullJitterUnderADoublingCeilingCappedAtMaxDelay() {
        RetryStrategy max = builder(() -> -1L).build(); // nextDouble() just under 1
        assertThat(max.delayBeforeNextAttempt(1, Duration.ZERO, null)).get()
                .satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1)));
        assertThat(max.delayBeforeNextAttempt(3, Duration.ZERO, null)).get()
                .satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(3999), Duration.ofSeconds(4)));
        assertThat(max.delayBeforeNextAttempt(9, Duration.ZERO, null)).get()
                .satisfies(d -> assertThat(d).isBetween(Duration.ofMillis(7999), Duration.ofSeconds(8)));

        RetryStrategy zero = builder(() -> 0L).build();
        assertThat(zero.delayBeforeNextAttempt(5, Duration.ZERO, null)).contains(Duration.ZERO);
    }

    @Test
    void delay_isSpreadOverTheWholeRange() {
        RetryStrategy s = builder(new SplittableRandom(3)).build();
        long below = 0;
        for (int i = 0; i < 1000; i++) {
            if (s.delayBeforeNextAttempt(4, Duration.ZERO, null).orElseThrow().compareTo(Duration.ofSeconds(4)) < 0) {
                below++;
            }
        }
        assertThat(below).isBetween(400L, 600L); // half of [0, 8 s) lies below 4 s
    }

    @Test
    void delay_isEmptyOnceTheAttemptsAreUsed() {
        RetryStrategy s = builder().maxAttempts(3).build();
        assertThat(s.delayBeforeNextAttempt(2, Duration.ZERO, null)).isPresent();
        assertThat(s.delayBeforeNextAttempt(3, Duration.ZERO, null)).isEmpty();
        assertThat(RetryStrategy.none().delayBeforeNextAttempt(1, Duration.ZERO, null)).isEmpty();
    }

    @Test
    void delay_isEmptyWhenItWouldEndPastTheTotalTime() {
        RetryStrategy s = builder(() -> Long.MIN_VALUE).maxTotalTime(Duration.ofSeconds(30)).build();
        assertThat(s.delayBeforeNextAttempt(1, Duration.ofSeconds(29), null)).contains(Duration.ofMillis(500));
        assertThat(s.delayBeforeNextAttempt(1, Duration.ofMillis(29_500), null)).isEmpty();
    }

    @Test
    void retryAfter_replacesTheComputedDelay_evenBeyondMaxDelay() {
        RetryStrategy s = builder().build();
        assertThat(s.delayBeforeNextAttempt(1, Duration.ZERO, Duration.ofSeconds(20))).contains(Duration.ofSeconds(20));
        assertThat(s.delayBeforeNextAttempt(1, Duration.ZERO, Duration.ofHours(1))).isEmpty();
    }

    @Test
    void builder_refusesNonsense() {
        assertThatThrownBy(() -> RetryStrategy.builder().maxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryStrategy.builder().maxTotalTime(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.fullJitter(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.fullJitter(Duration.ofSeconds(10), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
