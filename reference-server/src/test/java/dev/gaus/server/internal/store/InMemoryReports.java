package dev.gaus.server.internal.store;

import dev.gaus.server.internal.store.StoreRecords.StatusReport;
import dev.gaus.server.internal.store.StoreRecords.StoredReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** What devices reported to an {@link InMemoryStores}, under its lock. */
final class InMemoryReports implements ReportStore {
    private final InMemoryStores stores;
    private final Object lock;
    private final List<StoredReport> reports = new ArrayList<>();
    /** (update, device, phase) to the last status received, in the order received. */
    private final Map<List<String>, Status> statuses = new LinkedHashMap<>();

    private record Status(String status, long receivedAt) {
    }

    InMemoryReports(InMemoryStores stores) {
        this.stores = stores;
        this.lock = stores.lock;
    }

    @Override
    public CompletableFuture<Void> save(String productGuid, String deviceGuid, long receivedAt, String query,
            String body, List<StatusReport> reported) {
        long start = System.nanoTime();
        synchronized (lock) {
            for (StatusReport st : reported) {
                statuses.put(List.of(st.updateId(), deviceGuid, st.phase()), new Status(st.status(), receivedAt));
            }
            reports.add(new StoredReport(Ids.newGuid(), deviceGuid, receivedAt, query, body));
            stores.committed(start);
            return CompletableFuture.completedFuture(null);
        }
    }

    @Override
    public List<StoredReport> list(String deviceGuid, StoredReport after, int limit) {
        Comparator<StoredReport> newestFirst = Comparator.comparingLong(StoredReport::receivedAt).reversed()
                .thenComparing(StoredReport::id);
        synchronized (lock) {
            return reports.stream().filter(r -> deviceGuid == null || r.deviceGuid().equals(deviceGuid))
                    .filter(r -> after == null || newestFirst.compare(r, after) > 0)
                    .sorted(newestFirst).limit(limit).toList();
        }
    }

    @Override
    public Map<String, Map<String, Long>> updateStatusCounts(String updateId) {
        Map<String, String> latest = new LinkedHashMap<>();
        synchronized (lock) {
            statuses.entrySet().stream().filter(e -> e.getKey().get(0).equals(updateId))
                    .sorted(Comparator.comparingLong(e -> e.getValue().receivedAt()))
                    .forEach(e -> {
                        String phase = e.getKey().get(2).equals("installation") ? "install" : e.getKey().get(2);
                        latest.put(phase + "\n" + e.getKey().get(1), e.getValue().status());
                    });
        }
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        latest.forEach((key, status) -> counts.computeIfAbsent(key.substring(0, key.indexOf('\n')),
                k -> new LinkedHashMap<>()).merge(status, 1L, Long::sum));
        return counts;
    }
}
