package dev.gaus.server.internal.store;

import dev.gaus.server.internal.store.StoreRecords.StatusReport;
import dev.gaus.server.internal.store.StoreRecords.StoredReport;
import java.sql.PreparedStatement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@link ReportStore} on the JDBC store: reads on pooled connections, writes through the group-committing writer. */
final class JdbcReportStore implements ReportStore {
    private final Queries reads;
    private final StoreWriter writer;

    JdbcReportStore(Queries reads, StoreWriter writer) {
        this.reads = reads;
        this.writer = writer;
    }

    /**
     * Stores a report as sent and, in the same transaction, the update statuses it carries: for
     * each device, update and phase the last one received wins.
     */
    public CompletableFuture<Void> save(String productGuid, String deviceGuid, long receivedAt, String query,
            String body, List<StatusReport> statuses) {
        return writer.writeLater(c -> {
            if (!statuses.isEmpty()) {
                PreparedStatement status = c.prepare("INSERT INTO update_status"
                        + " (update_id, device_guid, phase, status, received_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (update_id, device_guid, phase) DO UPDATE SET status = excluded.status,"
                        + " received_at = excluded.received_at");
                for (StatusReport st : statuses) {
                    status.setString(1, st.updateId());
                    status.setString(2, deviceGuid);
                    status.setString(3, st.phase());
                    status.setString(4, st.status());
                    status.setLong(5, receivedAt);
                    status.executeUpdate();
                }
            }
            PreparedStatement ps = c.prepare("INSERT INTO report"
                    + " (id, product_guid, device_guid, received_at, query, body) VALUES (?, ?, ?, ?, ?, ?)");
            ps.setString(1, Ids.newGuid());
            ps.setString(2, productGuid);
            ps.setString(3, deviceGuid);
            ps.setLong(4, receivedAt);
            ps.setString(5, query);
            ps.setString(6, body);
            ps.executeUpdate();
            return null;
        });
    }

    /**
     * The newest reports first, at most {@code limit}; of one device when {@code deviceGuid} is not
     * null; only those listed after {@code after} (the last of the previous page) when it is not null.
     */
    public List<StoredReport> list(String deviceGuid, StoredReport after, int limit) {
        String sql = "SELECT id, device_guid, received_at, query, body FROM report WHERE 1 = 1"
                + (deviceGuid == null ? "" : " AND device_guid = ?")
                + (after == null ? "" : " AND (received_at < ? OR (received_at = ? AND id > ?))")
                + " ORDER BY received_at DESC, id LIMIT ?";
        return reads.list(sql, ps -> {
            int i = 1;
            if (deviceGuid != null) {
                ps.setString(i++, deviceGuid);
            }
            if (after != null) {
                ps.setLong(i++, after.receivedAt());
                ps.setLong(i++, after.receivedAt());
                ps.setString(i++, after.id());
            }
            ps.setInt(i, limit);
        }, rs -> new StoredReport(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5)));
    }

    /**
     * For one update: phase to status to the number of devices whose latest report of that phase
     * has that status. {@code installation} (sent by the public shell tooling) counts as {@code install}.
     */
    public Map<String, Map<String, Long>> updateStatusCounts(String updateId) {
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        String sql = "SELECT CASE WHEN phase = 'installation' THEN 'install' ELSE phase END AS ph, device_guid,"
                + " status, received_at FROM update_status WHERE update_id = ? ORDER BY received_at";
        Map<String, String> latest = new LinkedHashMap<>();
        reads.list(sql, ps -> ps.setString(1, updateId), rs -> {
            latest.put(rs.getString(1) + "\n" + rs.getString(2), rs.getString(3));
            return null;
        });
        latest.forEach((key, status) -> counts.computeIfAbsent(key.substring(0, key.indexOf('\n')),
                k -> new LinkedHashMap<>()).merge(status, 1L, Long::sum));
        return counts;
    }
}
