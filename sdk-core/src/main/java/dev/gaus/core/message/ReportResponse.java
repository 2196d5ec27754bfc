package dev.gaus.core.message;

/** Answer of a report: the empty object {@code {}}; unknown fields a server adds are ignored. */
public record ReportResponse() {
    public static final ReportResponse INSTANCE = new ReportResponse();
}
