package dev.gaus.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gaus.conformance.cli.Main;
import dev.gaus.conformance.fake.FakeGausServer;
import dev.gaus.conformance.internal.SummaryTable;
import dev.gaus.core.UpdateKey;
import dev.gaus.core.internal.BootstrapFile;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.server.GausServer;
import dev.gaus.server.testing.Cli;
import dev.gaus.server.testing.SigningKeys;
import dev.gaus.server.testing.SigningKeys.Key;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code @signed} scenarios: they pass against the reference server offering an update
 * signed (offline, with its admin command line) by the key the kit is given, fail against a
 * server offering an unsigned one or one signed by another key, and are left out, saying how to
 * run them, without {@code --update-key}.
 */
class SignedUpdatesKitTest {
    static final int SIGNED_SCENARIOS = 2;

    @TempDir
    Path dir;

    private String publishSigned(Path dataDir, Key key) throws Exception {
        byte[] firmware = new byte[60_000];
        new Random(10).nextBytes(firmware);
        Path file = Files.write(dir.resolve("fw.bin"), firmware);
        Path signature = SigningKeys.sign(key, SigningKeys.productGuid(dataDir, "demo"), "firmware", "1.0.2", file,
                dir.resolve("fw.sig"));
        return Cli.run("update", "publish", "--product", "demo", "--type", "firmware", "--version", "1.0.2", "--file",
                file.toString(), "--signature", signature.toString(), "--data-dir", dataDir.toString()).ok().strip();
    }

    private static AuthParameters productKeys(GausServer server) {
        return BootstrapFile.read(server.bootstrapFile()).requireProductKeys();
    }

    private static KitReport run(KitOptions options, ByteArrayOutputStream output) {
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        KitReport report = ConformanceKit.run(options.withOut(out));
        SummaryTable.print(report, out);
        return report;
    }

    @Test
    void signedScenarios_passAgainstTheReferenceServerOfferingAnUpdateSignedByTheKey() throws Exception {
        Path dataDir = dir.resolve("server");
        try (GausServer server = GausServer.builder().host("127.0.0.1").port(0).dataDir(dataDir).start()) {
            Key key = SigningKeys.generate(dir.resolve("vendor.pem"));
            publishSigned(dataDir, key);
            ByteArrayOutputStream output = new ByteArrayOutputStream();

            KitReport report = run(new KitOptions(server.url(), productKeys(server)).withTags(ConformanceKit.SIGNED_TAG)
                    .withUpdateKey(UpdateKey.parse(key.entry())), output);

            assertThat(report.failed()).as(output.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(report.scenarios()).hasSize(SIGNED_SCENARIOS);
        }
    }

    @Test
    void signedScenarios_failAgainstTheReferenceServerWhenTheUpdateIsSignedByAnotherKey() throws Exception {
        Path dataDir = dir.resolve("server");
        try (GausServer server = GausServer.builder().host("127.0.0.1").port(0).dataDir(dataDir).start()) {
            Key signer = SigningKeys.generate(dir.resolve("signer.pem"));
            Key trusted = SigningKeys.generate(dir.resolve("trusted.pem"));
            publishSigned(dataDir, signer);
            ByteArrayOutputStream output = new ByteArrayOutputStream();

            KitReport report = run(new KitOptions(server.url(), productKeys(server)).withTags(ConformanceKit.SIGNED_TAG)
                    .withUpdateKey(UpdateKey.parse(trusted.entry())), output);

            assertThat(report.failed()).hasSize(SIGNED_SCENARIOS);
            assertThat(output.toString(StandardCharsets.UTF_8)).contains("is signed by key " + signer.id()
                    + " (metadata.gausSignatureKeyId), not by the trusted key " + trusted.id());
        }
    }

    @Test
    void signedScenarios_failAgainstAServerOfferingAnUnsignedUpdate() throws Exception {
        Key key = SigningKeys.generate(dir.resolve("vendor.pem"));
        try (FakeGausServer server = FakeGausServer.start(Set.of())) {
            ByteArrayOutputStream output = new ByteArrayOutputStream();

            KitReport report = run(new KitOptions(server.url(), server.productKeys()).withTags(ConformanceKit.SIGNED_TAG)
                    .withExpectedUpdates(FakeGausServer.OFFERED_TYPES, FakeGausServer.OFFERED_TO)
                    .withUpdateKey(UpdateKey.parse(key.entry())), output);

            assertThat(report.scenarios()).hasSize(SIGNED_SCENARIOS);
            assertThat(report.failed()).hasSize(SIGNED_SCENARIOS);
            assertThat(output.toString(StandardCharsets.UTF_8)).contains("carries no metadata.gausSignature: it is not"
                    + " signed, and a device trusting key " + key.id() + " refuses it");
        }
    }

    @Test
    void withoutAnUpdateKey_theSignedScenariosAreLeftOut_andTheKitSaysHowToRunThem() {
        try (FakeGausServer server = FakeGausServer.start(Set.of())) {
            KitOptions options = new KitOptions(server.url(), server.productKeys());
            assertThat(ConformanceKit.tagExpression(options)).contains("not @signed");
            assertThatThrownBy(() -> ConformanceKit.run(options.withTags(ConformanceKit.SIGNED_TAG)
                    .withOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))))
                    .isInstanceOf(KitException.class).hasMessageContaining("no scenario matches");

            KitCommandLine kit = new KitCommandLine();
            int code = kit.run("--server", server.url().toString(), "--product-access-key",
                    server.productKeys().accessKey(), "--product-secret-key", server.productKeys().secretKey(),
                    "--tags", "@strict and not @rate-limit", "--report-dir", dir.resolve("r").toString());
            assertThat(code).as(kit.out() + kit.err()).isZero();
            assertThat(kit.out()).contains("The @signed scenarios run only when the kit is told the key the server's"
                    + " updates are signed by (--update-key \"<key id>:<public key>\").");
        }
    }

    @Test
    void aWrongUpdateKey_stopsTheKitWithOneLine() {
        KitCommandLine kit = new KitCommandLine();
        int code = kit.run("--server", "http://127.0.0.1:9", "--product-access-key", "a", "--product-secret-key", "s",
                "--update-key", "0000000000000000:11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");

        assertThat(code).isEqualTo(Main.CANNOT_RUN);
        assertThat(kit.err()).isEqualTo("gaus-conformance: --update-key: update key '0000000000000000' is not the id"
                + " of its public key, which is 21fe31dfa154a261\n");
    }
}
