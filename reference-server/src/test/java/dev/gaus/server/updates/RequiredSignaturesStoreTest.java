package dev.gaus.server.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gaus.core.UpdateKey;
import dev.gaus.core.UpdateSignature;
import dev.gaus.core.VersionScheme;
import dev.gaus.server.internal.store.GausStore;
import dev.gaus.server.internal.store.PublishRefused;
import dev.gaus.server.internal.store.StoreRecords.FileDigest;
import dev.gaus.server.internal.store.StoreRecords.NewUpdate;
import dev.gaus.server.internal.store.StoreRecords.SignedBy;
import dev.gaus.server.internal.store.StoreRecords.UpdateInfo;
import dev.gaus.server.internal.store.UpdateStore;
import dev.gaus.server.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The store's own check of a publish against the keys its product requires, on both engines: the
 * admin CLI is one writer among others, so the store refuses what those keys do not vouch for,
 * and stores nothing of it.
 */
class RequiredSignaturesStoreTest {
    @RegisterExtension
    static final PostgresServer postgres = new PostgresServer();

    @TempDir
    Path dir;

    enum Engine { SQLITE, POSTGRESQL }

    private GausStore open(Engine engine) {
        return engine == Engine.SQLITE ? GausStore.open(dir, null) : GausStore.open(dir, postgres.jdbcUrl());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void publish_refusesUnsignedUntrustedAndWrongSignatures_andStoresNothingOfThem(Engine engine) throws Exception {
        KeyPair a = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        UpdateKey keyA = UpdateKey.of(a.getPublic());
        Path file = Files.writeString(dir.resolve("fw.bin"), "bytes the devices install");
        FileDigest digest = UpdateStore.digest(file);
        try (GausStore store = open(engine)) {
            String name = "required-" + engine;
            store.products().create(name, 60, 1_000).orElseThrow();
            String guid = store.products().findByName(name).orElseThrow().guid();
            store.updates().requireSignatures(guid, List.of(keyA), 2_000);
            assertThat(store.updates().requiredSigningKeys(guid)).containsExactly(keyA);

            NewUpdate unsigned = update(guid, "1.0.0", null);
            UpdateSignature.Fields otherVersion = update(guid, "0.9.0", null).signedFields(digest);
            NewUpdate overOtherVersion = update(guid, "1.0.0",
                    new SignedBy(keyA.id(), UpdateSignature.sign(otherVersion, a.getPrivate())));
            NewUpdate notBase64 = update(guid, "1.0.0", new SignedBy(keyA.id(), "***"));
            NewUpdate byAnother = update(guid, "1.0.0", new SignedBy(UpdateKey.of(other.getPublic()).id(),
                    UpdateSignature.sign(unsigned.signedFields(digest), other.getPrivate())));
            Map<NewUpdate, PublishRefused.Reason> refused = Map.of(unsigned, PublishRefused.Reason.UNSIGNED,
                    overOtherVersion, PublishRefused.Reason.BAD_SIGNATURE, notBase64, PublishRefused.Reason.BAD_SIGNATURE,
                    byAnother, PublishRefused.Reason.UNTRUSTED_KEY);
            refused.forEach((u, reason) -> {
                PublishRefused e = catchThrowableOfType(PublishRefused.class, () -> store.updates().publish(u, file, 3_000));
                assertThat(e.reason()).isEqualTo(reason);
                assertThat(e.requiredKeyIds()).containsExactly(keyA.id());
            });
            assertThat(store.updates().list(name)).isEmpty();
            assertThat(dir.resolve("files")).satisfiesAnyOf(d -> assertThat(d).doesNotExist(), d -> assertThat(d).isEmptyDirectory());

            NewUpdate signed = update(guid, "1.0.0", new SignedBy(keyA.id(),
                    UpdateSignature.sign(unsigned.signedFields(digest), a.getPrivate())));
            UpdateInfo published = store.updates().publish(signed, file, 4_000);
            assertThat(published.metadata()).containsExactly(Map.entry("notes", "signed"),
                    Map.entry("toSha256", digest.sha256()), Map.entry("gausVersionScheme", "semver"),
                    Map.entry("gausSignatureKeyId", keyA.id()), Map.entry("gausSignature", signed.signedBy().signature()));

            store.updates().requireSignatures(guid, List.of(), 5_000);
            assertThat(store.updates().publish(update(guid, "1.0.1", null), file, 6_000).metadata())
                    .doesNotContainKey("gausSignature");
        }
    }

    private static NewUpdate update(String guid, String version, SignedBy signedBy) {
        return new NewUpdate(guid, "firmware", version, VersionScheme.SEMVER, Map.of(), Map.of("notes", "signed"), signedBy);
    }
}
