package dev.gaus.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.conformance.internal.SummaryTable;
import dev.gaus.core.internal.BootstrapFile;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.server.GausServer;
import dev.gaus.server.testing.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit's verdict on the reference server: every scenario passes, and all of them ran. */
class ReferenceServerConformanceTest {
    /**
     * Scenarios selected with neither a token lifetime, an update publisher nor an update key
     * (all but @token-expiry, @needs-update and @signed).
     */
    static final int PLAIN_RUN_SCENARIOS = 123;
    static final int TOKEN_EXPIRY_SCENARIOS = 2;

    @TempDir
    Path dataDir;

    @Test
    void kit_againstTheReferenceServer_passesEveryScenario() {
        try (GausServer server = GausServer.builder().host("127.0.0.1").port(0).dataDir(dataDir).start()) {
            KitReport report = runKit(new KitOptions(server.url(), productKeys(server)));
            assertThat(report.scenarios()).hasSize(PLAIN_RUN_SCENARIOS);
            assertThat(report.scenarios().get(report.scenarios().size() - 1).tags())
                    .as("the rate-limit scenario runs last").contains("@rate-limit");
        }
    }

    /** Its throttling scenarios guess at keys of their own, so nothing of one run throttles the next. */
    @Test
    void kit_twiceInARowAgainstOneReferenceServer_passesBothTimes() {
        try (GausServer server = GausServer.builder().host("127.0.0.1").port(0).dataDir(dataDir).start()) {
            for (int run = 1; run <= 2; run++) {
                KitReport report = runKit(new KitOptions(server.url(), productKeys(server)));
                assertThat(report.scenarios()).as("run %d", run).hasSize(PLAIN_RUN_SCENARIOS);
            }
        }
    }

    @Test
    void kit_againstTheReferenceServerOverHttps_passesEveryScenarioUnchanged() {
        try (GausServer server = GausServer.builder().host("127.0.0.1").port(0).dataDir(dataDir).tlsSelfSigned()
                .start()) {
            assertThat(server.url().getScheme()).isEqualTo("https");
            KitReport report = runKit(new KitOptions(server.url(), productKeys(server))
                    .withCaCertificate(server.caCertificate().orElseThrow()));
            assertThat(report.scenarios()).hasSize(PLAIN_RUN_SCENARIOS);
        }
    }

    @Test
    void kit_againstTheReferenceServerWithAShortTokenLifetime_passesTheTokenExpiryScenarios() {
        Duration ttl = Duration.ofSeconds(2);
        try (GausServer server = GausServer.builder().host("127.0.0.1").port(0).dataDir(dataDir).tokenTtl(ttl).start()) {
            KitReport report = runKit(new KitOptions(server.url(), productKeys(server))
                    .withTags(ConformanceKit.TOKEN_EXPIRY_TAG).withTokenTtl(ttl));
            assertThat(report.scenarios()).hasSize(TOKEN_EXPIRY_SCENARIOS);
        }
    }

    /** Scenarios selected by @needs-update. */
    static final int NEEDS_UPDATE_SCENARIOS = 10;

    @Test
    void kit_againstTheReferenceServerWithPublishedUpdates_passesTheNeedsUpdateScenarios() throws Exception {
        try (GausServer server = GausServer.builder().host("127.0.0.1").port(0).dataDir(dataDir).start()) {
            byte[] firmware = new byte[70_000];
            new Random(9).nextBytes(firmware);
            publish("firmware", "1.0.2", "semver", Files.write(dataDir.resolve("fw.bin"), firmware));
            publish("app", "12", "number", Files.writeString(dataDir.resolve("app.bin"), "app 12"));
            KitReport report = runKit(new KitOptions(server.url(), productKeys(server))
                    .withTags(ConformanceKit.NEEDS_UPDATE_TAG)
                    .withExpectedUpdates(List.of("firmware", "app"),
                            Map.of("firmware-version", "0.0.1", "app-version", "3")));
            assertThat(report.scenarios()).hasSize(NEEDS_UPDATE_SCENARIOS);
        }
    }

    private void publish(String type, String version, String scheme, Path file) {
        Cli.run("update", "publish", "--product", "demo", "--type", type, "--version", version,
                "--version-type", scheme, "--file", file.toString(), "--data-dir", dataDir.toString()).ok();
    }

    @Test
    void kit_expectingAnUpdateTheReferenceServerDoesNotOffer_failsTheNeedsUpdateScenarios() {
        try (GausServer server = GausServer.builder().host("127.0.0.1").port(0).dataDir(dataDir).start()) {
            KitReport report = ConformanceKit.run(new KitOptions(server.url(), productKeys(server))
                    .withTags(ConformanceKit.NEEDS_UPDATE_TAG)
                    .withExpectedUpdates(List.of("firmware"), Map.of("firmware-version", "0.0.1"))
                    .withOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
            assertThat(report.scenarios()).hasSize(NEEDS_UPDATE_SCENARIOS);
            assertThat(report.failed()).hasSize(NEEDS_UPDATE_SCENARIOS);
        }
    }

    private static AuthParameters productKeys(GausServer server) {
        return BootstrapFile.read(server.bootstrapFile()).requireProductKeys();
    }

    private static KitReport runKit(KitOptions options) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        KitReport report = ConformanceKit.run(options.withOut(out));
        SummaryTable.print(report, out);
        assertThat(report.failed()).as(output.toString(StandardCharsets.UTF_8)).isEmpty();
        return report;
    }
}
