package dev.gaus.device.provision;

import dev.gaus.server.testing.Cli;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** What the reference server holds, read with its admin command line as an operator would. */
final class ServerDevices {
    private ServerDevices() {}

    /** How many devices the server holds for each deviceId of the demo product. */
    static Map<String, Integer> perDeviceId(Path serverDataDir) {
        String listing = Cli.run("device", "list", "--product", "demo", "--data-dir", serverDataDir.toString()).ok();
        Map<String, Integer> counts = new TreeMap<>();
        listing.lines().skip(1).map(l -> l.split("\\s+")[2]).forEach(id -> counts.merge(id, 1, Integer::sum));
        return counts;
    }
}
