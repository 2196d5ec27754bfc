package dev.gaus.device.cli;

import dev.gaus.core.KeyValueFile;
import dev.gaus.device.ProvisionResult;
import dev.gaus.device.Provisioner;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "provision", mixinStandardHelpOptions = true, footer = ExitCode.HELP,
        description = "Registers every device of a list and writes one state file per device, OUT-DIR/<deviceId>.data. "
                + "Devices that have a state file are skipped; a run killed at any moment and started again "
                + "registers each device exactly once.")
final class ProvisionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--bootstrap", required = true, paramLabel = "FILE",
            description = "bootstrap.conf with GAUS_URL, PRODUCT_ACCESS_KEY and PRODUCT_SECRET_KEY")
    Path bootstrap;

    @Option(names = "--device-ids", required = true, paramLabel = "FILE",
            description = "the deviceIds, one per line (blank lines and lines starting with # are skipped); "
                    + "- reads standard input")
    String deviceIds;

    @Option(names = "--out-dir", required = true, paramLabel = "DIR",
            description = "the folder of the state files; created when missing")
    Path outDir;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "" + Provisioner.DEFAULT_PARALLEL,
            description = "registrations in flight at once, 1 to " + Provisioner.MAX_PARALLEL
                    + " (default: ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "also write a CSV of deviceId, state file and device access key (no secret)")
    Path manifest;

    @Option(names = "--client-version", paramLabel = "VERSION", description = "stored as CLIENT_VERSION")
    String clientVersion;

    /** Whether to draw the progress line: only on a terminal. */
    boolean terminal = System.console() != null;

    @Override
    public Integer call() {
        if (parallel < 1 || parallel > Provisioner.MAX_PARALLEL) {
            throw new IllegalArgumentException("--parallel must be 1 to " + Provisioner.MAX_PARALLEL);
        }
        if (!Files.isRegularFile(bootstrap)) {
            throw new LocalFileException("bootstrap file " + bootstrap + " does not exist");
        }
        Provisioner.Builder builder = Provisioner.builder().bootstrapFile(bootstrap).outDir(outDir)
                .parallel(parallel).clientOptions(connection.clientOptions());
        if (connection.caCert != null) {
            builder.caCertificate(connection.caCert.toAbsolutePath());
        }
        if (clientVersion != null) {
            builder.clientVersion(clientVersion);
        }
        List<String> ids = DeviceIdList.read(deviceIds, System.in);
        if (manifest != null) {
            checkManifest();
        }
        ProvisionResult result;
        try (ProgressLine progress = terminal ? new ProgressLine(spec.commandLine().getErr()) : null) {
            if (progress != null) {
                builder.listener(progress);
            }
            result = builder.build().provision(ids);
        }
        if (manifest != null) {
            writeManifest(result);
        }
        spec.commandLine().getOut().println(summary(result));
        return ExitCode.OK;
    }

    private String summary(ProvisionResult r) {
        return String.format(Locale.ROOT, "provisioned %d, skipped %d, failed %d in %.2f s (%.0f devices/s); "
                + "state files in %s", r.provisioned(), r.skipped(), r.failed(), r.elapsed().toNanos() / 1e9,
                r.devicesPerSecond(), outDir);
    }

    /** A manifest that cannot be written is found out before any device is registered. */
    private void checkManifest() {
        Path parent = manifest.toAbsolutePath().getParent();
        if (Files.isDirectory(manifest) || parent == null || !Files.isDirectory(parent)
                || !Files.isWritable(parent)) {
            throw new LocalFileException("cannot write the manifest " + manifest);
        }
    }

    private void writeManifest(ProvisionResult result) {
        StringBuilder csv = new StringBuilder("deviceId,stateFile,deviceAccessKey\r\n");
        for (ProvisionResult.Device d : result.devices()) {
            csv.append(field(d.deviceId())).append(',').append(field(d.stateFile().toString())).append(',')
                    .append(field(d.deviceAccessKey())).append("\r\n");
        }
        try {
            KeyValueFile.writeAtomically(manifest, csv.toString().getBytes(StandardCharsets.UTF_8));
        } catch (UncheckedIOException e) {
            throw new LocalFileException("every device is provisioned, but the manifest " + manifest
                    + " could not be written (" + e.getCause().getClass().getSimpleName() + ")");
        }
    }

    /** An RFC 4180 field: quoted when it holds a comma, a quote or a line break. */
    private static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
