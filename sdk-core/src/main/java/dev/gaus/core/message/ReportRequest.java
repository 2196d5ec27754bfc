package dev.gaus.core.message;

import dev.gaus.core.internal.Checks;
import java.util.List;

/** Body of {@code POST /device/{productGUID}/{deviceGUID}/report} (protocol section 4). */
public record ReportRequest(String version, ReportHeader header, List<DataItem> data) {
    public ReportRequest {
        Checks.text(version, "version");
        Checks.present(header, "header");
        data = Checks.list(data, "data");
    }
}
