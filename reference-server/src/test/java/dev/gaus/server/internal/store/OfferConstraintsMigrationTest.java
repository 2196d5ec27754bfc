package dev.gaus.server.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gaus.core.VersionScheme;
import dev.gaus.server.internal.store.StoreRecords.NewUpdate;
import dev.gaus.server.internal.store.StoreRecords.UpdateInfo;
import dev.gaus.server.testing.PostgresServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A store written before {@code 004_offer_constraints.sql} may hold what its constraints forbid,
 * left by two publishers that raced: it must still open, with the offer devices were given kept
 * and nothing deleted.
 */
class OfferConstraintsMigrationTest {
    private static final int SCHEMA_BEFORE = 3;

    @RegisterExtension
    static final PostgresServer postgres = new PostgresServer();

    @TempDir
    Path dir;

    enum Engine { SQLITE, POSTGRESQL }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void racedPublishes_theLatestOfEachConflictStaysOnOffer_theOthersAreWithdrawnAsOfItsPublication(Engine engine)
            throws Exception {
        try (Connection c = connect(engine)) {
            createSchemaBefore004(c);
            execute(c, "INSERT INTO product (guid, name, poll_interval_seconds, created_at)"
                    + " VALUES ('p', 'raced', 60, 1)");
            update(c, "fw-first", "fw", "1.0.0", "semver", 10, null);
            update(c, "fw-patch", "fw", "1.0.1", "semver", 15, null);
            update(c, "fw-again", "fw", "1.0.0", "semver", 20, null);
            update(c, "fw-old", "fw", "0.9.0", "semver", 5, 6L);
            update(c, "app-number", "app", "2", "number", 10, null);
            update(c, "app-semver", "app", "1.0.0", "semver", 30, null);
        }

        try (GausStore store = open(engine)) {
            Map<String, Long> withdrawnAt = store.updates().list("raced").stream()
                    .collect(Collectors.toMap(UpdateInfo::id, u -> u.withdrawn() ? u.withdrawnAt() : -1L));
            assertThat(withdrawnAt).containsOnly(
                    Map.entry("fw-first", 20L), Map.entry("fw-patch", -1L), Map.entry("fw-again", -1L),
                    Map.entry("fw-old", 6L), Map.entry("app-number", 30L), Map.entry("app-semver", -1L));

            // And from now on the store itself refuses what the check refuses.
            String productGuid = store.products().findByName("raced").orElseThrow().guid();
            Path file = Files.writeString(dir.resolve("fw.bin"), "firmware");
            assertThatThrownBy(() -> store.updates().publish(new NewUpdate(productGuid, "app", "3",
                    VersionScheme.NUMBER, Map.of(), Map.of()), file, 40))
                    .isInstanceOfSatisfying(PublishRefused.class, e -> {
                        assertThat(e.reason()).isEqualTo(PublishRefused.Reason.OTHER_VERSION_SCHEME);
                        assertThat(e.offered().updateId()).isEqualTo("app-semver");
                    });
            try (Connection c = connect(engine)) {
                offered(c, "fw-next", "1.0.2");
                assertThatThrownBy(() -> offered(c, "fw-third", "1.0.0"))
                        .isInstanceOfSatisfying(SQLException.class,
                                e -> assertThat(Database.isConstraintViolation(e)).isTrue());
            }
        }
    }

    private Connection connect(Engine engine) throws SQLException {
        return engine == Engine.SQLITE
                ? DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Database.SQLITE_FILE))
                : DriverManager.getConnection(postgres.jdbcUrl());
    }

    private GausStore open(Engine engine) {
        return GausStore.open(dir, engine == Engine.SQLITE ? null : postgres.jdbcUrl());
    }

    /** The schema as a server of the release before made it, through the same files. */
    private static void createSchemaBefore004(Connection c) throws IOException, SQLException {
        execute(c, "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
                + " applied_at BIGINT NOT NULL)");
        for (int v = 1; v <= SCHEMA_BEFORE; v++) {
            String name = Migrations.FILES.get(v - 1);
            try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + name)) {
                for (String sql : Migrations.statements(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
                    execute(c, sql);
                }
            }
            execute(c, "INSERT INTO schema_version (version, name, applied_at) VALUES (" + v + ", '" + name + "', 0)");
        }
    }

    /** An update row as publish writes it; {@code withdrawnAt} null while on offer. */
    private static void update(Connection c, String id, String type, String version, String scheme, long createdAt,
            Long withdrawnAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO update_package (id, product_guid, update_type,"
                + " version, version_scheme, where_filters, metadata, size, md5, sha256, download_token, withdrawn_at,"
                + " created_at) VALUES (?, 'p', ?, ?, ?, '{}', '{}', 1, 'md5', 'sha', ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, type);
            ps.setString(3, version);
            ps.setString(4, scheme);
            ps.setString(5, "token-" + id);
            if (withdrawnAt == null) {
                ps.setNull(6, Types.BIGINT);
            } else {
                ps.setLong(6, withdrawnAt);
            }
            ps.setLong(7, createdAt);
            ps.executeUpdate();
        }
    }

    /** A firmware update on offer, as a publisher that skipped the check would write it after 004. */
    private static void offered(Connection c, String id, String version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO update_package (id, product_guid, update_type,"
                + " version, version_scheme, where_filters, metadata, size, md5, sha256, download_token, created_at,"
                + " offered_scheme) VALUES (?, 'p', 'fw', ?, 'semver', '{}', '{}', 1, 'md5', 'sha', ?, 60,"
                + " 'semver')")) {
            ps.setString(1, id);
            ps.setString(2, version);
            ps.setString(3, "token-" + id);
            ps.executeUpdate();
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
