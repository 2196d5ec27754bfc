package dev.gaus.benchmarks.server;

/**
 * What one scenario achieved at one connection count during the measured window.
 *
 * @param requests calls completed in the window, answered as expected or not
 * @param errors calls answered with another status, or failed on the connection; a worker whose
 *     set-up failed counts as one error
 * @param cores the cores this JVM (server and load generator) used during the window
 * @param cpuMicrosPerRequest CPU time of this JVM per completed request
 */
public record LoadResult(
        String scenario,
        int connections,
        double seconds,
        long requests,
        long errors,
        double requestsPerSecond,
        double p50Millis,
        double p99Millis,
        double maxMillis,
        double cores,
        double cpuMicrosPerRequest,
        String firstError) {
}
