package dev.gaus.server.internal.store;

import dev.gaus.core.message.AuthParameters;
import dev.gaus.server.internal.store.StoreRecords.DeviceStanding;
import dev.gaus.server.internal.store.StoreRecords.ProductInfo;
import dev.gaus.server.internal.store.StoreRecords.ProductKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Products and their key pairs (the tables {@code product} and {@code product_key}). Secrets are
 * kept only as keyed hashes; a product key's secret and product never change, only its revocation
 * does. Every write is durable when it returns.
 */
public interface ProductStore {
    /** The product key with what a registration needs of its product, read now; empty when unknown or revoked. */
    Optional<ProductKey> findActiveKey(String accessKey);

    /** True when the store holds a product. */
    boolean hasAny();

    /** Each product's catalog version and poll interval, by productGUID. */
    Map<String, DeviceStanding> standings();

    /** Every product by name, with its count of active keys and of devices. */
    List<ProductInfo> list();

    default Optional<ProductInfo> findByName(String name) {
        return list().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /**
     * Creates a product with a first key pair; the secret is returned this once and only its
     * hash is stored. Empty when a product of that name exists.
     */
    Optional<AuthParameters> create(String name, long pollIntervalSeconds, long now);

    /** Creates the product only when the store holds none; empty when another one exists. */
    Optional<AuthParameters> createFirst(String name, long pollIntervalSeconds, long now);

    /** Issues one more key pair for a product; earlier keys keep working. */
    AuthParameters addKey(String productGuid, long now);

    /** Revokes every active key of the product but the newest; returns how many. */
    int revokeOlderKeys(String productGuid, long now);

    /**
     * Changes the poll interval a product's devices are told; false when there is no such product.
     * Servers answer it from their caches within {@link StoreCache}'s bounds.
     */
    boolean setPollInterval(String productGuid, long seconds);
}
