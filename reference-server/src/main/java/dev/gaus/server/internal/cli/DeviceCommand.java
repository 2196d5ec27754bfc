package dev.gaus.server.internal.cli;

import dev.gaus.server.internal.store.StoreRecords.DeviceInfo;
import dev.gaus.server.internal.store.Stores;
import java.io.PrintWriter;
import java.time.Instant;
import picocli.CommandLine.Command;
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
    static final class ListDevices extends StoreCommand {
        @Option(names = "--product", paramLabel = "NAME|GUID",
                description = "Only the devices of this product, by name or GUID.")
        String product;

        @Override
        void run(Stores store, PrintWriter out) {
            String productName = product == null ? null : ProductCommand.product(store.products(), product).name();
            out.printf("%-36s %-16s %-24s %-24s %s%n", "GUID", "PRODUCT", "DEVICE_ID", "CREATED", "REVOKED");
            for (DeviceInfo d : store.devices().list(productName)) {
                out.printf("%-36s %-16s %-24s %-24s %s%n", d.guid(), d.productName(), d.deviceId(),
                        Instant.ofEpochMilli(d.createdAt()),
                        d.revokedAt() == null ? "-" : Instant.ofEpochMilli(d.revokedAt()).toString());
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a device: its keys and tokens stop working at once.")
    static final class Revoke extends StoreCommand {
        @Option(names = "--guid", required = true, description = "The deviceGUID.")
        String guid;

        @Override
        void run(Stores store, PrintWriter out) {
            if (!store.devices().revoke(guid, System.currentTimeMillis())) {
                throw new IllegalArgumentException("no device with GUID '" + guid + "'");
            }
            out.println("revoked device " + guid);
        }
    }
}
