package dev.gaus.device.cli;

import dev.gaus.device.GausDevice;
import java.nio.file.Files;
import java.util.function.Consumer;

/** Commands other than register and run need a registered device. */
final class StateCheck {
    private StateCheck() {}

    static GausDevice existing(CommonOptions common) {
        return existing(common, b -> { });
    }

    /** The registered device, built with the command's own options as well. */
    static GausDevice existing(CommonOptions common, Consumer<GausDevice.Builder> options) {
        if (!Files.exists(common.state)) {
            throw new LocalFileException("no device state in " + common.state + ": run gaus-device register first");
        }
        GausDevice.Builder builder = common.device();
        options.accept(builder);
        GausDevice device = builder.build();
        device.state();
        return device;
    }
}
