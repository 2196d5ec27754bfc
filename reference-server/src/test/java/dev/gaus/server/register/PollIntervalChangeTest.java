package dev.gaus.server.register;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.GausJson;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.RegisterResponse;
import dev.gaus.server.GausServer;
import dev.gaus.server.internal.Bootstrap;
import dev.gaus.server.internal.store.Database;
import dev.gaus.server.internal.store.ProductStore;
import dev.gaus.server.testing.MutableClock;
import dev.gaus.server.testing.ServerFixture;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Registrations answer the poll interval of the product key they name from memory. No command
 * changes a product's poll interval, but the store may be changed by other hands (an operator,
 * a later server on the same PostgreSQL): a registration then answers the new value at most
 * {@link ProductStore#KEYS_REMEMBERED_FOR} later.
 */
class PollIntervalChangeTest {
    @Test
    void register_afterThePollIntervalChangedInTheStore_answersTheNewValueWithinTheBound() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        try (ServerFixture fixture = ServerFixture.start(GausServer.builder().clock(clock))) {
            AuthParameters product = fixture.product();
            assertThat(pollInterval(fixture.api().register("before-the-change", product)))
                    .isEqualTo(Bootstrap.DEFAULT_POLL_INTERVAL_SECONDS);

            setPollInterval(fixture.dataDir(), Bootstrap.DEMO_PRODUCT, 120);
            clock.advance(ProductStore.KEYS_REMEMBERED_FOR);

            assertThat(pollInterval(fixture.api().register("after-the-change", product))).isEqualTo(120);
        }
    }

    private static long pollInterval(HttpResponse<String> registration) {
        assertThat(registration.statusCode()).as(registration.body()).isEqualTo(200);
        return GausJson.decode(registration.body(), RegisterResponse.class).pollIntervalSeconds();
    }

    /** As another process would, on the SQLite file the server has open. */
    private static void setPollInterval(Path dataDir, String product, long seconds) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(Database.SQLITE_FILE))) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 15000");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE product SET poll_interval_seconds = ? WHERE name = ?")) {
                ps.setLong(1, seconds);
                ps.setString(2, product);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
        }
    }
}
