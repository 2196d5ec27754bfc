package dev.gaus.device.cli;

import dev.gaus.core.GausJson;
import dev.gaus.core.message.DataItem;
import dev.gaus.core.message.ReportHeader;
import dev.gaus.core.message.ReportRequest;
import dev.gaus.device.GausDevice;
import dev.gaus.device.internal.ReportStamps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true, footer = ExitCode.HELP,
        description = {"Sends one report with the given events and metrics, or the report in a JSON file.",
            "Examples:",
            "  report --state S --update-id U --phase install --status success",
            "  report --state S --gauge cpu.temp=61.5 --counter boots=3",
            "  report --state S --event event.app.Started --field app=player",
            "  report --state S --file report.json"})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--event", paramLabel = "TYPE", description = "an event of this type (event.*)")
    String eventType;

    @Option(names = "--field", paramLabel = "KEY=VALUE", description = "a string field of the --event (repeatable)")
    Map<String, String> fields = new LinkedHashMap<>();

    @Option(names = "--update-id", paramLabel = "ID", description = "report event.update.Status for this update")
    String updateId;

    @Option(names = "--phase", paramLabel = "PHASE", description = "with --update-id: download, verify or install")
    String phase;

    @Option(names = "--status", paramLabel = "STATUS", description = "with --update-id: success or failed")
    String status;

    @Option(names = "--gauge", paramLabel = "NAME=VALUE", description = "a metric.gauge.NAME value (repeatable)")
    Map<String, Double> gauges = new LinkedHashMap<>();

    @Option(names = "--counter", paramLabel = "NAME=VALUE", description = "a metric.counter.NAME value (repeatable)")
    Map<String, Long> counters = new LinkedHashMap<>();

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "a tag of the report header (repeatable)")
    Map<String, String> tags = new LinkedHashMap<>();

    @Option(names = "--file", paramLabel = "FILE", description = "send this JSON report as it is")
    Path file;

    @Override
    public Integer call() {
        ReportRequest report;
        GausDevice device;
        if (file != null) {
            if (eventType != null || updateId != null || !gauges.isEmpty() || !counters.isEmpty() || !tags.isEmpty()) {
                throw usage("--file cannot be combined with other report contents");
            }
            report = GausJson.decode(readFile(file), ReportRequest.class);
            device = StateCheck.existing(common);
        } else {
            device = StateCheck.existing(common);
            report = build();
        }
        device.report(report);
        spec.commandLine().getOut().println("report sent (" + report.data().size() + " item"
                + (report.data().size() == 1 ? "" : "s") + ")");
        return ExitCode.OK;
    }

    private ReportRequest build() {
        String ts = ReportStamps.timestamp(Instant.now());
        List<DataItem> items = new ArrayList<>();
        if (eventType != null) {
            if (!eventType.startsWith("event.")) {
                throw usage("--event type must start with 'event.'");
            }
            items.add(new DataItem(eventType, ts, fields.isEmpty() ? null : fields, null, null, null, null));
        } else if (!fields.isEmpty()) {
            throw usage("--field needs --event");
        }
        if (updateId != null || phase != null || status != null) {
            if (updateId == null || phase == null || status == null) {
                throw usage("--update-id, --phase and --status go together");
            }
            items.add(DataItem.updateStatus(ts, updateId, phase, status));
        }
        gauges.forEach((name, value) -> items.add(DataItem.gauge(ts, name, value)));
        counters.forEach((name, value) -> items.add(DataItem.counter(ts, name, value)));
        if (items.isEmpty()) {
            throw usage("nothing to report: give --event, --update-id, --gauge, --counter or --file");
        }
        return new ReportRequest(GausDevice.REPORT_VERSION,
                new ReportHeader(null, ts, tags.isEmpty() ? null : tags), items);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static byte[] readFile(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new LocalFileException("cannot read report file " + file);
        }
    }
}
