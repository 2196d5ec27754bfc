package dev.gaus.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports how many cores the benchmark JVM actually used during each iteration
 * ({@code cpu.util}: process CPU time over wall time). On a machine shared with other work the
 * benchmark threads get a varying share of the cores, and throughput per wall-clock second moves
 * with it; throughput divided by {@code cpu.util} is work per CPU-second, which moves far less.
 * The summary compares single-threaded variants on that figure. Use with
 * {@code -prof dev.gaus.benchmarks.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    /** The label of the result; JMH prefixes secondary results with a middle dot. */
    public static final String LABEL = "cpu.util";

    private final OperatingSystemMXBean os =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuStart;
    private long wallStart;

    @Override
    public String getDescription() {
        return "cores used by the benchmark JVM during each iteration (process CPU time / wall time)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuStart = os.getProcessCpuTime();
        wallStart = System.nanoTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
            IterationParams iterationParams, IterationResult result) {
        long wall = System.nanoTime() - wallStart;
        long cpu = os.getProcessCpuTime() - cpuStart;
        double used = wall <= 0 || cpu < 0 ? Double.NaN : (double) cpu / wall;
        return List.of(new ScalarResult(LABEL, used, "cores", AggregationPolicy.AVG));
    }
}
