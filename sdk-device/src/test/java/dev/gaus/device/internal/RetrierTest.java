package dev.gaus.device.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gaus.device.Backoff;
import dev.gaus.device.GausClientException;
import dev.gaus.device.GausClientException.Reason;
import dev.gaus.device.GausServiceException;
import dev.gaus.device.GausTlsException;
import dev.gaus.device.RetryStrategy;
import dev.gaus.device.support.RecordingSleeper;
import dev.gaus.server.testing.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one attempt loop under calls and downloads (which its callers' tests drive over real sockets). */
class RetrierTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);

    private Retrier retrier(int maxAttempts) {
        return new Retrier(RetryStrategy.builder().maxAttempts(maxAttempts).maxTotalTime(Duration.ofMinutes(10))
                .backoff(Backoff.fullJitter(Duration.ofSeconds(1), Duration.ofSeconds(8), () -> Long.MIN_VALUE))
                .build(), clock, sleeper);
    }

    @Test
    void givingUp_keepsTheTypeAndDetailsOfTheLastFailure_andSaysHowManyAttempts() {
        GausServiceException busy = new GausServiceException("POST /register answered 503", 503, null,
                Duration.ofSeconds(2));
        IOException cause = new IOException("Connection reset");
        GausClientException reset = new GausClientException(Reason.CONNECTION, "POST /register: reset", cause);

        Throwable service = catchThrowable(() -> retrier(3).run("POST /register", n -> {
            throw busy;
        }));
        Throwable client = catchThrowable(() -> retrier(3).run("POST /register", n -> {
            throw reset;
        }));

        assertThat(service).isExactlyInstanceOf(GausServiceException.class)
                .hasMessage("POST /register answered 503 (gave up after 3 attempts)");
        assertThat(((GausServiceException) service).statusCode()).isEqualTo(503);
        assertThat(((GausServiceException) service).retryAfter()).contains(Duration.ofSeconds(2));
        assertThat(client).isExactlyInstanceOf(GausClientException.class).hasCause(cause)
                .hasMessage("POST /register: reset (gave up after 3 attempts)");
        assertThat(((GausClientException) client).reason()).isEqualTo(Reason.CONNECTION);
        // Retry-After (2 s) for the first call's two waits, the backoff (half of 1 s, 2 s) for the second's.
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void aFailureThatIsNotRetried_isThrownAtOnceAsItIs() {
        GausTlsException refused = new GausTlsException(GausTlsException.Check.EXPIRED, "expired", null);
        AtomicInteger attempts = new AtomicInteger();

        Throwable thrown = catchThrowable(() -> retrier(5).run("GET /x", n -> {
            attempts.incrementAndGet();
            throw refused;
        }));

        assertThat(thrown).isSameAs(refused);
        assertThat(attempts).hasValue(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void anAttemptThatMadeProgress_isNotCharged_butOnlyNewProgressCounts() {
        AtomicInteger attempts = new AtomicInteger();
        GausClientException cut = new GausClientException(Reason.CONNECTION, "download: cut");

        // Three attempts bring new bytes, then the connection keeps breaking at the same byte.
        Throwable thrown = catchThrowable(() -> retrier(2).run("download", n -> {
            attempts.incrementAndGet();
            throw cut;
        }, () -> attempts.get() <= 3));

        // Each progressing attempt starts the budget afresh; then the 2 attempts of the budget run out.
        assertThat(attempts).hasValue(5);
        assertThat(thrown).isExactlyInstanceOf(GausClientException.class)
                .hasMessage("download: cut (gave up after 5 attempts)");
        // The wait after a progressing attempt is the first retry's again (half of 1 s).
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500),
                Duration.ofMillis(500), Duration.ofMillis(500));
    }
}
