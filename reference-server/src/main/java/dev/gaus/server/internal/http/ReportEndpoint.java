package dev.gaus.server.internal.http;

import dev.gaus.core.GausJson;
import dev.gaus.core.message.DataItem;
import dev.gaus.core.message.ReportRequest;
import dev.gaus.core.message.ReportResponse;
import dev.gaus.server.internal.store.ReportStore;
import dev.gaus.server.internal.store.StoreRecords.StatusReport;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** {@code POST /device/{p}/{d}/report} (protocol section 4): validated, stored as sent, answered {@code {}}. */
final class ReportEndpoint implements Endpoint {
    private final ReportStore reports;
    private final Clock clock;

    ReportEndpoint(ReportStore reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    /** The update statuses in a report; items without an updateId, phase or status are kept only in the report. */
    static List<StatusReport> statuses(ReportRequest report) {
        List<StatusReport> out = new ArrayList<>();
        for (DataItem item : report.data()) {
            if (!DataItem.UPDATE_STATUS_TYPE.equals(item.type()) || item.vStrings() == null) {
                continue;
            }
            String updateId = item.vStrings().get("updateId");
            String phase = item.vStrings().get("phase");
            String status = item.vStrings().get("status");
            if (updateId != null && !updateId.isBlank() && phase != null && !phase.isBlank() && status != null
                    && !status.isBlank()) {
                out.add(new StatusReport(updateId, phase, status));
            }
        }
        return out;
    }

    @Override
    public Reply handle(Exchange exchange) {
        ReportRequest report = Json.decode(exchange.body(), ReportRequest.class);
        byte[] answer = GausJson.encode(ReportResponse.INSTANCE);
        // Answered once the report is committed, like a registration; no thread waits meanwhile.
        return Reply.later(reports.save(exchange.productGuid(), exchange.deviceGuid(), clock.millis(),
                exchange.rawQuery(), new String(exchange.body(), StandardCharsets.UTF_8), statuses(report))
                .thenApply(saved -> Reply.json(answer)));
    }
}
