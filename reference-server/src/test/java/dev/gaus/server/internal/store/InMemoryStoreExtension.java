package dev.gaus.server.internal.store;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lets servers started by {@code ServerFixture} run on {@link InMemoryStores}: the build's
 * {@code endpoints-on-in-memory-store} run turns extension detection on and sets
 * {@code gaus.test.store=memory}, so the endpoints' own tests run once more on that store.
 */
public final class InMemoryStoreExtension implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        InMemoryStores.register();
    }
}
