package dev.gaus.device.cli;

import dev.gaus.core.message.Update;
import dev.gaus.device.GausDevice;
import dev.gaus.device.UpdateCheck;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "download", mixinStandardHelpOptions = true, footer = ExitCode.HELP,
        description = {"Checks for updates and downloads every offered one into DIR, verified (size, MD5, SHA-256),",
            "reporting event.update.Status for download and verify. Each file is named <updateType>-<version>;",
            "an interrupted download resumes from its .part file on the next run. A device that trusts update keys",
            "(GAUS_UPDATE_KEYS in its state) downloads only updates signed by one of them and newer than the",
            "--param <type>-version it runs (exit code 5 for one refused).",
            "Prints one line per update: updateId, updateType, version and the file (or the failure)."})
final class DownloadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    DeviceParameters params;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "where the verified files go")
    Path dir;

    @Option(names = "--allow-downgrade",
            description = "on a device that trusts update keys, also take a version not newer than the one it runs")
    boolean allowDowngrade;

    @Override
    public Integer call() {
        GausDevice device = StateCheck.existing(common, b -> b.allowDowngrade(allowDowngrade));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new LocalFileException("cannot create the directory " + dir);
        }
        UpdateCheck check = device.checkForUpdates(params.values);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (check.updates().isEmpty()) {
            out.println("no updates offered");
            return ExitCode.OK;
        }
        int exit = ExitCode.OK;
        for (Update u : check.updates()) {
            Path target = dir.resolve(fileName(u));
            try {
                device.download(u, target);
                out.println(u.updateId() + " " + u.updateType() + " " + u.version() + " " + target);
            } catch (RuntimeException e) {
                err.println("gaus-device download: " + u.updateId() + " " + u.updateType() + " " + u.version() + ": "
                        + ExitCode.describe(e));
                if (exit == ExitCode.OK) {
                    exit = ExitCode.of(e);
                }
            }
        }
        return exit;
    }

    /** {@code <updateType>-<version>} with anything but letters, digits, '.', '_' and '-' replaced: never a path. */
    static String fileName(Update u) {
        String name = (u.updateType() + "-" + u.version()).replaceAll("[^A-Za-z0-9._-]", "_");
        return name.startsWith(".") ? "_" + name.substring(1) : name;
    }
}
