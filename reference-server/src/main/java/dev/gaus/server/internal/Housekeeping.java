package dev.gaus.server.internal;

import dev.gaus.server.internal.store.Stores;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The store's periodic chores, on one daemon thread; a failed round is logged and tried again. */
final class Housekeeping implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    /** How often answers kept for Idempotency-Key retries are checked for expiry. */
    static final Duration PURGE_PERIOD = Duration.ofMinutes(10);
    /** How often SQLite's write-ahead log is copied into the database file. */
    static final Duration CHECKPOINT_PERIOD = Duration.ofMillis(500);

    private final ScheduledExecutorService executor;

    private Housekeeping(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    static Housekeeping start(Stores store, Clock clock) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gaus-housekeeping");
            t.setDaemon(true);
            return t;
        });
        // Sealed idempotent answers are deleted once their 24 hours are over, not kept until a restart.
        executor.scheduleWithFixedDelay(() -> {
            try {
                store.devices().purgeExpiredIdempotentRegistrations(clock.millis());
            } catch (RuntimeException e) {
                LOG.warn("purging expired idempotent registrations failed: {}", e.getMessage());
            }
        }, 0, PURGE_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        // SQLite's WAL is copied into the database here rather than by the committing writer.
        executor.scheduleWithFixedDelay(() -> {
            try {
                store.checkpoint();
            } catch (RuntimeException e) {
                LOG.warn("WAL checkpoint failed: {}", e.getMessage());
            }
        }, CHECKPOINT_PERIOD.toMillis(), CHECKPOINT_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return new Housekeeping(executor);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
