package dev.gaus.device.cli;

import dev.gaus.device.GausClient;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gaus-device}: register or provision devices, authenticate, check for updates, report and poll from scripts. */
@Command(name = "gaus-device",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Registers devices with a GAUS server and talks to it as one of them.",
        footer = ExitCode.HELP)
public final class Main implements Runnable {
    /** The commands, in the order the help lists them. */
    private static final List<String> COMMANDS =
            List.of("register", "provision", "authenticate", "check", "download", "report", "run", "help");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = execute(args, out, err);
        endHttpClientSelectors();
        System.exit(code);
    }

    /** Runs one command line and returns its exit code; for scripts embedding the CLI and for tests. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        quietLogging(args);
        int code = commandLine(out, err, args).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The command line with its output, its one-line errors and its exit codes. Picocli reads a
     * command's annotations (by reflection, the bulk of its start-up) when the command is added,
     * so only the command {@code args} name is added, unless they name none or ask for help.
     */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        String first = args.length == 0 ? "" : args[0];
        boolean one = COMMANDS.contains(first) && !first.equals("help");
        for (String name : COMMANDS) {
            if (!one || name.equals(first)) {
                cli.addSubcommand(name, command(name));
            }
        }
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

    private static Object command(String name) {
        switch (name) {
            case "register":
                return new RegisterCommand();
            case "provision":
                return new ProvisionCommand();
            case "authenticate":
                return new AuthenticateCommand();
            case "check":
                return new CheckCommand();
            case "download":
                return new DownloadCommand();
            case "report":
                return new ReportCommand();
            case "run":
                return new RunCommand();
            default:
                return new CommandLine.HelpCommand();
        }
    }

    /**
     * Ends the selector threads of the JDK's HttpClient, which Java 17 gives no way to close. A
     * selector waits in native code, and the JVM's exit waits up to 300 ms for every thread in
     * native code: a third of a one-shot command's time. Only for a process about to exit.
     */
    private static void endHttpClientSelectors() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        for (int i = 0; i < n; i++) {
            String name = threads[i].getName();
            if (name.startsWith("HttpClient-") && name.endsWith("-SelectorManager")) {
                threads[i].interrupt();
                try {
                    threads[i].join(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
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
