package dev.gaus.benchmarks.server;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Runs one scenario with a fixed number of connections, each driven by its own thread in a closed
 * loop (send, wait for the answer, send again): a warm-up, then a measured window. Only calls that
 * start and end inside the window count, so the ramp-up and the stop do not skew the rate.
 */
final class LoadRun {
    private final Scenario scenario;
    private final int connections;
    private final Supplier<HttpConnection> connectionFactory;
    private final long warmupNanos;
    private final long measureNanos;

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private volatile long startNanos;

    LoadRun(Scenario scenario, int connections, Supplier<HttpConnection> connectionFactory,
            Duration warmup, Duration measure) {
        this.scenario = scenario;
        this.connections = connections;
        this.connectionFactory = connectionFactory;
        this.warmupNanos = warmup.toNanos();
        this.measureNanos = measure.toNanos();
    }

    LoadResult run() throws InterruptedException {
        CyclicBarrier go = new CyclicBarrier(connections, () -> startNanos = System.nanoTime());
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Worker worker = new Worker(i, go);
            workers.add(worker);
            worker.thread.start();
        }
        double cores = cpuDuringWindow(workers);
        long requests = 0;
        long errors = 0;
        String firstError = null;
        int latencyCount = 0;
        for (Worker worker : workers) {
            worker.thread.join();
            requests += worker.requests;
            errors += worker.errors;
            latencyCount += worker.latencyCount;
            if (firstError == null) {
                firstError = worker.firstError;
            }
        }
        long[] latencies = new long[latencyCount];
        int at = 0;
        for (Worker worker : workers) {
            System.arraycopy(worker.latencies, 0, latencies, at, worker.latencyCount);
            at += worker.latencyCount;
        }
        Arrays.sort(latencies);
        double seconds = measureNanos / 1e9;
        double rate = requests / seconds;
        return new LoadResult(scenario.name(), connections, seconds, requests, errors, rate,
                millis(percentile(latencies, 0.50)), millis(percentile(latencies, 0.99)),
                millis(latencies.length == 0 ? 0 : latencies[latencies.length - 1]), cores,
                rate == 0 ? 0 : cores * 1e6 / rate, firstError);
    }

    /**
     * The cores this JVM (server and client) used during the measured window, read on this thread
     * while the workers run. CPU per request is what a ratio between endpoints comes down to when
     * the machine is busy, and it does not depend on how much of the machine this run got.
     */
    private double cpuDuringWindow(List<Worker> workers) {
        while (startNanos == 0) {
            if (workers.stream().noneMatch(w -> w.thread.isAlive())) {
                return Double.NaN;
            }
            LockSupport.parkNanos(100_000);
        }
        long measureStart = startNanos + warmupNanos;
        long measureEnd = measureStart + measureNanos;
        sleepUntil(measureStart);
        long cpu0 = OS.getProcessCpuTime();
        long wall0 = System.nanoTime();
        sleepUntil(measureEnd);
        long cpu1 = OS.getProcessCpuTime();
        long wall1 = System.nanoTime();
        return wall1 > wall0 && cpu0 >= 0 ? (double) (cpu1 - cpu0) / (wall1 - wall0) : Double.NaN;
    }

    private static void sleepUntil(long nanoTime) {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    static long percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private final class Worker implements Runnable {
        final Thread thread;
        final int index;
        final CyclicBarrier go;
        long requests;
        long errors;
        String firstError;
        long[] latencies = new long[1024];
        int latencyCount;

        Worker(int index, CyclicBarrier go) {
            this.index = index;
            this.go = go;
            this.thread = new Thread(this, "load-" + scenario.name() + "-" + index);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            HttpConnection connection = null;
            Scenario.Call call = null;
            try {
                connection = connectionFactory.get();
                call = scenario.prepare(connection, index);
            } catch (IOException | RuntimeException e) {
                fail("set-up: " + e);
                call = null;
            }
            try {
                // Every worker reaches the barrier, set up or not, so the others never wait forever.
                await();
                if (call != null) {
                    loop(connection, call);
                }
            } finally {
                if (connection != null) {
                    connection.close();
                }
            }
        }

        private void loop(HttpConnection connection, Scenario.Call call) {
            long measureStart = startNanos + warmupNanos;
            long measureEnd = measureStart + measureNanos;
            long sequence = 0;
            while (true) {
                long start = System.nanoTime();
                if (start >= measureEnd) {
                    return;
                }
                String problem = null;
                try {
                    HttpConnection.Response response = call.call(connection, sequence++);
                    if (response.status() != scenario.expectedStatus()) {
                        problem = "answered " + response.status() + " instead of " + scenario.expectedStatus();
                    }
                } catch (IOException | RuntimeException e) {
                    problem = e.toString();
                }
                long end = System.nanoTime();
                if (start >= measureStart && end <= measureEnd) {
                    requests++;
                    record(end - start);
                    if (problem != null) {
                        fail(problem);
                    }
                }
            }
        }

        private void record(long nanos) {
            if (latencyCount == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[latencyCount++] = nanos;
        }

        private void fail(String problem) {
            errors++;
            if (firstError == null) {
                firstError = problem;
            }
        }

        private void await() {
            try {
                go.await();
            } catch (Exception e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("load workers could not start together", e);
            }
        }
    }
}
