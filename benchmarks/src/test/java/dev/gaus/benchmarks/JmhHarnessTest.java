package dev.gaus.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Every benchmark runs through the harness JMH generated for it (in this JVM, one short
 * iteration): proves the annotation processor ran and each @State sets up. Not a measurement.
 */
class JmhHarnessTest {

    @Test
    void everyBenchmark_runsInTheGeneratedHarness_andScores() throws Exception {
        // JMH guards /tmp/jmh.lock against two measurements at once; this smoke run measures
        // nothing, so a benchmark running elsewhere on the machine must not fail the build.
        System.setProperty("jmh.ignoreLock", "true");
        Options options = new OptionsBuilder()
                .include("dev\\.gaus\\.benchmarks\\..*Benchmark\\..*")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(20))
                .threads(1)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Set<String> classes = new TreeSet<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            classes.add(benchmark.substring(0, benchmark.lastIndexOf('.')));
            assertThat(result.getPrimaryResult().getScore()).as(benchmark).isPositive();
        }
        assertThat(classes).contains(
                "dev.gaus.benchmarks.credential.CredentialBenchmark",
                "dev.gaus.benchmarks.json.JsonBenchmark",
                "dev.gaus.benchmarks.jwt.JwtBenchmark");
        assertThat(results).hasSizeGreaterThanOrEqualTo(11 + 15 + 4);
    }
}
