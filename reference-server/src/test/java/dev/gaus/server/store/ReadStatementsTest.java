package dev.gaus.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.message.AuthParameters;
import dev.gaus.server.internal.store.GausStore;
import dev.gaus.server.internal.store.StoreRecords.NewDevice;
import dev.gaus.server.internal.store.StoreRecords.ProductInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads reuse statements kept per pooled SQLite connection; what another connection commits
 * must still show on every one of them at once (a revoked key never answers from an old snapshot).
 */
class ReadStatementsTest {
    private static final int THREADS = 16;

    @TempDir
    Path dir;

    @Test
    void productKeyLookup_afterRevocationOnAnyPooledConnection_findsNothing() throws Exception {
        try (GausStore store = GausStore.open(dir, null)) {
            AuthParameters first = store.products().create("cached", 60, 1_000).orElseThrow();
            ProductInfo product = store.products().findByName("cached").orElseThrow();
            AuthParameters second = store.products().addKey(product.guid(), 2_000);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                // Concurrent lookups borrow every pooled connection and leave a statement on each.
                assertThat(lookups(pool, store, first.accessKey())).containsOnly(true);

                assertThat(store.products().revokeOlderKeys(product.guid(), 3_000)).isEqualTo(1);

                assertThat(lookups(pool, store, first.accessKey())).containsOnly(false);
                assertThat(lookups(pool, store, second.accessKey())).containsOnly(true);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void deviceLookup_afterRevocation_seesIt() {
        try (GausStore store = GausStore.open(dir, null)) {
            AuthParameters keys = store.products().create("devices", 60, 1_000).orElseThrow();
            ProductInfo product = store.products().findByName("devices").orElseThrow();
            NewDevice device = new NewDevice("0000-guid", product.guid(), "dev-1",
                    new AuthParameters("device-access-key", "device-secret"), 1_000);
            assertThat(store.devices().register(device, keys.accessKey(), null).join()).isTrue();
            for (int i = 0; i < 3 * THREADS; i++) {
                assertThat(store.devices().isActive("0000-guid")).isTrue();
            }
            assertThat(store.devices().revoke("0000-guid", 2_000)).isTrue();
            for (int i = 0; i < 3 * THREADS; i++) {
                assertThat(store.devices().isActive("0000-guid")).isFalse();
                assertThat(store.devices().findByAccessKey("device-access-key").orElseThrow().revoked()).isTrue();
            }
        }
    }

    private static List<Boolean> lookups(ExecutorService pool, GausStore store, String accessKey) throws Exception {
        List<Future<Boolean>> futures = new ArrayList<>();
        for (int i = 0; i < 4 * THREADS; i++) {
            futures.add(pool.submit(() -> store.products().findActiveKey(accessKey).isPresent()));
        }
        List<Boolean> found = new ArrayList<>();
        for (Future<Boolean> f : futures) {
            found.add(f.get());
        }
        return found;
    }
}
