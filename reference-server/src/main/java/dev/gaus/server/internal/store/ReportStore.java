package dev.gaus.server.internal.store;

import dev.gaus.server.internal.store.StoreRecords.StatusReport;
import dev.gaus.server.internal.store.StoreRecords.StoredReport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** What devices report, and the rollout status of updates taken from it (the tables {@code report} and {@code update_status}). */
public interface ReportStore {
    /**
     * Stores a report as sent and, in the same transaction, the update statuses it carries: for
     * each device, update and phase the last one received wins. Completes once durable.
     */
    CompletableFuture<Void> save(String productGuid, String deviceGuid, long receivedAt, String query, String body,
            List<StatusReport> statuses);

    /**
     * The newest reports first, at most {@code limit}; of one device when {@code deviceGuid} is not
     * null; only those listed after {@code after} (the last of the previous page) when it is not null.
     */
    List<StoredReport> list(String deviceGuid, StoredReport after, int limit);

    /**
     * For one update: phase to status to the number of devices whose latest report of that phase
     * has that status. {@code installation} (sent by the public shell tooling) counts as {@code install}.
     */
    Map<String, Map<String, Long>> updateStatusCounts(String updateId);
}
