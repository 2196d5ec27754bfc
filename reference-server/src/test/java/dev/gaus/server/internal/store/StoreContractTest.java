package dev.gaus.server.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gaus.core.UpdateKey;
import dev.gaus.core.VersionScheme;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.Update;
import dev.gaus.server.internal.store.StoreRecords.DeviceKey;
import dev.gaus.server.internal.store.StoreRecords.IdempotentRegistration;
import dev.gaus.server.internal.store.StoreRecords.NewDevice;
import dev.gaus.server.internal.store.StoreRecords.NewUpdate;
import dev.gaus.server.internal.store.StoreRecords.ProductInfo;
import dev.gaus.server.internal.store.StoreRecords.StatusReport;
import dev.gaus.server.internal.store.StoreRecords.StoredReport;
import dev.gaus.server.internal.store.StoreRecords.UpdateInfo;
import dev.gaus.server.testing.PostgresServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link Stores} must do, held against each: the JDBC store on SQLite and on
 * PostgreSQL, and the in-memory one the endpoints' tests can run on. Names are unique per test,
 * since the PostgreSQL database is shared by the tests of the class.
 */
class StoreContractTest {
    @RegisterExtension
    static final PostgresServer postgres = new PostgresServer();

    @TempDir
    Path dir;

    enum Engine { SQLITE, POSTGRESQL, MEMORY }

    private Stores open(Engine engine) {
        return switch (engine) {
            case SQLITE -> GausStore.open(dir, null);
            case POSTGRESQL -> GausStore.open(dir, postgres.jdbcUrl());
            case MEMORY -> new InMemoryStores();
        };
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void products_keysAreIssuedHashedRotatedAndRevoked(Engine engine) {
        try (Stores store = open(engine)) {
            String name = unique("product");
            AuthParameters first = store.products().create(name, 600, 1_000).orElseThrow();
            assertThat(store.products().create(name, 60, 2_000)).isEmpty();
            assertThat(store.products().createFirst(unique("second"), 60, 2_000)).isEmpty();
            assertThat(store.products().hasAny()).isTrue();
            ProductInfo info = store.products().findByName(name).orElseThrow();
            assertThat(info).extracting(ProductInfo::pollIntervalSeconds, ProductInfo::activeKeys, ProductInfo::devices)
                    .containsExactly(600L, 1, 0L);
            var key = store.products().findActiveKey(first.accessKey()).orElseThrow();
            assertThat(key.productGuid()).isEqualTo(info.guid());
            assertThat(key.secretHash()).isNotEqualTo(first.secretKey());
            assertThat(store.secrets().matches(first.secretKey(), key.secretHash())).isTrue();
            assertThat(store.secrets().matches(first.accessKey(), key.secretHash())).isFalse();

            AuthParameters second = store.products().addKey(info.guid(), 3_000);
            assertThat(store.products().findByName(name).orElseThrow().activeKeys()).isEqualTo(2);
            assertThat(store.products().revokeOlderKeys(info.guid(), 4_000)).isEqualTo(1);
            assertThat(store.products().findActiveKey(first.accessKey())).isEmpty();
            assertThat(store.products().findActiveKey(second.accessKey())).isPresent();

            assertThat(store.products().setPollInterval(info.guid(), 120)).isTrue();
            assertThat(store.products().setPollInterval(UUID.randomUUID().toString(), 120)).isFalse();
            assertThat(store.products().standings().get(info.guid()).pollIntervalSeconds()).isEqualTo(120);
            assertThat(store.products().findActiveKey(second.accessKey()).orElseThrow().pollIntervalSeconds())
                    .isEqualTo(120);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void devices_registerOnlyUnderAnActiveKey_replayIdempotently_andRevoke(Engine engine) {
        try (Stores store = open(engine)) {
            String name = unique("fleet");
            AuthParameters product = store.products().create(name, 60, 1_000).orElseThrow();
            String productGuid = store.products().findByName(name).orElseThrow().guid();
            long before = store.devices().count();
            NewDevice device = newDevice(productGuid, "gw-1", 10_000);
            IdempotentRegistration idem = new IdempotentRegistration(productGuid, "key-1", "hash", device.guid(),
                    "sealed", 20_000);
            assertThat(store.devices().register(device, product.accessKey(), idem).join()).isTrue();
            assertThat(store.devices().count()).isEqualTo(before + 1);
            DeviceKey stored = store.devices().findByAccessKey(device.keys().accessKey()).orElseThrow();
            assertThat(stored).extracting(DeviceKey::deviceGuid, DeviceKey::productGuid, DeviceKey::deviceId,
                    DeviceKey::revoked).containsExactly(device.guid(), productGuid, "gw-1", false);
            assertThat(store.secrets().matches(device.keys().secretKey(), stored.secretHash())).isTrue();
            assertThat(store.devices().standing(device.guid())).isPresent();
            assertThat(store.devices().list(name)).singleElement().satisfies(d -> assertThat(d.deviceId())
                    .isEqualTo("gw-1"));

            assertThat(store.devices().findIdempotentRegistration(productGuid, "key-1", product.accessKey(), 15_000))
                    .hasValue(idem);
            assertThat(store.devices().findIdempotentRegistration(productGuid, "key-1", product.accessKey(), 20_000))
                    .isEmpty();
            NewDevice retry = newDevice(productGuid, "gw-1", 11_000);
            assertThatThrownBy(() -> store.devices().register(retry, product.accessKey(),
                    new IdempotentRegistration(productGuid, "key-1", "hash", retry.guid(), "sealed", 30_000)).join())
                    .isInstanceOf(CompletionException.class).hasCauseInstanceOf(StoreException.class);
            assertThat(store.devices().findByAccessKey(retry.keys().accessKey())).isEmpty();
            assertThat(store.devices().purgeExpiredIdempotentRegistrations(20_000)).isGreaterThanOrEqualTo(1);
            assertThat(store.devices().findIdempotentRegistration(productGuid, "key-1", product.accessKey(), 15_000))
                    .isEmpty();

            long revocations = store.devices().revocationCounter();
            assertThat(store.devices().revoke(device.guid(), 40_000)).isTrue();
            assertThat(store.devices().revoke(UUID.randomUUID().toString(), 40_000)).isFalse();
            assertThat(store.devices().revocationCounter()).isGreaterThan(revocations);
            assertThat(store.devices().revoked()).contains(device.guid());
            assertThat(store.devices().standing(device.guid())).isEmpty();
            assertThat(store.devices().findByAccessKey(device.keys().accessKey()).orElseThrow().revoked()).isTrue();

            AuthParameters newer = store.products().addKey(productGuid, 50_000);
            store.products().revokeOlderKeys(productGuid, 60_000);
            assertThat(store.devices().register(newDevice(productGuid, "gw-2", 70_000), product.accessKey(), null)
                    .join()).isFalse();
            assertThat(store.devices().register(newDevice(productGuid, "gw-2", 70_000), newer.accessKey(), null)
                    .join()).isTrue();
        }
    }

    private static NewDevice newDevice(String productGuid, String deviceId, long now) {
        return new NewDevice(Ids.newTimeOrderedGuid(now), productGuid, deviceId, dev.gaus.core.Credentials.newKeyPair(),
                now);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void updates_arePublishedOnceServedWithdrawnAndSignedWhenRequired(Engine engine) throws Exception {
        Path file = Files.writeString(dir.resolve("fw.bin"), "the bytes devices install");
        try (Stores store = open(engine)) {
            String name = unique("catalog");
            store.products().create(name, 60, 1_000).orElseThrow();
            String guid = store.products().findByName(name).orElseThrow().guid();
            long version = store.products().standings().get(guid).catalogVersion();
            NewUpdate update = new NewUpdate(guid, "firmware", "1.0.0", VersionScheme.SEMVER,
                    Map.of("region", "eu", "model", "x1"), Map.of("notes", "first"));
            UpdateInfo published = store.updates().publish(update, file, 2_000);
            assertThat(published.metadata()).containsEntry("notes", "first")
                    .containsEntry(Update.SHA256_METADATA_KEY, UpdateStore.digest(file).sha256());
            assertThat(published.where()).containsExactly(Map.entry("model", "x1"), Map.entry("region", "eu"));
            assertThat(published.size()).isEqualTo(Files.size(file));
            assertThat(store.updates().find(published.id())).hasValue(published);
            assertThat(store.updates().findByDownloadToken(published.downloadToken())).hasValue(published);
            assertThat(store.updates().offeredBy(guid)).containsExactly(published);
            assertThat(store.updates().list(name)).containsExactly(published);
            assertThat(store.products().standings().get(guid).catalogVersion()).isGreaterThan(version);
            try (SeekableByteChannel ch = store.updates().openFile(published.sha256(), published.size())) {
                ByteBuffer tail = ByteBuffer.allocate(64);
                ch.position(4);
                while (ch.read(tail) > 0) {
                    // reads to the end
                }
                assertThat(new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8))
                        .isEqualTo("bytes devices install");
            }
            assertThatThrownBy(() -> store.updates().openFile("0".repeat(64), 1)).isInstanceOf(IOException.class);

            assertThat(catchThrowableOfType(PublishRefused.class, () -> store.updates().publish(update, file, 3_000))
                    .reason()).isEqualTo(PublishRefused.Reason.ALREADY_OFFERED);
            NewUpdate otherScheme = new NewUpdate(guid, "firmware", "7", VersionScheme.NUMBER, Map.of(), Map.of());
            assertThat(catchThrowableOfType(PublishRefused.class, () -> store.updates().publish(otherScheme, file,
                    3_000)).reason()).isEqualTo(PublishRefused.Reason.OTHER_VERSION_SCHEME);

            long beforeWithdraw = store.products().standings().get(guid).catalogVersion();
            assertThat(store.updates().withdraw(published.id(), 4_000)).isTrue();
            assertThat(store.updates().withdraw(UUID.randomUUID().toString(), 4_000)).isFalse();
            assertThat(store.updates().offeredBy(guid)).isEmpty();
            assertThat(store.updates().find(published.id()).orElseThrow().withdrawnAt()).isEqualTo(4_000L);
            assertThat(store.products().standings().get(guid).catalogVersion()).isGreaterThan(beforeWithdraw);
            assertThat(store.updates().publish(otherScheme, file, 5_000).scheme()).isEqualTo(VersionScheme.NUMBER);

            UpdateKey key = UpdateKey.of(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic());
            store.updates().requireSignatures(guid, List.of(key), 6_000);
            assertThat(store.updates().requiredSigningKeys(guid)).containsExactly(key);
            NewUpdate unsigned = new NewUpdate(guid, "firmware", "8", VersionScheme.NUMBER, Map.of(), Map.of());
            assertThat(catchThrowableOfType(PublishRefused.class, () -> store.updates().publish(unsigned, file, 7_000))
                    .reason()).isEqualTo(PublishRefused.Reason.UNSIGNED);
            assertThat(store.updates().list(name)).hasSize(2);
            store.updates().requireSignatures(guid, List.of(), 8_000);
            assertThat(store.updates().publish(unsigned, file, 9_000).version()).isEqualTo("8");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void reports_areKeptAsSent_pagedNewestFirst_andCountedPerDeviceAndPhase(Engine engine) {
        try (Stores store = open(engine)) {
            String updateId = unique("update");
            String a = unique("device-a");
            String b = unique("device-b");
            store.reports().save("p", a, 1_000, "q=1", "{\"n\":1}", List.of(new StatusReport(updateId, "download",
                    "failed"))).join();
            store.reports().save("p", a, 2_000, null, "{\"n\":2}", List.of(new StatusReport(updateId, "download",
                    "success"), new StatusReport(updateId, "installation", "success"))).join();
            store.reports().save("p", b, 3_000, null, "{\"n\":3}", List.of(new StatusReport(updateId, "download",
                    "success"))).join();
            store.reports().save("p", a, 4_000, null, "{\"n\":4}", List.of()).join();

            List<StoredReport> first = store.reports().list(a, null, 2);
            assertThat(first).extracting(StoredReport::body).containsExactly("{\"n\":4}", "{\"n\":2}");
            List<StoredReport> rest = store.reports().list(a, first.get(1), 2);
            assertThat(rest).extracting(StoredReport::body, StoredReport::query).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("{\"n\":1}", "q=1"));
            assertThat(store.reports().list(b, null, 10)).extracting(StoredReport::receivedAt).containsExactly(3_000L);

            Map<String, Map<String, Long>> counts = store.reports().updateStatusCounts(updateId);
            assertThat(counts.get("download")).containsExactlyInAnyOrderEntriesOf(Map.of("success", 2L));
            assertThat(counts.get("install")).containsExactlyInAnyOrderEntriesOf(Map.of("success", 1L));
            assertThat(store.reports().updateStatusCounts(unique("none"))).isEmpty();
        }
    }
}
