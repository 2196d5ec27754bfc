package dev.gaus.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.conformance.cli.Main;
import dev.gaus.conformance.fake.Defect;
import dev.gaus.conformance.fake.FakeGausServer;
import dev.gaus.conformance.internal.ScenarioCatalog;
import dev.gaus.core.KeyValueFile;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: options, exit codes, the final table and the reports. */
class MainTest {
    @TempDir
    Path dir;

    private final KitCommandLine kit = new KitCommandLine();

    private int run(String... args) {
        return kit.run(args);
    }

    private String out() {
        return kit.out();
    }

    private String err() {
        return kit.err();
    }

    @Test
    void main_withTheBootstrapOfAConformingServer_exits0AndWritesTheReports() throws IOException {
        try (FakeGausServer server = FakeGausServer.start(Set.of())) {
            Path bootstrap = bootstrapOf(server);
            Path reports = dir.resolve("reports");

            int code = run("--bootstrap", bootstrap.toString(), "--tags", "@strict and not @rate-limit",
                    "--report-dir", reports.toString());

            assertThat(code).as(out() + err()).isZero();
            assertThat(out()).contains("Running ", " scenarios: ", " 0 failed");
            assertThat(Files.readString(reports.resolve("cucumber-junit.xml"))).contains("<testcase");
            assertThat(Files.readString(reports.resolve("cucumber.json"))).contains("\"status\"");
            assertThat(Files.size(reports.resolve("cucumber.html"))).isPositive();
            assertThat(out()).doesNotContain(server.productKeys().secretKey());
        }
    }

    @Test
    void main_withExpectUpdate_runsTheNeedsUpdateScenariosAndTellsAWrongMd5() {
        try (FakeGausServer server = FakeGausServer.start(Set.of(Defect.WRONG_MD5))) {
            int code = run("--server", server.url().toString(),
                    "--product-access-key", server.productKeys().accessKey(),
                    "--product-secret-key", server.productKeys().secretKey(),
                    "--tags", "@needs-update", "--expect-update", "firmware",
                    "--update-param", "firmware-version=0.0.1", "--report-dir", dir.toString());

            assertThat(code).as(out() + err()).isEqualTo(Main.SCENARIO_FAILED);
            assertThat(out()).contains("Running 10 scenarios", "FAIL update-download: §3 Each offered file downloads with the announced",
                    "announced md5 9e107d9d372bb6826bd81d3542a419d6 but its download has md5");
        }
    }

    @Test
    void main_withoutExpectUpdate_leavesTheNeedsUpdateScenariosOutAndSaysHowToRunThem() {
        try (FakeGausServer server = FakeGausServer.start(Set.of())) {
            int code = run("--server", server.url().toString(),
                    "--product-access-key", server.productKeys().accessKey(),
                    "--product-secret-key", server.productKeys().secretKey(),
                    "--tags", "@needs-update", "--report-dir", dir.toString());

            assertThat(code).isEqualTo(Main.CANNOT_RUN);
            assertThat(err()).contains("no scenario matches");
        }
    }

    @Test
    void main_withUpdateParamButNoExpectUpdate_exits2() {
        assertThat(run("--server", "http://127.0.0.1:9", "--product-access-key", "a", "--product-secret-key", "s",
                "--update-param", "firmware-version=1")).isEqualTo(Main.CANNOT_RUN);
        assertThat(err()).contains("--update-param needs --expect-update");
    }

    @Test
    void main_whenAScenarioFails_exits1AndPrintsTheExchangeThatBrokeItWithSecretsMasked() {
        try (FakeGausServer server = FakeGausServer.start(Set.of(Defect.UNCHECKED_SECRET))) {
            int code = run("--server", server.url().toString(),
                    "--product-access-key", server.productKeys().accessKey(),
                    "--product-secret-key", server.productKeys().secretKey(),
                    "--tags", "not @strict", "--report-dir", dir.toString());

            assertThat(code).isEqualTo(Main.SCENARIO_FAILED);
            assertThat(out()).contains("FAIL register-wrong-product-secret: §1 A wrong product secret key is refused (03-wrong-keys.feature:6)",
                    "expected a client error (4xx) but the server answered 200",
                    "> POST " + server.url() + "/register", "< HTTP 200", "\"secretKey\":\"***\"");
            assertThat(out()).doesNotContain(server.productKeys().secretKey());
            assertThat(out()).doesNotContainPattern("\"secretKey\":\"[0-9a-f]{64}\"");
        }
    }

    @Test
    void main_whenTheServerIsUnreachable_exits2WithOneLine() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        int code = run("--server", "http://127.0.0.1:" + port, "--product-access-key", "a",
                "--product-secret-key", "s", "--report-dir", dir.toString());

        assertThat(code).isEqualTo(Main.CANNOT_RUN);
        assertThat(err()).startsWith("gaus-conformance: cannot reach the server at http://127.0.0.1:" + port);
        assertThat(err().strip().lines()).hasSize(1);
    }

    @Test
    void main_whenNoScenarioMatchesTheTags_exits2() {
        try (FakeGausServer server = FakeGausServer.start(Set.of())) {
            int code = run("--server", server.url().toString(),
                    "--product-access-key", server.productKeys().accessKey(),
                    "--product-secret-key", server.productKeys().secretKey(),
                    "--tags", "@no-such-tag", "--report-dir", dir.toString());

            assertThat(code).isEqualTo(Main.CANNOT_RUN);
            assertThat(err()).contains("no scenario matches the tag expression (@no-such-tag)");
        }
    }

    @Test
    void main_withABrokenTagExpression_exits2() {
        assertThat(run("--server", "http://127.0.0.1:9", "--product-access-key", "a", "--product-secret-key", "s",
                "--tags", "@strict and")).isEqualTo(Main.CANNOT_RUN);
        assertThat(err()).contains("not a tag expression");
    }

    @Test
    void main_whenTheServerRefusesTheProductKeys_exits2() {
        try (FakeGausServer server = FakeGausServer.start(Set.of())) {
            int code = run("--server", server.url().toString(),
                    "--product-access-key", server.productKeys().accessKey(),
                    "--product-secret-key", "not-the-secret", "--report-dir", dir.toString());

            assertThat(code).isEqualTo(Main.CANNOT_RUN);
            assertThat(err()).contains("the server refuses the product keys");
        }
    }

    @Test
    void main_withoutProductKeys_exits2() {
        assertThat(run("--server", "http://127.0.0.1:9")).isEqualTo(Main.CANNOT_RUN);
        assertThat(err()).contains("no product keys given");
    }

    @Test
    void main_withAnUnknownOption_exits2() {
        assertThat(run("--no-such-option")).isEqualTo(Main.CANNOT_RUN);
        assertThat(err()).contains("Unknown option");
    }

    @Test
    void main_withANonHttpServerUrl_exits2() {
        assertThat(run("--server", "ftp://example.org", "--product-access-key", "a", "--product-secret-key", "s"))
                .isEqualTo(Main.CANNOT_RUN);
        assertThat(err()).contains("--server must be an http or https URL");
    }

    @Test
    void main_list_printsEveryScenarioAndExits0_withoutAServer() {
        assertThat(run("--list")).as(err()).isZero();
        assertThat(out()).contains("register-answer", "register-malformed-not-json", "@strict @rate-limit",
                ScenarioCatalog.ofKit().entries().size() + " scenarios");
        assertThat(err()).isEmpty();
    }

    @Test
    void main_withAnExpectedFailuresFileThatIsMissingOrMalformed_exits2() throws IOException {
        String[] server = {"--server", "http://127.0.0.1:9", "--product-access-key", "a", "--product-secret-key", "s"};
        assertThat(run(concat(server, "--expected-failures", dir.resolve("missing.txt").toString())))
                .isEqualTo(Main.CANNOT_RUN);
        assertThat(err()).contains("cannot read the expected failures");

        Path file = Files.writeString(dir.resolve("xfail.txt"), "# ok\nregister-answer etag-weak\n");
        assertThat(run(concat(server, "--expected-failures", file.toString()))).isEqualTo(Main.CANNOT_RUN);
        assertThat(err()).contains("xfail.txt line 2: one scenario ID per line");
    }

    @Test
    void main_whenAScenarioListedAsExpectedToFailFails_exits0_andCountsIt() throws IOException {
        Path file = Files.writeString(dir.resolve("xfail.txt"), "register-wrong-product-secret # secrets unchecked\n");
        try (FakeGausServer server = FakeGausServer.start(Set.of(Defect.UNCHECKED_SECRET))) {
            int code = run("--server", server.url().toString(),
                    "--product-access-key", server.productKeys().accessKey(),
                    "--product-secret-key", server.productKeys().secretKey(),
                    "--tags", "@id:register-wrong-product-secret or @id:register-answer",
                    "--expected-failures", file.toString(), "--report-dir", dir.toString());

            assertThat(code).as(out() + err()).isZero();
            assertThat(out()).contains("FAIL (expected) register-wrong-product-secret",
                    "register-wrong-product-secret (secrets unchecked): expected a client error",
                    "2 scenarios: 1 passed, 0 failed, 1 expected to fail, " + (ScenarioCatalog.ofKit().entries().size() - 2)
                            + " not run");
            assertThat(out()).doesNotContain("Failures:");
        }
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    @Test
    void main_help_exits0() {
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("--product-access-key", "--token-ttl-seconds", "--expected-failures", "--list",
                "Exit codes");
    }

    private Path bootstrapOf(FakeGausServer server) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(KeyValueFile.GAUS_URL, server.url().toString());
        values.put(KeyValueFile.PRODUCT_ACCESS_KEY, server.productKeys().accessKey());
        values.put(KeyValueFile.PRODUCT_SECRET_KEY, server.productKeys().secretKey());
        Path file = dir.resolve("bootstrap.conf");
        KeyValueFile.writeAtomically(file, values);
        return file;
    }
}
