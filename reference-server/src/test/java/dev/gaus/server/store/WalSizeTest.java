package dev.gaus.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.Credentials;
import dev.gaus.server.internal.store.Database;
import dev.gaus.server.internal.store.GausStore;
import dev.gaus.server.internal.store.Ids;
import dev.gaus.server.internal.store.StoreRecords.NewDevice;
import dev.gaus.server.internal.store.StoreRecords.ProductInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under a steady stream of registrations, with checkpoints running beside the writer as the
 * server runs them, SQLite's WAL must keep starting over instead of growing with every page
 * written: it is a disk the server would otherwise fill, and a cost on every commit.
 */
class WalSizeTest {
    private static final int DEVICES = 12_000;
    private static final int IN_FLIGHT = 64;
    /** Each registration dirties about one page of the random access-key index: 4 KiB of WAL. */
    private static final long WAL_WITHOUT_RESTARTS = DEVICES * 4096L;

    @TempDir
    Path dir;

    @Test
    void wal_underContinuousRegistrations_staysAFractionOfWhatWasWritten() throws Exception {
        try (GausStore store = GausStore.open(dir, null)) {
            String productKey = store.products().create("wal", 60, 1_000).orElseThrow().accessKey();
            ProductInfo product = store.products().findByName("wal").orElseThrow();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger checkpointsRun = new AtomicInteger();
            AtomicReference<Throwable> checkpointFailure = new AtomicReference<>();
            Thread checkpoints = new Thread(() -> {
                try {
                    while (running.get()) {
                        store.checkpoint();
                        checkpointsRun.incrementAndGet();
                        Thread.sleep(20);
                    }
                } catch (Throwable e) {
                    checkpointFailure.set(e);
                }
            }, "wal-test-checkpoints");
            checkpoints.start();
            try {
                List<CompletableFuture<Boolean>> inFlight = new ArrayList<>();
                for (int i = 0; i < DEVICES; i++) {
                    inFlight.add(store.devices().register(new NewDevice(Ids.newTimeOrderedGuid(i), product.guid(),
                            "wal-" + i, Credentials.newKeyPair(), 2_000 + i), productKey, null));
                    if (inFlight.size() == IN_FLIGHT) {
                        inFlight.remove(0).join();
                    }
                }
                inFlight.forEach(CompletableFuture::join);
            } finally {
                running.set(false);
                checkpoints.join();
            }

            if (checkpointFailure.get() != null) {
                throw new AssertionError("a checkpoint beside the writes failed", checkpointFailure.get());
            }
            assertThat(checkpointsRun.get()).as("checkpoints run beside the writes").isPositive();
            assertThat(store.devices().list("wal")).hasSize(DEVICES);
            long wal = Files.size(dir.resolve(Database.SQLITE_FILE + "-wal"));
            assertThat(wal).isLessThan(WAL_WITHOUT_RESTARTS / 4);
        }
    }
}
