package dev.gaus.core.message;

import dev.gaus.core.internal.Checks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event or metric in a report (protocol section 4). Optional fields are null when absent so
 * that a stored report encodes back to what the device sent.
 *
 * @param type {@code event.*} or {@code metric.*}, e.g. {@code event.update.Status}
 * @param ts when it happened, as the device wrote it
 * @param data a stringified JSON document, or null
 */
public record DataItem(
        String type,
        String ts,
        Map<String, String> vStrings,
        Map<String, Long> vInts,
        Map<String, Double> vFloats,
        String data,
        Map<String, String> tags) {

    /** The event type that reports an update's phase and status. */
    public static final String UPDATE_STATUS_TYPE = "event.update.Status";

    public DataItem {
        Checks.text(type, "type");
        Checks.text(ts, "ts");
        vStrings = Checks.optionalMap(vStrings, "v_strings");
        vInts = Checks.optionalMap(vInts, "v_ints");
        vFloats = Checks.optionalMap(vFloats, "v_floats");
        tags = Checks.optionalMap(tags, "tags");
    }

    public boolean isEvent() {
        return type.startsWith("event.");
    }

    public boolean isMetric() {
        return type.startsWith("metric.");
    }

    /** An {@code event.update.Status} item for one update's phase and status. */
    public static DataItem updateStatus(String ts, String updateId, String phase, String status) {
        return updateStatus(ts, updateId, phase, status, null);
    }

    /**
     * An {@code event.update.Status} item for one update's phase and status, with a line of text
     * saying why (a failure's reason, say) as {@code logLine}; null or empty for none.
     */
    public static DataItem updateStatus(String ts, String updateId, String phase, String status, String logLine) {
        Checks.text(updateId, "updateId");
        Checks.text(phase, "phase");
        Checks.text(status, "status");
        Map<String, String> values = new LinkedHashMap<>(); // in this order on the wire
        values.put("phase", phase);
        values.put("status", status);
        values.put("updateId", updateId);
        if (logLine != null && !logLine.isEmpty()) {
            values.put("logLine", logLine);
        }
        return new DataItem(UPDATE_STATUS_TYPE, ts, values, null, null, null, null);
    }

    /** A {@code metric.gauge.<name>} item holding one floating-point value. */
    public static DataItem gauge(String ts, String name, double value) {
        Checks.text(name, "name");
        return new DataItem("metric.gauge." + name, ts, null, null, Map.of("value", value), null, null);
    }

    /** A {@code metric.counter.<name>} item holding one integer value. */
    public static DataItem counter(String ts, String name, long value) {
        Checks.text(name, "name");
        return new DataItem("metric.counter." + name, ts, null, Map.of("value", value), null, null, null);
    }
}
