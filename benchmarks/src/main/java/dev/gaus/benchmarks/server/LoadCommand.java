package dev.gaus.benchmarks.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The load generator's command line, read with picocli like the project's other command lines. */
@Command(name = "LoadGenerator", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Load on the reference server: requests/s, p50, p99 and errors, and each rate over /health's.")
final class LoadCommand {
    @Option(names = "--connections", split = ",", paramLabel = "N",
            description = "Connection counts, each a run per scenario (default 1,16,64).")
    List<Integer> connections = List.of(1, 16, LoadGenerator.TARGET_CONNECTIONS);

    @Option(names = "--scenarios", split = ",", paramLabel = "NAME",
            description = "Scenarios to run: health (required, every ratio is taken to it), register, "
                    + "authenticate, poll304 (default all).")
    List<String> scenarios = List.of(Scenario.HEALTH, Scenario.REGISTER, Scenario.AUTHENTICATE, Scenario.POLL_304);

    @Option(names = "--warmup", paramLabel = "SECONDS", description = "Warm-up before each run, in seconds (default 2).")
    double warmupSeconds = 2;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Measured window of each run (default 5).")
    double durationSeconds = 5;

    @Option(names = "--client", paramLabel = "socket|httpclient",
            description = "socket (one blocking socket per connection, the default) or httpclient (the JDK's).")
    String client = "socket";

    @Option(names = "--out", paramLabel = "FILE", description = "Write the results as JSON here.")
    Path out;

    @Option(names = "--url", description = "A running server to load instead of one started here; needs --bootstrap.")
    URI url;

    @Option(names = "--bootstrap", paramLabel = "FILE", description = "The bootstrap.conf of --url's product.")
    Path bootstrap;

    /** Thrown instead of running when --help or --version was asked for; its message is the text to print. */
    static final class HelpRequested extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        HelpRequested(String text) {
            super(text);
        }
    }

    /** @throws IllegalArgumentException naming the option that is wrong */
    static LoadGenerator.Options parse(String... args) {
        LoadCommand command = new LoadCommand();
        CommandLine line = new CommandLine(command);
        try {
            line.parseArgs(args);
        } catch (ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (line.isUsageHelpRequested() || line.isVersionHelpRequested()) {
            throw new HelpRequested(line.getUsageMessage());
        }
        if (command.warmupSeconds < 0 || command.durationSeconds <= 0) {
            throw new IllegalArgumentException("--warmup must be 0 or more and --duration more than 0 seconds");
        }
        return new LoadGenerator.Options(List.copyOf(command.connections), List.copyOf(command.scenarios),
                seconds(command.warmupSeconds), seconds(command.durationSeconds), command.client, command.out,
                command.url, command.bootstrap);
    }

    private static Duration seconds(double value) {
        return Duration.ofMillis(Math.round(value * 1000));
    }
}
