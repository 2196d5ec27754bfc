package dev.gaus.server.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gaus.core.message.AuthParameters;
import dev.gaus.server.internal.store.StoreRecords.DeviceStanding;
import dev.gaus.server.internal.store.StoreRecords.NewDevice;
import dev.gaus.server.testing.Eventually;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poll path's standings come from memory: a closed store does not stop them until the copy
 * is {@link DeviceStandings#MAX_AGE} old, and a revocation made through another store on the same
 * file (another process) is seen within that bound.
 */
class DeviceStandingsTest {
    @TempDir
    Path dir;

    @Test
    void standings_areAnsweredFromMemory_andARevocationElsewhereArrivesWithinTheBound() throws Exception {
        GausStore store = GausStore.open(dir, null);
        AuthParameters keys = store.products().create("standing", 60, 1_000).orElseThrow();
        String product = store.products().findByName("standing").orElseThrow().guid();
        for (String guid : new String[] {"device-kept", "device-revoked"}) {
            NewDevice device = new NewDevice(guid, product, guid, new AuthParameters(guid + "-access", "s"), 1_000);
            assertThat(store.devices().register(device, keys.accessKey(), null).join()).isTrue();
        }
        DeviceStandings standings = DeviceStandings.start(store.devices(), store.products());
        try {
            DeviceStanding kept = standings.of("device-kept", product).orElseThrow();
            assertThat(kept.pollIntervalSeconds()).isEqualTo(60);

            try (GausStore elsewhere = GausStore.open(dir, null)) {
                assertThat(elsewhere.devices().revoke("device-revoked", 2_000)).isTrue();
            }
            Eventually.until(DeviceStandings.MAX_AGE, () -> standings.of("device-revoked", product),
                    Optional::isEmpty);
            assertThat(standings.of("device-kept", product)).contains(kept);

            // With the store gone, polls are answered from memory...
            store.close();
            assertThat(standings.of("device-kept", product)).contains(kept);
            assertThat(standings.of("device-revoked", product)).isEmpty();
            // ...until the copy is too old to be trusted; then the store is asked, and it is away.
            Thread.sleep(DeviceStandings.MAX_AGE.toMillis() + 200);
            assertThatThrownBy(() -> standings.of("device-kept", product)).isInstanceOf(RuntimeException.class);
        } finally {
            standings.close();
            store.close();
        }
    }
}
