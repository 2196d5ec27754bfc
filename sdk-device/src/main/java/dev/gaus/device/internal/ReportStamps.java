package dev.gaus.device.internal;

import dev.gaus.core.message.DataItem;
import dev.gaus.core.message.ReportHeader;
import dev.gaus.core.message.ReportRequest;
import dev.gaus.device.GausDevice;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What a device stamps on the reports it makes: timestamps of its clock in ISO 8601 UTC with
 * milliseconds, and a header {@code seqNo} counting from 1.
 */
public final class ReportStamps {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final System.Logger LOG = System.getLogger("dev.gaus.device");

    private final Clock clock;
    private final AtomicLong seqNo = new AtomicLong();

    public ReportStamps(Clock clock) {
        this.clock = clock;
    }

    /** {@code instant} as reports carry it. */
    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /** Now on the device's clock, as reports carry it. */
    public String now() {
        return timestamp(clock.instant());
    }

    /** A report of {@code items} with a header stamped now and the next sequence number. */
    public ReportRequest report(List<DataItem> items) {
        return new ReportRequest(GausDevice.REPORT_VERSION, new ReportHeader(seqNo.incrementAndGet(), now(), null),
                items);
    }

    /**
     * Sends the {@code event.update.Status} of one phase through {@code sender}; a report that
     * cannot be sent is logged, since it must not fail the download it is about.
     */
    public void reportQuietly(Consumer<List<DataItem>> sender, String updateId, String phase, RuntimeException failure) {
        try {
            sender.accept(List.of(updateStatus(updateId, phase, failure)));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot report " + phase + (failure == null ? " success" : " failed")
                    + " of update " + updateId + ": " + e.getMessage());
        }
    }

    /**
     * An {@code event.update.Status} of one phase, {@code success}, or {@code failed} with the
     * failure's message as {@code logLine}.
     */
    public DataItem updateStatus(String updateId, String phase, RuntimeException failure) {
        return DataItem.updateStatus(now(), updateId, phase, failure == null ? "success" : "failed",
                failure == null ? null : failure.getMessage());
    }
}
