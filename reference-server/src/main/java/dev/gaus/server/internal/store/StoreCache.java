package dev.gaus.server.internal.store;

import dev.gaus.server.internal.store.StoreRecords.DeviceStanding;
import dev.gaus.server.internal.store.StoreRecords.ProductKey;
import dev.gaus.server.internal.store.StoreRecords.UpdateInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a server keeps in memory of its store, in one layer wrapped around any {@link Stores}:
 * the product keys registrations name, each device's standing (through {@link DeviceStandings})
 * and each product's catalog. Every entry is bounded in age, so a change made by another process
 * on the same store (the admin CLI, another instance) is answered within a stated time:
 * revocations and catalog or poll-interval changes on device paths within
 * {@link DeviceStandings#MAX_AGE}, a poll-interval change in registrations within
 * {@link #KEYS_REMEMBERED_FOR}. The stores themselves keep nothing.
 */
public final class StoreCache implements AutoCloseable {
    static final int MAX_REMEMBERED_PRODUCT_KEYS = 1024;
    /** How long a product key, and what a registration answers of its product, is served from memory. */
    public static final Duration KEYS_REMEMBERED_FOR = Duration.ofMinutes(1);

    private final Stores store;
    private final DeviceStandings standings;
    /** Product keys registrations named, by access key; see {@link #productKeyForRegistration}. */
    private final Map<String, Remembered> registrationKeys = new ConcurrentHashMap<>();
    /** Each product's offer, valid while the product's catalog version is the one it was read at. */
    private final Map<String, Catalog> catalogs = new ConcurrentHashMap<>();

    private record Remembered(ProductKey key, long readAt) {
        boolean isCurrent(long now) {
            return now >= readAt && now - readAt < KEYS_REMEMBERED_FOR.toMillis();
        }
    }

    private record Catalog(long version, List<UpdateInfo> updates) {
    }

    private StoreCache(Stores store, DeviceStandings standings) {
        this.store = store;
        this.standings = standings;
    }

    /** Reads the first copy of the standings now (failing when the store cannot be read), then keeps them fresh. */
    public static StoreCache start(Stores store) {
        return new StoreCache(store, DeviceStandings.start(store.devices(), store.products()));
    }

    /**
     * The product key a registration names, from memory once seen, so that registrations, the one
     * call that cannot use a cached token, skip a store read each.
     *
     * <p>A product key's secret and product never change, only its revocation does, and that is
     * checked where it decides: {@link DeviceStore#register} stores nothing for a key revoked
     * meanwhile (by any process), and {@link DeviceStore#findIdempotentRegistration} replays
     * nothing under one. The product's poll interval, which a registration answers, changes by
     * {@link ProductStore#setPollInterval}, usually in another process (the admin CLI): a key
     * remembered for {@link #KEYS_REMEMBERED_FOR} is read again, so registrations answer the new
     * value at most that long after the change.
     */
    public Optional<ProductKey> productKeyForRegistration(String accessKey, long now) {
        Remembered known = registrationKeys.get(accessKey);
        if (known != null && known.isCurrent(now)) {
            return Optional.of(known.key());
        }
        Optional<ProductKey> found = store.products().findActiveKey(accessKey);
        if (found.isEmpty()) {
            registrationKeys.remove(accessKey);
            return found;
        }
        if (known == null && registrationKeys.size() >= MAX_REMEMBERED_PRODUCT_KEYS) {
            registrationKeys.clear();
        }
        registrationKeys.put(accessKey, new Remembered(found.get(), now));
        return found;
    }

    /** Drops a product key from memory, after the store refused it as revoked. */
    public void forgetProductKey(String accessKey) {
        registrationKeys.remove(accessKey);
    }

    /**
     * The standing of an active device of {@code productGuid}; empty when it is revoked (or, asked
     * of the store, unknown).
     */
    public Optional<DeviceStanding> standing(String deviceGuid, String productGuid) {
        return standings.of(deviceGuid, productGuid);
    }

    /**
     * The product's updates on offer, read from the store only when its catalog version moved.
     * Read after the version, the list is never older than it; publish and withdraw raise the
     * version in their own transaction, so every instance sees a change within
     * {@link DeviceStandings#MAX_AGE}.
     */
    public List<UpdateInfo> offeredBy(String productGuid, long catalogVersion) {
        Catalog cached = catalogs.get(productGuid);
        if (cached != null && cached.version() == catalogVersion) {
            return cached.updates();
        }
        List<UpdateInfo> offered = List.copyOf(store.updates().offeredBy(productGuid));
        catalogs.put(productGuid, new Catalog(catalogVersion, offered));
        return offered;
    }

    /** Stops refreshing. */
    @Override
    public void close() {
        standings.close();
    }
}
