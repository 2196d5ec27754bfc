package dev.gaus.device;

import java.time.Duration;

/** A running poll loop. Closing it stops the loop. */
public interface PollHandle extends AutoCloseable {
    /** Asks the loop to stop; a check in flight is abandoned, a wait ends at once. */
    void stop();

    /** Waits until the loop has stopped; true when it did within {@code timeout}. */
    boolean awaitStopped(Duration timeout) throws InterruptedException;

    boolean isRunning();

    @Override
    default void close() {
        stop();
    }
}
