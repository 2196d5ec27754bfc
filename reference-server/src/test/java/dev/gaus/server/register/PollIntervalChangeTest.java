package dev.gaus.server.register;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gaus.core.GausJson;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.core.message.CheckForUpdatesResponse;
import dev.gaus.core.message.RegisterResponse;
import dev.gaus.server.GausServer;
import dev.gaus.server.internal.Bootstrap;
import dev.gaus.server.internal.store.Database;
import dev.gaus.server.internal.store.StoreCache;
import dev.gaus.server.testing.Api;
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
 * {@link StoreCache#KEYS_REMEMBERED_FOR} later, and check-for-updates at the next check. Both
 * answers also carry {@code pollInterval}, the name the public TypeScript client reads.
 */
class PollIntervalChangeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void register_afterThePollIntervalChangedInTheStore_answersTheNewValueWithinTheBound() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        try (ServerFixture fixture = ServerFixture.start(GausServer.builder().clock(clock))) {
            AuthParameters product = fixture.product();
            assertThat(pollInterval(fixture.api().register("before-the-change", product)))
                    .isEqualTo(Bootstrap.DEFAULT_POLL_INTERVAL_SECONDS);

            setPollInterval(fixture.dataDir(), Bootstrap.DEMO_PRODUCT, 120);
            clock.advance(StoreCache.KEYS_REMEMBERED_FOR);

            assertThat(pollInterval(fixture.api().register("after-the-change", product))).isEqualTo(120);
        }
    }

    @Test
    void checkForUpdates_carriesTheProductsPollInterval_underBothNames_andTheNewValueAtTheNextCheck()
            throws Exception {
        try (ServerFixture fixture = ServerFixture.start()) {
            HttpResponse<String> registration = fixture.api().register("alias-unit", fixture.product());
            JsonNode registered = JSON.readTree(registration.body());
            assertThat(registered.get("pollInterval").asLong())
                    .isEqualTo(registered.get("pollIntervalSeconds").asLong())
                    .isEqualTo(Bootstrap.DEFAULT_POLL_INTERVAL_SECONDS);
            AuthenticateResponse session = fixture.api().authenticateOk(
                    GausJson.decode(registration.body(), RegisterResponse.class).deviceAuthParameters());

            JsonNode before = JSON.readTree(check(fixture, session).body());
            assertThat(before.get("pollInterval").asLong()).isEqualTo(before.get("pollIntervalSeconds").asLong())
                    .isEqualTo(Bootstrap.DEFAULT_POLL_INTERVAL_SECONDS);

            setPollInterval(fixture.dataDir(), Bootstrap.DEMO_PRODUCT, 90);
            HttpResponse<String> after = check(fixture, session);
            assertThat(GausJson.decode(after.body(), CheckForUpdatesResponse.class).pollIntervalSeconds()).isEqualTo(90);
            assertThat(JSON.readTree(after.body()).get("pollInterval").asLong()).isEqualTo(90);
        }
    }

    private static HttpResponse<String> check(ServerFixture fixture, AuthenticateResponse session) {
        HttpResponse<String> r = fixture.api().get(Api.devicePath(session, "check-for-updates"),
                "Authorization", "Bearer " + session.token());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r;
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
