package dev.gaus.server.internal.cli;

import dev.gaus.server.internal.store.GausStore;
import dev.gaus.server.internal.store.StoreRecords.DeviceInfo;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code device list|revoke}. */
@Command(name = "device", mixinStandardHelpOptions = true, description = "Manage devices.",
        subcommands = {DeviceCommand.ListDevices.class, DeviceCommand.Revoke.class})
final class DeviceCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List devices, oldest first.")
    static final class ListDevices implements Callable<Integer> {
        @Option(names = "--product", paramLabel = "NAME", description = "Only the devices of this product.")
        String product;

        @Mixin
        StoreOptions storeOptions;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (GausStore store = storeOptions.open()) {
                if (product != null) {
                    ProductCommand.product(store, product);
                }
                var out = spec.commandLine().getOut();
                out.printf("%-36s %-16s %-24s %-24s %s%n", "GUID", "PRODUCT", "DEVICE_ID", "CREATED", "REVOKED");
                for (DeviceInfo d : store.listDevices(product)) {
                    out.printf("%-36s %-16s %-24s %-24s %s%n", d.guid(), d.productName(), d.deviceId(),
                            Instant.ofEpochMilli(d.createdAt()),
                            d.revokedAt() == null ? "-" : Instant.ofEpochMilli(d.revokedAt()).toString());
                }
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a device: its keys and tokens stop working at once.")
    static final class Revoke implements Callable<Integer> {
        @Option(names = "--guid", required = true, description = "The deviceGUID.")
        String guid;

        @Mixin
        StoreOptions storeOptions;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (GausStore store = storeOptions.open()) {
                if (!store.revokeDevice(guid, System.currentTimeMillis())) {
                    throw new IllegalArgumentException("no device with GUID '" + guid + "'");
                }
                spec.commandLine().getOut().println("revoked device " + guid);
                spec.commandLine().getOut().flush();
            }
            return 0;
        }
    }
}
