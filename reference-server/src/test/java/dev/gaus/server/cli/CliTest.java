package dev.gaus.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.KeyValueFile;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.server.internal.cli.ServerCli;
import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.Cli;
import dev.gaus.server.testing.Eventually;
import dev.gaus.server.testing.ServerFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin commands, run in-process against the store of a running server. */
class CliTest {
    private static ServerFixture fixture;
    private static Api api;

    @BeforeAll
    static void start() {
        fixture = ServerFixture.start();
        api = fixture.api();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = fixture.dataDir().toString();
        int code = ServerCli.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Run(code, out.toString(), err.toString());
    }

    private static AuthParameters keysOf(String bootstrapText) {
        Map<String, String> values = KeyValueFile.parse(bootstrapText, "output");
        return new AuthParameters(values.get("PRODUCT_ACCESS_KEY"), values.get("PRODUCT_SECRET_KEY"));
    }

    @Test
    void productCreate_whileServerRuns_printsABootstrapThatRegisters() {
        Run r = run("product", "create", "--name", "gateway", "--poll-interval-seconds", "600", "--url", "https://gaus.example");
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, String> values = KeyValueFile.parse(r.out(), "output");
        assertThat(values).containsOnlyKeys("GAUS_URL", "PRODUCT_ACCESS_KEY", "PRODUCT_SECRET_KEY");
        assertThat(values.get("GAUS_URL")).isEqualTo("https://gaus.example");
        AuthParameters product = keysOf(r.out());
        assertThat(api.register("gw-1", product).body()).contains("\"pollIntervalSeconds\":600");

        Run again = run("product", "create", "--name", "gateway");
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err().strip()).startsWith("error: ").contains("gateway").doesNotContain("\n");
    }

    @Test
    void productCreate_withoutUrl_writesTheUrlTheServerListensOn_orRefusesWhenNothingTellsIt() throws Exception {
        // The server listens on a free port, not 8080: the printed GAUS_URL must be where it is.
        Run r = run("product", "create", "--name", "listening");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(KeyValueFile.parse(r.out(), "output").get("GAUS_URL")).isEqualTo(fixture.server().url().toString());
        assertThat(api.register("listening-1", keysOf(r.out())).statusCode()).isEqualTo(200);

        Path empty = Files.createTempDirectory("gaus-no-server");
        try {
            Cli.Run refused = Cli.run("product", "create", "--name", "nowhere", "--data-dir", empty.toString());
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err().strip()).startsWith("error: give --url").doesNotContain("\n");
            // refused before the store was opened: nothing was created
            assertThat(empty).isEmptyDirectory();
            Cli.Run badUrl = Cli.run("product", "create", "--name", "nowhere", "--url", "localhost:8080",
                    "--data-dir", empty.toString());
            assertThat(badUrl.err().strip()).isEqualTo("error: --url must be an http:// or https:// URL with a host");
        } finally {
            ServerFixture.deleteRecursively(empty);
        }
    }

    @Test
    void productSet_pollInterval_isAnsweredToDevices_andBadValuesAreOneLine() {
        AuthParameters product = keysOf(run("product", "create", "--name", "polled", "--poll-interval", "600").out());
        AuthenticateResponse session = api.authenticateOk(api.registerOk("polled-1", product));
        assertThat(checkForUpdates(session)).contains("\"pollIntervalSeconds\":600");

        Run set = run("product", "set", "--product", "polled", "--poll-interval", "120");
        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.out().strip()).isEqualTo("product 'polled' now polls every 120 s");
        Eventually.until(Duration.ofSeconds(10), () -> checkForUpdates(session),
                body -> body.contains("\"pollIntervalSeconds\":120"));
        // a key no registration has used yet is read from the store: the new value at once
        AuthParameters rotated = keysOf(run("product", "rotate-keys", "--product", "polled").out());
        assertThat(api.register("polled-2", rotated).body()).contains("\"pollIntervalSeconds\":120");

        for (String bad : new String[] {"0", "-5", "2147483648"}) {
            Run refused = run("product", "set", "--product", "polled", "--poll-interval", bad);
            assertThat(refused.code()).as(bad).isEqualTo(1);
            assertThat(refused.err().strip())
                    .isEqualTo("error: --poll-interval must be 1 to 2147483647 seconds, not " + bad);
        }
        Run notANumber = run("product", "set", "--product", "polled", "--poll-interval", "often");
        assertThat(notANumber.code()).isEqualTo(2);
        assertThat(notANumber.err().strip()).startsWith("error: ").contains("often").doesNotContain("\n");
        assertThat(run("product", "set", "--product", "no-such-product", "--poll-interval", "60").err().strip())
                .isEqualTo("error: no product named 'no-such-product'");
        assertThat(checkForUpdates(session)).contains("\"pollIntervalSeconds\":120");
    }

    @Test
    void productOption_takesTheNameOrTheGuid_inEveryCommand() throws Exception {
        AuthParameters product = keysOf(run("product", "create", "--name", "named").out());
        api.registerOk("named-1", product);
        String guid = run("product", "list").out().lines().filter(l -> l.startsWith("named ")).findFirst()
                .orElseThrow().split("\\s+")[1];
        assertThat(guid).matches("[0-9a-f-]{36}");

        assertThat(run("device", "list", "--product", guid).out()).contains("named-1");
        Path file = Files.writeString(fixture.dataDir().resolve("named.bin"), "named firmware");
        String id = run("update", "publish", "--product", guid, "--type", "named-fw", "--version", "1.0.0",
                "--file", file.toString()).out().strip();
        assertThat(run("update", "list", "--product", guid).out()).contains(id);
        assertThat(run("update", "list", "--product", "named").out()).contains(id);
        assertThat(run("product", "rotate-keys", "--product", guid).out()).contains("PRODUCT_SECRET_KEY=");
        assertThat(run("product", "set", "--product", guid, "--poll-interval", "60").out()).contains("'named'");
        assertThat(run("device", "list", "--product", "00000000-0000-0000-0000-000000000000").err().strip())
                .isEqualTo("error: no product with GUID '00000000-0000-0000-0000-000000000000'");

        // update sign: by GUID offline, by name through the store; Ed25519 signs deterministically
        Path key = fixture.dataDir().resolve("named-signing.pem");
        Cli.run("signing-key", "generate", "--out", key.toString()).ok();
        String byGuid = Cli.run("update", "sign", "--key", key.toString(), "--product", guid, "--type", "named-fw",
                "--version", "2.0.0", "--file", file.toString()).ok();
        String byName = run("update", "sign", "--key", key.toString(), "--product", "named", "--type", "named-fw",
                "--version", "2.0.0", "--file", file.toString()).out();
        assertThat(byName).isEqualTo(byGuid);
        assertThat(run("product", "create", "--name", guid).err().strip())
                .isEqualTo("error: --name must not have the form of a GUID: --product takes both");
    }

    private static String checkForUpdates(AuthenticateResponse session) {
        return api.get(Api.devicePath(session, "check-for-updates"), "Authorization", "Bearer " + session.token())
                .body();
    }

    @Test
    void productList_showsProductsWithoutSecrets() {
        Run created = run("product", "create", "--name", "listed");
        Run r = run("product", "list");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("demo").contains("listed");
        assertThat(r.out()).doesNotContain(keysOf(created.out()).secretKey())
                .doesNotContain(Api.productKeys(fixture.server().bootstrapFile()).secretKey());
    }

    @Test
    void productRotateKeys_newKeyWorks_oldKeysWorkUntilRevoked() {
        AuthParameters first = keysOf(run("product", "create", "--name", "rotating").out());
        Run rotated = run("product", "rotate-keys", "--name", "rotating");
        assertThat(rotated.code()).isZero();
        AuthParameters second = keysOf(rotated.out());
        assertThat(second).isNotEqualTo(first);
        assertThat(api.register("r-1", first).statusCode()).isEqualTo(200);
        assertThat(api.register("r-2", second).statusCode()).isEqualTo(200);

        Run revoked = run("product", "rotate-keys", "--name", "rotating", "--revoke-old");
        assertThat(revoked.code()).isZero();
        assertThat(revoked.out()).contains("revoked 1");
        assertThat(api.register("r-3", first).statusCode()).isEqualTo(401);
        assertThat(api.register("r-4", second).statusCode()).isEqualTo(200);

        assertThat(run("product", "rotate-keys", "--name", "no-such-product").code()).isEqualTo(1);
    }

    @Test
    void productRevokedByAnotherProcess_refusesRetriesAndReplaysOfItsRegistrations() {
        // The server remembers a product key once a registration used it; the CLI revokes it
        // through its own store, as a separate process would.
        AuthParameters first = keysOf(run("product", "create", "--name", "revoked-elsewhere").out());
        assertThat(api.register("re-1", first).statusCode()).isEqualTo(200);
        assertThat(api.register("re-2", first, "Idempotency-Key", "re-2-once").statusCode()).isEqualTo(200);
        assertThat(api.register("re-2", first, "Idempotency-Key", "re-2-once").headers()
                .firstValue("Idempotent-Replayed")).hasValue("true");

        assertThat(run("product", "rotate-keys", "--name", "revoked-elsewhere").code()).isZero();
        assertThat(run("product", "rotate-keys", "--name", "revoked-elsewhere", "--revoke-old").out())
                .contains("revoked 1");

        // First a replay (the key still remembered), then a new registration.
        assertThat(api.register("re-2", first, "Idempotency-Key", "re-2-once").statusCode()).isEqualTo(401);
        HttpResponse<String> fresh = api.register("re-3", first);
        assertThat(fresh.statusCode()).isEqualTo(401);
        assertThat(Api.problem(fresh).type()).isEqualTo(Api.problem(api.register("re-4", new AuthParameters(
                "0".repeat(64), "0".repeat(64)))).type());
        assertThat(run("device", "list", "--product", "revoked-elsewhere").out())
                .contains("re-1").contains("re-2").doesNotContain("re-3");
    }

    @Test
    void deviceList_andRevoke() {
        AuthParameters product = keysOf(run("product", "create", "--name", "fleet").out());
        AuthParameters device = api.registerOk("fleet-device-1", product);
        String guid = api.authenticateOk(device).deviceGUID();

        Run list = run("device", "list", "--product", "fleet");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains(guid).contains("fleet-device-1").doesNotContain(device.secretKey());
        assertThat(run("device", "list").out()).contains(guid);

        assertThat(run("device", "revoke", "--guid", guid).code()).isZero();
        assertThat(api.authenticate(device).statusCode()).isEqualTo(401);
        assertThat(run("device", "list", "--product", "fleet").out()).contains(guid).containsPattern("\\d{4}-\\d\\d-\\d\\dT.*Z\\s*$");

        Run unknown = run("device", "revoke", "--guid", "no-such-guid");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("error: ");
        assertThat(run("device", "list", "--product", "no-such-product").code()).isEqualTo(1);
    }

    @Test
    void badUsage_answersOneLineAndNonZeroExit() {
        Run r = run("product", "create");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: ").doesNotContain("\n");
        Run bad = run("product", "create", "--name", "x", "--poll-interval-seconds", "0");
        assertThat(bad.code()).isEqualTo(1);
        StringWriter err = new StringWriter();
        int code = ServerCli.run(new PrintWriter(new StringWriter()), new PrintWriter(err, true), "serve", "--token-ttl", "soon");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("soon");
        for (String[] throttling : new String[][] {{"--auth-guess-limit", "-1"}, {"--auth-spray-limit", "many"},
                {"--auth-window", "0"}}) {
            StringWriter throttleErr = new StringWriter();
            assertThat(ServerCli.run(new PrintWriter(new StringWriter()), new PrintWriter(throttleErr, true), "serve",
                    throttling[0], throttling[1])).as(throttling[0]).isEqualTo(2);
            assertThat(throttleErr.toString()).contains(throttling[0]);
        }
    }

    @Test
    void help_listsTheCommands() {
        StringWriter out = new StringWriter();
        assertThat(ServerCli.run(new PrintWriter(out, true), new PrintWriter(new StringWriter()), "--help")).isZero();
        assertThat(out.toString()).contains("serve").contains("product").contains("device");
    }
}
