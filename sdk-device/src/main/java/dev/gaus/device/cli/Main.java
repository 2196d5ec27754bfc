package dev.gaus.device.cli;

import dev.gaus.device.GausClient;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gaus-device}: register, authenticate, check for updates, report and poll from scripts. */
@Command(name = "gaus-device",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Registers a device with a GAUS server and talks to it as that device.",
        footer = ExitCode.HELP,
        subcommands = {RegisterCommand.class, AuthenticateCommand.class, CheckCommand.class, DownloadCommand.class,
                ReportCommand.class,
                RunCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(args, out, err));
    }

    /** Runs one command line and returns its exit code; for scripts embedding the CLI and for tests. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        quietLogging(args);
        int code = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The command line with its output, its one-line errors and its exit codes. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("gaus-device: " + oneLine(e.getMessage()) + " (see gaus-device "
                    + commandName(e.getCommandLine()) + "--help)");
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            err.println("gaus-device " + c.getCommandName() + ": " + ExitCode.describe(e));
            return ExitCode.of(e);
        });
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    private static String commandName(CommandLine c) {
        return c.getParent() == null ? "" : c.getCommandName() + " ";
    }

    static String oneLine(String s) {
        return s == null ? "failed" : s.replaceAll("[\\r\\n]+", " ").strip();
    }

    /**
     * The SDK logs its lifecycle at INFO through System.Logger, which lands on the JDK's console
     * handler; a command's own output is enough, so only warnings show unless --verbose is given.
     */
    private static void quietLogging(String[] args) {
        boolean verbose = false;
        for (String a : args) {
            verbose |= a.equals("--verbose") || a.equals("-v");
        }
        Logger root = Logger.getLogger("");
        Level level = verbose ? Level.FINE : Level.WARNING;
        root.setLevel(level);
        for (Handler h : root.getHandlers()) {
            h.setLevel(level);
        }
        if (root.getHandlers().length == 0) {
            ConsoleHandler h = new ConsoleHandler();
            h.setLevel(level);
            root.addHandler(h);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gaus-device " + GausClient.SDK_VERSION};
        }
    }
}
