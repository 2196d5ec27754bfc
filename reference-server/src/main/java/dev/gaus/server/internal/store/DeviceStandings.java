package dev.gaus.server.internal.store;

import dev.gaus.server.internal.store.StoreRecords.DeviceStanding;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every request on a device path asks the store (is the device revoked, what is its
 * product's catalog version and poll interval), answered from memory: a fleet polls all day, and
 * a 304 should cost a token check and a lookup, not a query. A copy of the revoked devices and of
 * every product's standing is read again each {@link #REFRESH_PERIOD}; the revoked set only when
 * the store's revocation counter moved. So a revocation or a catalog change, made by any process
 * on the same store, is seen within {@link #MAX_AGE}: a copy older than that (the store was slow
 * or away) is not used, and each request asks the store itself, as before.
 */
public final class DeviceStandings implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceStandings.class);
    public static final Duration REFRESH_PERIOD = Duration.ofSeconds(1);
    /** No answer is based on a copy older than this. */
    public static final Duration MAX_AGE = Duration.ofSeconds(2);

    private record Snapshot(long takenAtNanos, long revocations, Set<String> revoked,
            Map<String, DeviceStanding> products) {
    }

    private final DeviceStore devices;
    private final ProductStore products;
    private final ScheduledExecutorService refresher;
    private volatile Snapshot snapshot;
    /** Whether the last refresh failed, so that an outage is logged once, not every second. */
    private boolean failing;

    private DeviceStandings(DeviceStore devices, ProductStore products) {
        this.devices = devices;
        this.products = products;
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gaus-standings");
            t.setDaemon(true);
            return t;
        });
    }

    /** Reads the first copy now (failing when the store cannot be read), then refreshes it every period. */
    public static DeviceStandings start(DeviceStore devices, ProductStore products) {
        DeviceStandings standings = new DeviceStandings(devices, products);
        standings.refresh();
        standings.refresher.scheduleWithFixedDelay(standings::refreshQuietly, REFRESH_PERIOD.toMillis(),
                REFRESH_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return standings;
    }

    /**
     * The standing of an active device of {@code productGuid}; empty when it is revoked (or, asked
     * of the store, unknown).
     */
    public Optional<DeviceStanding> of(String deviceGuid, String productGuid) {
        Snapshot s = snapshot;
        if (s == null || System.nanoTime() - s.takenAtNanos() > MAX_AGE.toNanos()) {
            return devices.standing(deviceGuid);
        }
        if (s.revoked().contains(deviceGuid)) {
            return Optional.empty();
        }
        DeviceStanding standing = s.products().get(productGuid);
        // a product created since the copy was taken
        return standing != null ? Optional.of(standing) : devices.standing(deviceGuid);
    }

    private void refresh() {
        long taken = System.nanoTime();
        Snapshot previous = snapshot;
        long revocations = devices.revocationCounter();
        Set<String> revoked = previous != null && previous.revocations() == revocations ? previous.revoked()
                : devices.revoked();
        snapshot = new Snapshot(taken, revocations, revoked, products.standings());
    }

    private void refreshQuietly() {
        try {
            refresh();
            if (failing) {
                LOG.info("device standings are read from memory again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("refreshing the device standings failed; requests ask the store until it answers: {}",
                        e.getMessage());
                failing = true;
            }
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
