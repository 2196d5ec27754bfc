package dev.gaus.server.internal.store;

import dev.gaus.server.internal.store.StoreRecords.DeviceInfo;
import dev.gaus.server.internal.store.StoreRecords.DeviceKey;
import dev.gaus.server.internal.store.StoreRecords.DeviceStanding;
import dev.gaus.server.internal.store.StoreRecords.IdempotentRegistration;
import dev.gaus.server.internal.store.StoreRecords.NewDevice;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Devices and the answers kept for registrations made with an {@code Idempotency-Key} (the
 * tables {@code device} and {@code idempotent_registration}).
 */
public interface DeviceStore {
    /**
     * Stores a new device (and its idempotent answer) if {@code productAccessKey} is still active;
     * the device's secret is stored as its keyed hash only. The future completes with whether it
     * was stored once that is durable, or fails — with a {@link StoreException} when the
     * idempotency key was taken meanwhile (the caller then answers with the stored registration).
     * No thread waits for it meanwhile.
     */
    CompletableFuture<Boolean> register(NewDevice device, String productAccessKey, IdempotentRegistration idempotent);

    Optional<DeviceKey> findByAccessKey(String accessKey);

    /** True when the device exists and is not revoked. */
    default boolean isActive(String deviceGuid) {
        return standing(deviceGuid).isPresent();
    }

    /**
     * The catalog version and poll interval of an active device's product, read in the same
     * query that checks the device: empty when the device is unknown or revoked.
     */
    Optional<DeviceStanding> standing(String deviceGuid);

    /** Devices stored, revoked ones included. */
    long count();

    /** Devices, oldest first; all of them when {@code productName} is null. */
    List<DeviceInfo> list(String productName);

    /** Revokes a device: its keys and tokens stop working. False when there is no such device. */
    boolean revoke(String deviceGuid, long now);

    /** Raised with each revocation: the revoked set changed when this did. */
    long revocationCounter();

    /** Every revoked device. */
    Set<String> revoked();

    /** The earlier answer to replay for this key, if any and if {@code productAccessKey} is not revoked. */
    Optional<IdempotentRegistration> findIdempotentRegistration(String productGuid, String key,
            String productAccessKey, long now);

    /** Forgets idempotent answers past their time; returns how many. */
    int purgeExpiredIdempotentRegistrations(long now);
}
