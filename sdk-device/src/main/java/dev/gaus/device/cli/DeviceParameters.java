package dev.gaus.device.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The device parameters sent with a check for updates, for the commands that check. */
final class DeviceParameters {
    @Option(names = "--param", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "a device parameter, e.g. firmware-version=1.0.0 (repeatable)")
    Map<String, String> values = new LinkedHashMap<>();
}
