package dev.gaus.device;

import dev.gaus.core.GausException;

/** Receives what the poll loop of {@link GausDevice#startPolling} finds. Called on the loop's thread. */
@FunctionalInterface
public interface PollListener {
    /** One check answered, changed or not. */
    void onCheck(UpdateCheck check);

    /**
     * One check failed after its retries; the loop carries on after a backoff. An exception thrown
     * by {@link #onCheck} also lands here.
     */
    default void onError(GausException error) {}
}
