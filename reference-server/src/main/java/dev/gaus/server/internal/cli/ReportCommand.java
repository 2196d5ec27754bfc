package dev.gaus.server.internal.cli;

import dev.gaus.core.GausJson;
import dev.gaus.core.message.DataItem;
import dev.gaus.core.message.ReportRequest;
import dev.gaus.server.internal.store.StoreRecords.StoredReport;
import dev.gaus.server.internal.store.Stores;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code report list}: the events and metrics devices sent, newest report first, one line per
 * item; {@code --limit} counts the lines listed, after {@code --device-guid} and {@code --type}.
 */
@Command(name = "report", mixinStandardHelpOptions = true, description = "Read what devices reported.",
        subcommands = {ReportCommand.ListReports.class})
final class ReportCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List reported items (one line each), newest report first.")
    static final class ListReports extends StoreCommand {
        @Option(names = "--device-guid", paramLabel = "GUID", description = "Only the reports of this device.")
        String deviceGuid;

        @Option(names = "--type", paramLabel = "PREFIX",
                description = "Only items whose type starts with this, e.g. event.update or metric.")
        String typePrefix;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
                description = "At most this many items are listed, counted after every other filter "
                        + "(default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        void checkOptions() {
            if (limit < 1) {
                throw new IllegalArgumentException("--limit must be at least 1");
            }
        }

        @Override
        void run(Stores store, PrintWriter out) {
            out.printf("%-24s %-36s %-28s %-24s %s%n", "RECEIVED", "DEVICE_GUID", "TYPE", "TS", "VALUES");
            // The type is inside each stored body, so reports are read page by page, newest first,
            // and filtered here until the limit is reached or the reports run out.
            int listed = 0;
            StoredReport after = null;
            while (listed < limit) {
                List<StoredReport> page = store.reports().list(deviceGuid, after, PAGE);
                for (StoredReport r : page) {
                    ReportRequest report = GausJson.decode(r.body(), ReportRequest.class);
                    for (DataItem item : report.data()) {
                        if (listed == limit || typePrefix != null && !item.type().startsWith(typePrefix)) {
                            continue;
                        }
                        out.printf("%-24s %-36s %-28s %-24s %s%n", Instant.ofEpochMilli(r.receivedAt()),
                                r.deviceGuid(), item.type(), item.ts(), values(item));
                        listed++;
                    }
                }
                if (page.size() < PAGE) {
                    break;
                }
                after = page.get(page.size() - 1);
            }
        }

        /** Reports read per query. */
        private static final int PAGE = 500;

        private static String values(DataItem item) {
            Map<String, Object> all = new TreeMap<>();
            if (item.vStrings() != null) {
                all.putAll(item.vStrings());
            }
            if (item.vInts() != null) {
                all.putAll(item.vInts());
            }
            if (item.vFloats() != null) {
                all.putAll(item.vFloats());
            }
            StringBuilder b = new StringBuilder();
            all.forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=')
                    .append(String.valueOf(v).replace('\n', ' ').replace('\r', ' ')));
            return b.length() == 0 ? "-" : b.toString();
        }
    }
}
