package dev.gaus.device.cli;

import dev.gaus.device.GausDevice;
import java.nio.file.Files;

/** Commands other than register and run need a registered device. */
final class StateCheck {
    private StateCheck() {}

    static GausDevice existing(CommonOptions common) {
        if (!Files.exists(common.state)) {
            throw new LocalFileException("no device state in " + common.state + ": run gaus-device register first");
        }
        GausDevice device = common.device().build();
        device.state();
        return device;
    }
}
