package dev.gaus.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.conformance.fake.Defect;
import dev.gaus.conformance.fake.FakeGausServer;
import dev.gaus.conformance.internal.ScenarioCatalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The kit must be able to fail: against a server that breaks one rule, exactly the scenarios that
 * {@code broken-servers.tsv} names fail and every other scenario passes.
 */
class BrokenServersTest {
    private static final String MANIFEST = "/broken-servers.tsv";
    private static final Duration SHORT_TTL = Duration.ofSeconds(2);
    static final String ONLY = "gaus.broken.defects";
    /** The defects about token lifetimes: only their runs wait for tokens to expire (the other runs stay fast). */
    private static final Set<Defect> TOKEN_LIFETIME = EnumSet.of(Defect.EXPIRED_TOKEN_ACCEPTED,
            Defect.TOKEN_TTL_IGNORED);

    static Map<Defect, Set<String>> manifest() {
        Map<Defect, Set<String>> manifest = new TreeMap<>();
        try (InputStream in = BrokenServersTest.class.getResourceAsStream(MANIFEST)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                assertThat(columns).as("manifest line: " + line).hasSize(2);
                manifest.computeIfAbsent(Defect.valueOf(columns[0].strip()), d -> new TreeSet<>())
                        .add(columns[1].strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return manifest;
    }

    /** Every defect, or those named in the system property {@value #ONLY} (comma-separated) to re-run a few. */
    static Stream<Defect> defects() {
        String only = System.getProperty(ONLY, "").strip();
        if (only.isEmpty()) {
            return Arrays.stream(Defect.values());
        }
        return Arrays.stream(only.split(",")).map(String::strip).map(Defect::valueOf);
    }

    @Test
    void manifest_namesEveryDefect_andOnlyScenariosOfTheKit() {
        assertThat(manifest().keySet()).containsExactlyInAnyOrder(Defect.values());
        Set<String> ids = ScenarioCatalog.ofKit().entries().stream().map(e -> e.id()).collect(Collectors.toSet());
        assertThat(manifest().values().stream().flatMap(Set::stream)).allMatch(ids::contains, "a scenario ID of the kit");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defects")
    void kit_againstAServerWithOneDefect_failsExactlyTheScenariosOfTheManifest(Defect defect) {
        Set<String> expected = manifest().getOrDefault(defect, Set.of());
        // The token-expiry scenarios wait for a token to expire: run them only where they matter.
        boolean expiry = TOKEN_LIFETIME.contains(defect);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (FakeGausServer server = FakeGausServer.start(EnumSet.of(defect), expiry ? SHORT_TTL : Duration.ofHours(1))) {
            KitOptions options = new KitOptions(server.url(), server.productKeys())
                    .withExpectedUpdates(FakeGausServer.OFFERED_TYPES, FakeGausServer.OFFERED_TO)
                    .withOut(new PrintStream(output, true, StandardCharsets.UTF_8));
            KitReport report = ConformanceKit.run(expiry ? options.withTokenTtl(SHORT_TTL) : options);
            Set<String> failed = report.failed().stream().map(ScenarioResult::id)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(report.scenarios()).hasSizeGreaterThanOrEqualTo(30);
            assertThat(failed).as("scenarios failed against a server with " + defect + ":\n"
                    + String.join("\n", failed.stream().map(id -> defect + "\t" + id).toList()))
                    .isEqualTo(expected);
        }
    }
}
