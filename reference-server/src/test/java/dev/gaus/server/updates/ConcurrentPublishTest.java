package dev.gaus.server.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.VersionScheme;
import dev.gaus.server.internal.store.GausStore;
import dev.gaus.server.internal.store.PublishRefused;
import dev.gaus.server.internal.store.StoreRecords.NewUpdate;
import dev.gaus.server.internal.store.StoreRecords.UpdateInfo;
import dev.gaus.server.testing.Cli;
import dev.gaus.server.testing.Cli.Run;
import dev.gaus.server.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two publishers at once, each with its own store and writer as every {@code update publish}
 * opens them (two admin CLIs on one SQLite file, or on machines sharing one PostgreSQL): of two
 * updates the store must not offer together, exactly one is published and the other refused,
 * whichever commits first, and nothing of the refused one is stored.
 */
class ConcurrentPublishTest {
    /** Races per test: one of them is enough for two unguarded publishers to both pass. */
    private static final int ROUNDS = 20;

    @RegisterExtension
    static final PostgresServer postgres = new PostgresServer();

    @TempDir
    Path dir;

    enum Engine { SQLITE, POSTGRESQL }

    /** What one publisher got: its update, or the store's refusal. */
    private record Outcome(UpdateInfo published, PublishRefused refused) {
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void sameVersionAtOnce_isOfferedOnce_andTheOtherPublisherIsToldWhichUpdateHasIt(Engine engine) throws Exception {
        try (GausStore first = open(engine); GausStore second = open(engine)) {
            String product = "same-version-" + engine;
            String productGuid = createProduct(first, product);
            for (int round = 0; round < ROUNDS; round++) {
                String type = "fw" + round;
                // The same filters, given in another order.
                List<Outcome> outcomes = race(
                        first, new NewUpdate(productGuid, type, "1.0.0", VersionScheme.SEMVER,
                                filters("site", "a", "hw", "2"), Map.of()),
                        second, new NewUpdate(productGuid, type, "1.0.0", VersionScheme.SEMVER,
                                filters("hw", "2", "site", "a"), Map.of()));

                Outcome winner = onlyPublished(outcomes);
                PublishRefused refusal = onlyRefused(outcomes);
                assertThat(refusal.reason()).isEqualTo(PublishRefused.Reason.ALREADY_OFFERED);
                assertThat(refusal.offered().updateId()).isEqualTo(winner.published().id());
                assertThat(storedOfType(second, product, type)).extracting(UpdateInfo::id)
                        .containsExactly(winner.published().id());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void twoVersionSchemesAtOnce_theTypeKeepsOne_andTheOtherPublisherIsRefused(Engine engine) throws Exception {
        try (GausStore first = open(engine); GausStore second = open(engine)) {
            String product = "two-schemes-" + engine;
            String productGuid = createProduct(first, product);
            for (int round = 0; round < ROUNDS; round++) {
                String type = "app" + round;
                List<Outcome> outcomes = race(
                        first, new NewUpdate(productGuid, type, "1.0.0", VersionScheme.SEMVER, Map.of(), Map.of()),
                        second, new NewUpdate(productGuid, type, "2", VersionScheme.NUMBER, Map.of(), Map.of()));

                Outcome winner = onlyPublished(outcomes);
                PublishRefused refusal = onlyRefused(outcomes);
                assertThat(refusal.reason()).isEqualTo(PublishRefused.Reason.OTHER_VERSION_SCHEME);
                assertThat(refusal.offered().updateId()).isEqualTo(winner.published().id());
                assertThat(refusal.offered().scheme()).isEqualTo(winner.published().scheme());
                assertThat(storedOfType(second, product, type)).extracting(UpdateInfo::id)
                        .containsExactly(winner.published().id());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void twoVersionsOfOneTypeAtOnce_areBothOffered(Engine engine) throws Exception {
        try (GausStore first = open(engine); GausStore second = open(engine)) {
            String product = "two-versions-" + engine;
            String productGuid = createProduct(first, product);
            for (int round = 0; round < ROUNDS; round++) {
                String type = "os" + round;
                List<Outcome> outcomes = race(
                        first, new NewUpdate(productGuid, type, "1.0.0", VersionScheme.SEMVER, Map.of(), Map.of()),
                        second, new NewUpdate(productGuid, type, "1.0.1", VersionScheme.SEMVER, Map.of(), Map.of()));

                assertThat(outcomes).extracting(Outcome::refused).containsOnlyNulls();
                assertThat(storedOfType(second, product, type)).extracting(UpdateInfo::version)
                        .containsExactlyInAnyOrder("1.0.0", "1.0.1");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void twoClisAtOnce_oneSucceeds_theOtherFailsWithOneLineAndExitCode1(Engine engine) throws Exception {
        String product = "two-clis-" + engine;
        try (GausStore store = open(engine)) {
            createProduct(store, product);
        }
        Path file = Files.writeString(dir.resolve("cli.bin"), "firmware");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                String[] args = {"update", "publish", "--product", product, "--type", "cli" + round,
                        "--version", "1.0.0", "--file", file.toString(), engine == Engine.SQLITE ? "--data-dir" : "--db",
                        engine == Engine.SQLITE ? dir.toString() : postgres.jdbcUrl()};
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Run>> runs = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    runs.add(pool.submit(() -> {
                        together.await(30, TimeUnit.SECONDS);
                        return Cli.run(args);
                    }));
                }
                List<Run> done = new ArrayList<>();
                for (Future<Run> run : runs) {
                    done.add(run.get(60, TimeUnit.SECONDS));
                }

                assertThat(done).extracting(Run::code).containsExactlyInAnyOrder(0, 1);
                Run refused = done.stream().filter(r -> r.code() == 1).findFirst().orElseThrow();
                String published = done.stream().filter(r -> r.code() == 0).findFirst().orElseThrow().out().strip();
                assertThat(refused.err()).isEqualTo("error: version 1.0.0 of type 'cli" + round
                        + "' with these --where filters is offered already (update " + published + ")"
                        + System.lineSeparator());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, String> filters(String key1, String value1, String key2, String value2) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put(key1, value1);
        filters.put(key2, value2);
        return filters;
    }

    private GausStore open(Engine engine) {
        return engine == Engine.SQLITE ? GausStore.open(dir, null) : GausStore.open(dir, postgres.jdbcUrl());
    }

    private static String createProduct(GausStore store, String name) {
        store.products().create(name, 60, 1_000).orElseThrow();
        return store.products().findByName(name).orElseThrow().guid();
    }

    /** Both publish at the same moment, each through its own store, each with a file of its own. */
    private List<Outcome> race(GausStore a, NewUpdate forA, GausStore b, NewUpdate forB) throws Exception {
        Path fileA = Files.writeString(dir.resolve("a.bin"), "published by a: " + forA);
        Path fileB = Files.writeString(dir.resolve("b.bin"), "published by b: " + forB);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            futures.add(pool.submit(publisher(a, forA, fileA, together)));
            futures.add(pool.submit(publisher(b, forB, fileB, together)));
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                // Anything but a publication or a refusal (a StoreException, say) fails the test here.
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Callable<Outcome> publisher(GausStore store, NewUpdate update, Path file, CyclicBarrier together) {
        return () -> {
            together.await(30, TimeUnit.SECONDS);
            try {
                return new Outcome(store.updates().publish(update, file, System.currentTimeMillis()), null);
            } catch (PublishRefused e) {
                return new Outcome(null, e);
            }
        };
    }

    private static Outcome onlyPublished(List<Outcome> outcomes) {
        assertThat(outcomes).as("publications").filteredOn(o -> o.published() != null).hasSize(1);
        return outcomes.stream().filter(o -> o.published() != null).findFirst().orElseThrow();
    }

    private static PublishRefused onlyRefused(List<Outcome> outcomes) {
        assertThat(outcomes).as("refusals").filteredOn(o -> o.refused() != null).hasSize(1);
        return outcomes.stream().filter(o -> o.refused() != null).findFirst().orElseThrow().refused();
    }

    /** Every update of the type the store holds, offered or not: a refused publish leaves none behind. */
    private static List<UpdateInfo> storedOfType(GausStore store, String product, String type) {
        return store.updates().list(product).stream().filter(u -> u.updateType().equals(type)).toList();
    }
}
