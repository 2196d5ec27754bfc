package dev.gaus.device;

import java.time.Duration;

/**
 * Waits for a while: between the attempts of a call and between the checks of a poll loop.
 * {@link Thread#sleep} by default; tests give one that moves a fake clock instead. Set once, on
 * {@link GausClient.Builder#sleeper(Sleeper)}, with the clock it goes with.
 */
@FunctionalInterface
public interface Sleeper {
    /**
     * Returns after {@code duration}, or early with {@link InterruptedException} when the thread is
     * interrupted: that is how a poll loop is stopped at once.
     */
    void sleep(Duration duration) throws InterruptedException;
}
