package dev.gaus.device.cli;

import dev.gaus.device.DeviceState;
import dev.gaus.device.GausDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "register", mixinStandardHelpOptions = true, footer = ExitCode.HELP,
        description = "Registers the device with the server of the bootstrap file and writes its state. "
                + "An existing state is kept unless --force is given.")
final class RegisterCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--bootstrap", required = true, paramLabel = "FILE",
            description = "bootstrap.conf with GAUS_URL, PRODUCT_ACCESS_KEY, PRODUCT_SECRET_KEY and optionally DEVICEID")
    Path bootstrap;

    @Option(names = "--device-id", paramLabel = "ID", description = "the device's id (default: DEVICEID of the bootstrap file)")
    String deviceId;

    @Option(names = "--force", description = "register anew even if a state exists (refurbished or reset device)")
    boolean force;

    @Option(names = "--client-version", paramLabel = "VERSION", description = "stored as CLIENT_VERSION")
    String clientVersion;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(bootstrap)) {
            throw new LocalFileException("bootstrap file " + bootstrap + " does not exist");
        }
        GausDevice.Builder builder = common.device().bootstrapFile(bootstrap);
        if (deviceId != null) {
            builder.deviceId(deviceId);
        }
        if (clientVersion != null) {
            builder.clientVersion(clientVersion);
        }
        GausDevice device = builder.build();
        Optional<DeviceState> existing = force ? Optional.empty() : device.state();
        if (existing.isPresent()) {
            spec.commandLine().getOut().println("device " + existing.get().deviceId() + " is already registered; "
                    + common.state + " kept (use --force to register anew)");
            return ExitCode.OK;
        }
        DeviceState state = force ? device.reRegister() : device.ensureRegistered();
        spec.commandLine().getOut().println("registered device " + state.deviceId() + " with " + state.serverUrl()
                + "; state written to " + common.state + " (poll every " + state.pollIntervalSeconds() + " s)");
        return ExitCode.OK;
    }
}
