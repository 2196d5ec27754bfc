package dev.gaus.device.internal;

import dev.gaus.core.GausException;
import dev.gaus.device.GausClientException;
import dev.gaus.device.PollHandle;
import dev.gaus.device.PollListener;
import dev.gaus.device.Sleeper;
import dev.gaus.device.UpdateCheck;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Checks for updates, tells the listener, waits the poll interval (with jitter, so a fleet
 * restarted at once does not poll in step), and again until stopped. After a failed check it
 * waits less: 30 s doubling with each failure, never more than the poll interval.
 */
public final class PollLoop implements PollHandle, Runnable {
    /** Waits are spread uniformly over +/- this fraction of the interval. */
    static final double JITTER = 0.1;
    static final Duration FIRST_ERROR_DELAY = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger("dev.gaus.device");

    private final Supplier<UpdateCheck> check;
    private final LongSupplier pollIntervalSeconds;
    private final PollListener listener;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Object lock = new Object();
    private volatile boolean stopRequested;
    private Thread runner;

    public PollLoop(Supplier<UpdateCheck> check, LongSupplier pollIntervalSeconds, PollListener listener,
            Sleeper sleeper, RandomGenerator random) {
        this.check = check;
        this.pollIntervalSeconds = pollIntervalSeconds;
        this.listener = listener;
        this.sleeper = sleeper;
        this.random = random;
    }

    /** Runs the loop on {@code executor}, or on a new daemon thread named {@code threadName} when it is null. */
    public PollLoop start(Executor executor, String threadName) {
        if (executor != null) {
            executor.execute(this);
        } else {
            Thread thread = new Thread(this, threadName);
            thread.setDaemon(true);
            thread.start();
        }
        return this;
    }

    @Override
    public void run() {
        synchronized (lock) {
            runner = Thread.currentThread();
        }
        LOG.log(Level.INFO, "poll loop started");
        int failures = 0;
        try {
            while (!stopRequested) {
                Duration wait;
                try {
                    UpdateCheck result = check.get();
                    failures = 0;
                    // Read after the check: its answer may have changed the interval.
                    wait = Duration.ofSeconds(pollIntervalSeconds.getAsLong());
                    deliver(result);
                } catch (RuntimeException e) {
                    if (stopRequested) {
                        break;
                    }
                    // A failing parameter supplier must not end the loop silently either.
                    GausException error = e instanceof GausException ? (GausException) e
                            : new GausException("check for updates failed: " + e, e);
                    failures++;
                    wait = errorDelay(failures, Duration.ofSeconds(pollIntervalSeconds.getAsLong()));
                    LOG.log(Level.DEBUG, () -> "check for updates failed: " + error.getMessage());
                    notifyError(error);
                }
                if (stopRequested) {
                    break;
                }
                try {
                    sleeper.sleep(jitter(wait));
                } catch (InterruptedException e) {
                    if (!stopRequested) {
                        // Interrupted by someone else: the owner of the thread wants it back.
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        } finally {
            synchronized (lock) {
                runner = null;
                if (stopRequested) {
                    Thread.interrupted(); // our own stop signal must not leak into a pooled thread
                }
            }
            stopRequested = true;
            LOG.log(Level.INFO, "poll loop stopped");
            stopped.countDown();
        }
    }

    private void deliver(UpdateCheck result) {
        try {
            listener.onCheck(result);
        } catch (GausException e) {
            notifyError(e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "poll listener failed: " + e);
        }
    }

    private void notifyError(GausException e) {
        if (e instanceof GausClientException && ((GausClientException) e).reason() == GausClientException.Reason.INTERRUPTED
                && stopRequested) {
            return;
        }
        try {
            listener.onError(e);
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "poll listener failed: " + ex);
        }
    }

    static Duration errorDelay(int failures, Duration interval) {
        Duration d = FIRST_ERROR_DELAY.multipliedBy(1L << Math.min(failures - 1, 20));
        return d.compareTo(interval) < 0 ? d : interval;
    }

    private Duration jitter(Duration d) {
        double factor = 1 - JITTER + 2 * JITTER * random.nextDouble();
        return Duration.ofNanos((long) (d.toNanos() * factor));
    }

    @Override
    public void stop() {
        synchronized (lock) {
            stopRequested = true;
            if (runner != null && runner != Thread.currentThread()) {
                runner.interrupt();
            }
        }
    }

    @Override
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean isRunning() {
        return stopped.getCount() > 0;
    }
}
