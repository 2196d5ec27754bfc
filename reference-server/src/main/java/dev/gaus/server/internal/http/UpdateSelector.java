package dev.gaus.server.internal.http;

import dev.gaus.server.internal.store.StoreRecords.UpdateInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which updates a device is offered (protocol section 3): for each update type, the newest
 * non-withdrawn update whose {@code --where} filters all match the device's parameters and whose
 * version is newer, by the type's scheme, than the {@code <type>-version} the device sent; the
 * newest when it sent none. At most one per type.
 *
 * <p>A version the device sent that its type's scheme cannot read gets nothing of that type: the
 * server cannot tell whether an update is newer, and offering a downgrade is worse than waiting.
 * Of two updates with equal versions (published with different filters) the later one wins.
 */
final class UpdateSelector {
    private UpdateSelector() {}

    static List<UpdateInfo> select(List<UpdateInfo> catalog, Map<String, List<String>> params) {
        Map<String, UpdateInfo> best = new LinkedHashMap<>();
        List<UpdateInfo> ordered = new ArrayList<>(catalog);
        ordered.sort(Comparator.comparingLong(UpdateInfo::createdAt).thenComparing(UpdateInfo::id));
        for (UpdateInfo u : ordered) {
            if (u.withdrawn() || !matches(u.where(), params)) {
                continue;
            }
            List<String> current = params.get(u.updateType() + "-version");
            if (current != null && !current.isEmpty()) {
                String version = current.get(0);
                if (!u.scheme().isValid(version) || !u.scheme().isNewer(u.version(), version)) {
                    continue;
                }
            }
            UpdateInfo held = best.get(u.updateType());
            if (held == null || u.scheme().compare(u.version(), held.version()) >= 0) {
                best.put(u.updateType(), u);
            }
        }
        List<UpdateInfo> out = new ArrayList<>(best.values());
        out.sort(Comparator.comparing(UpdateInfo::updateType));
        return out;
    }

    private static boolean matches(Map<String, String> where, Map<String, List<String>> params) {
        for (Map.Entry<String, String> filter : where.entrySet()) {
            List<String> values = params.get(filter.getKey());
            if (values == null || !values.contains(filter.getValue())) {
                return false;
            }
        }
        return true;
    }
}
