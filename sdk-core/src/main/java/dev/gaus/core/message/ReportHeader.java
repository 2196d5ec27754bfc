package dev.gaus.core.message;

import dev.gaus.core.internal.Checks;
import java.util.Map;

/**
 * Header of a report (protocol section 4).
 *
 * @param seqNo null when absent
 * @param ts when the report was made, as the device wrote it (ISO 8601 by convention)
 * @param tags null when absent
 */
public record ReportHeader(Long seqNo, String ts, Map<String, String> tags) {
    public ReportHeader {
        Checks.text(ts, "ts");
        tags = Checks.optionalMap(tags, "tags");
    }

    public ReportHeader(String ts) {
        this(null, ts, null);
    }
}
