package dev.gaus.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line of {@link Summary}: JMH, load, wrk, download and strace results in;
 * {@code summary.md}, {@code summary.json} and {@code summary.svg} out.
 */
@Command(name = "Summary", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ratios, targets and verdicts of one benchmark run.",
                "Exit code 3 when --compare flags a ratio that moved by more than 10%."})
final class SummaryCommand implements Callable<Integer> {
    /** Exit code when a ratio moved against the baseline. */
    static final int MOVED = 3;

    @Option(names = "--jmh", paramLabel = "FILE", required = true, description = "A JMH JSON result file; repeatable.")
    List<Path> jmh;

    @Option(names = "--load", paramLabel = "FILE", description = "The load generator's JSON results.")
    Path load;

    @Option(names = "--wrk", paramLabel = "FILE", description = "wrk's figures (wrk/run-wrk.sh), on which the server targets are judged.")
    Path wrk;

    @Option(names = "--downloads", paramLabel = "FILE",
            description = "wrk's download figures against nginx (wrk/run-downloads.sh), judged per protocol.")
    Path downloads;

    @Option(names = "--strace", paramLabel = "FILE",
            description = "strace's verdict on the order of the WAL's fsync and the 200 of /register (strace/check-fsync.sh).")
    Path strace;

    @Option(names = "--commands", paramLabel = "FILE", description = "The commands of the run, quoted in the summary.")
    Path commands;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Where summary.md, summary.json and summary.svg go.")
    Path out;

    @Option(names = "--compare", paramLabel = "FILE", description = "A baseline summary.json to compare ratios with.")
    Path compare;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "A saved summary.json whose values summary.svg marks, without comparing (default: --compare's).")
    Path baseline;

    @Override
    public Integer call() throws Exception {
        Summary summary = Summary.of(jmh, load, wrk, downloads, strace);
        summary.chartBaseline = baseline;
        if (commands != null) {
            summary.commands = Files.readString(commands);
        }
        System.out.print(summary.writeTo(out, compare));
        return summary.moves.stream().anyMatch(Summary.Move::flagged) ? MOVED : 0;
    }
}
