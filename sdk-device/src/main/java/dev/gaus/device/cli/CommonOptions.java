package dev.gaus.device.cli;

import dev.gaus.device.GausClient;
import dev.gaus.device.GausDevice;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every command of one device shares: the state file, and how to reach the server. */
final class CommonOptions {
    @Option(names = "--state", required = true, paramLabel = "FILE",
            description = "the device state file (device.data), written with mode 0600")
    Path state;

    @Mixin
    ConnectionOptions connection;

    GausDevice.Builder device() {
        Consumer<GausClient.Builder> options = connection.clientOptions();
        GausDevice.Builder builder = GausDevice.builder().stateFile(state).clientOptions(options);
        if (connection.caCert != null) {
            builder.caCertificate(connection.caCert.toAbsolutePath());
        }
        return builder;
    }
}
