package dev.gaus.server.internal.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar gaus-reference-server.jar <command>}: {@code serve}, {@code product ...},
 * {@code device ...}, {@code update ...}, {@code signing-key ...}, {@code report ...}. Only wiring: each command opens the store or the server and prints.
 */
@Command(name = "gaus-reference-server", mixinStandardHelpOptions = true, version = "gaus-reference-server 0.1.0",
        description = "The GAUS device API reference server and its admin commands.",
        subcommands = {ServeCommand.class, ProductCommand.class, DeviceCommand.class, UpdateCommand.class,
            SigningKeyCommand.class, ReportCommand.class})
public final class ServerCli implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command line and returns its exit code; for tests and {@link #main}. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new ServerCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("error: " + e.getMessage() + " (see --help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            err.println("error: " + oneLine(e));
            return 1;
        });
        return cli.execute(args);
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        return message.replace('\n', ' ').replace('\r', ' ');
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
