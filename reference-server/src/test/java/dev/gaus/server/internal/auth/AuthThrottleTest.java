package dev.gaus.server.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.server.internal.auth.AuthThrottle.Attempt;
import dev.gaus.server.internal.auth.AuthThrottle.Limits;
import dev.gaus.server.testing.MutableClock;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class AuthThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));

    @Test
    void aMillionDistinctAddressesAndKeysFailing_leaveTheHeapBounded_andTheThrottleWorking() {
        AuthThrottle throttle = new AuthThrottle(Limits.DEFAULT, clock);
        Attempt guessed = throttle.attempt("198.51.100.7", "guessed-key");
        throttle.failed(guessed, "first guess");
        throttle.failed(guessed, "second guess");
        long before = usedHeapAfterGc();
        for (int i = 0; i < 1_000_000; i++) {
            String address = (i >>> 16) + "." + (i >>> 8 & 255) + "." + (i & 255) + ".1";
            Attempt attempt = throttle.attempt(address, "key-" + i);
            throttle.retryAfterSeconds(attempt);
            throttle.failed(attempt, "secret-" + i);
            if (i % 55_000 == 0) {
                throttle.failed(guessed, "guess-" + i);
            }
        }
        long growth = usedHeapAfterGc() - before;
        assertThat(growth).as("heap growth after a million failures, bytes").isLessThan(4L << 20);
        // The flood evicted a million one-off failures, not the counter of the guesses among them.
        assertThat(throttle.retryAfterSeconds(guessed)).isPresent();
    }

    @Test
    void distinctSecretsAreCounted_notAttempts() {
        AuthThrottle throttle = new AuthThrottle(new Limits(3, 0, Duration.ofMinutes(1)), clock);
        Attempt attempt = throttle.attempt("192.0.2.1", "k");
        for (int i = 0; i < 100; i++) {
            throttle.failed(attempt, "stale");
        }
        throttle.failed(attempt, "second");
        assertThat(throttle.retryAfterSeconds(attempt)).isEmpty();
        throttle.failed(attempt, "third");
        assertThat(throttle.retryAfterSeconds(attempt)).hasValue(60);
        clock.advance(Duration.ofSeconds(45));
        assertThat(throttle.retryAfterSeconds(attempt)).hasValue(15);
        clock.advance(Duration.ofSeconds(15));
        assertThat(throttle.retryAfterSeconds(attempt)).isEmpty();
        // A new window counts the stale secret afresh, once.
        throttle.failed(attempt, "stale");
        throttle.failed(attempt, "stale");
        throttle.failed(attempt, "second");
        assertThat(throttle.retryAfterSeconds(attempt)).isEmpty();
    }

    @Test
    void concurrentGuessersOnDistinctKeys_areEachCountedExactly() throws Exception {
        AuthThrottle throttle = new AuthThrottle(new Limits(20, 0, Duration.ofMinutes(10)), clock);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int k = 0; k < 200; k++) {
                        Attempt attempt = throttle.attempt("10.0." + thread + ".1", "key-" + k);
                        for (int s = 0; s < 19; s++) {
                            throttle.failed(attempt, "s" + s);
                            throttle.failed(attempt, "s" + s);
                        }
                        assertThat(throttle.retryAfterSeconds(attempt)).as("19 distinct").isEmpty();
                        throttle.failed(attempt, "s19");
                        assertThat(throttle.retryAfterSeconds(attempt)).as("20 distinct").isPresent();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ipv6AddressesCountByTheirSlash64_ipv4AsTheyAre() {
        assertThat(AuthThrottle.addressGroup("2001:db8:1:2:aaaa::1"))
                .isEqualTo(AuthThrottle.addressGroup("[2001:db8:1:2:ffff:1:2:3]"))
                .isEqualTo("20010db800010002/64");
        assertThat(AuthThrottle.addressGroup("2001:db8:1:3::1")).isNotEqualTo(AuthThrottle.addressGroup("2001:db8:1:2::1"));
        assertThat(AuthThrottle.addressGroup("fe80::1%eth0")).isEqualTo("fe80000000000000/64");
        assertThat(AuthThrottle.addressGroup("::ffff:192.0.2.9")).isEqualTo("192.0.2.9");
        assertThat(AuthThrottle.addressGroup("192.0.2.9")).isEqualTo("192.0.2.9");
    }

    @Test
    void aFullBucketGivesUpAStaleSlot_elseItsLowestCountedOldestSlot() {
        FingerprintTable table = new FingerprintTable(FingerprintTable.WAYS);
        for (int i = 2; i < 2 + FingerprintTable.WAYS; i++) {
            table.increment(i, 100 + i, 0);
        }
        table.increment(2, 150, 0); // 2 counts 2; 3 is now the oldest of those counting 1
        table.increment(99, 300, 0);
        assertThat(table.get(3)).isNull();
        assertThat(table.get(2).count()).isEqualTo(2);
        assertThat(table.get(99)).isEqualTo(new FingerprintTable.Entry(300, 1));
        table.increment(98, 400, 106); // 2, 4 and 5 are stale by then: the first of them goes, whatever it counts
        assertThat(table.get(2)).isNull();
        assertThat(table.get(4)).isNotNull();
        table.touch(0, 500, 0);
        assertThat(table.get(0).time()).as("0 is a fingerprint like any other").isEqualTo(500);
    }

    private static long usedHeapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
