package dev.gaus.device.cli;

import dev.gaus.core.GausException;
import dev.gaus.core.GausJson;
import dev.gaus.core.message.Update;
import dev.gaus.device.GausDevice;
import dev.gaus.device.PollHandle;
import dev.gaus.device.PollListener;
import dev.gaus.device.UpdateCheck;
import dev.gaus.device.UpdateVerificationException;
import dev.gaus.device.internal.UpdateSignatureCheck;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true, footer = ExitCode.HELP,
        description = {"Checks for updates every poll interval until stopped (Ctrl-C or SIGTERM).",
            "Prints the JSON answer whenever it changes; a failed check prints one line on stderr and the loop "
                    + "goes on. With --bootstrap an unregistered device registers first.",
            "A device that trusts update keys checks each offered update as download does and prints one line on "
                    + "stderr for each it refuses (then exits 5 when stopped)."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--bootstrap", paramLabel = "FILE", description = "register with this bootstrap.conf if there is no state yet")
    Path bootstrap;

    @Mixin
    DeviceParameters params;

    @Option(names = "--max-checks", paramLabel = "N", description = "stop after N checks (default: run until stopped)")
    Integer maxChecks;

    @Option(names = "--allow-downgrade",
            description = "on a device that trusts update keys, do not refuse a version not newer than the one it runs")
    boolean allowDowngrade;

    @Override
    public Integer call() throws InterruptedException {
        if (maxChecks != null && maxChecks < 1) {
            throw new IllegalArgumentException("--max-checks must be at least 1");
        }
        GausDevice device;
        if (bootstrap != null) {
            device = common.device().bootstrapFile(bootstrap).build();
        } else if (Files.exists(common.state)) {
            device = common.device().build();
        } else {
            throw new LocalFileException("no device state in " + common.state
                    + ": run gaus-device register first, or give --bootstrap");
        }
        device.ensureRegistered();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AtomicInteger checks = new AtomicInteger();
        // What download would refuse before fetching a byte; run fetches nothing, so reports nothing either.
        UpdateSignatureCheck signatures = new UpdateSignatureCheck(null, allowDowngrade);
        signatures.remember(params.values);
        AtomicBoolean refused = new AtomicBoolean();
        PollHandle[] handle = new PollHandle[1];
        PollListener listener = new PollListener() {
            @Override
            public void onCheck(UpdateCheck check) {
                if (!check.unchanged()) {
                    out.println(GausJson.encodeToString(check.response()));
                    out.flush();
                    for (Update u : check.updates()) {
                        try {
                            signatures.check(u, () -> device.state().orElseThrow().updateKeys(),
                                    () -> device.session().productGUID(), (phase, failure) -> { });
                        } catch (UpdateVerificationException e) {
                            refused.set(true);
                            err.println("gaus-device run: " + u.updateId() + " " + u.updateType() + " " + u.version()
                                    + ": " + ExitCode.describe(e));
                            err.flush();
                        }
                    }
                }
                counted();
            }

            @Override
            public void onError(GausException error) {
                err.println("gaus-device run: " + Main.oneLine(error.getMessage()));
                err.flush();
                counted();
            }

            private void counted() {
                if (maxChecks != null && checks.incrementAndGet() >= maxChecks) {
                    synchronized (handle) { // startPolling may not have returned the handle yet
                        handle[0].stop();
                    }
                }
            }
        };
        synchronized (handle) {
            handle[0] = device.startPolling(params.values, listener);
        }
        Thread hook = new Thread(handle[0]::stop, "gaus-device-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            while (!handle[0].awaitStopped(Duration.ofSeconds(1))) {
                // wait for the loop; the shutdown hook or --max-checks ends it
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already
            }
        }
        return refused.get() ? ExitCode.BAD_ANSWER : ExitCode.OK;
    }
}
