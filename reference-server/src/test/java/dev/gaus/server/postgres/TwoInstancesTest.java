package dev.gaus.server.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.GausJson;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.core.message.CheckForUpdatesResponse;
import dev.gaus.server.GausServer;
import dev.gaus.server.internal.cli.ServerCli;
import dev.gaus.server.internal.store.DeviceStandings;
import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.Cli;
import dev.gaus.server.testing.EmbeddedPostgresSupport;
import dev.gaus.server.testing.Eventually;
import dev.gaus.server.testing.ServerFixture;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two server instances over one real PostgreSQL behave as one server. */
class TwoInstancesTest {
    private static EmbeddedPostgres postgres;
    private static String jdbcUrl;
    private static Path dirA;
    private static Path dirB;
    private static GausServer a;
    private static GausServer b;
    private static Api apiA;
    private static Api apiB;
    private static AuthParameters product;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgresSupport.start();
        jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        dirA = Files.createTempDirectory("gaus-pg-a");
        dirB = Files.createTempDirectory("gaus-pg-b");
        a = GausServer.builder().host("127.0.0.1").port(0).dataDir(dirA).dbUrl(jdbcUrl).start();
        b = GausServer.builder().host("127.0.0.1").port(0).dataDir(dirB).dbUrl(jdbcUrl).start();
        apiA = new Api(a.url());
        apiB = new Api(b.url());
        product = Api.productKeys(a.bootstrapFile());
    }

    @AfterAll
    static void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        ServerFixture.deleteRecursively(dirA);
        ServerFixture.deleteRecursively(dirB);
    }

    @Test
    void secondInstance_findsTheDemoProductAndWritesNoSecondOne() {
        assertThat(b.bootstrapFile()).doesNotExist();
        assertThat(apiB.get("/health").statusCode()).isEqualTo(200);
        assertThat(apiB.register("seen-by-b", product).statusCode()).isEqualTo(200);
    }

    @Test
    void registerOnOne_authenticateAndPollOnTheOther() {
        AuthParameters device = apiA.registerOk("pg-device", product);
        AuthenticateResponse session = apiB.authenticateOk(device);
        String[] bearer = {"Authorization", "Bearer " + session.token()};
        String path = Api.devicePath(session, "check-for-updates") + "?firmware-version=1.0.0";
        HttpResponse<String> onB = apiB.get(path, bearer);
        HttpResponse<String> onA = apiA.get(path, bearer);
        assertThat(onB.statusCode()).isEqualTo(200);
        assertThat(onA.statusCode()).isEqualTo(200);
        assertThat(onA.headers().firstValue("ETag")).isEqualTo(onB.headers().firstValue("ETag"));
        assertThat(apiA.get(path, "Authorization", "Bearer " + session.token(), "If-None-Match",
                onB.headers().firstValue("ETag").orElseThrow()).statusCode()).isEqualTo(304);
        assertThat(apiA.post(Api.devicePath(session, "report"), Api.REPORT_BODY, bearer).statusCode()).isEqualTo(200);
    }

    @Test
    void idempotentRetry_onTheOtherInstance_getsTheSameRegistration() {
        HttpResponse<String> first = apiA.register("pg-idem", product, "Idempotency-Key", "pg-key-1");
        HttpResponse<String> retry = apiB.register("pg-idem", product, "Idempotency-Key", "pg-key-1");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
    }

    @Test
    void concurrentRegistrationsOnBoth_allDurableAndDistinct() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<AuthParameters>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Api api = i % 2 == 0 ? apiA : apiB;
                calls.add(() -> api.registerOk("pg-fleet", product));
            }
            Set<String> guids = new HashSet<>();
            int n = 0;
            for (Future<AuthParameters> f : pool.invokeAll(calls)) {
                guids.add((n++ % 2 == 0 ? apiB : apiA).authenticateOk(f.get()).deviceGUID());
            }
            assertThat(guids).hasSize(40);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void revokeThroughTheCli_stopsTheDeviceOnBothInstances() {
        AuthParameters device = apiA.registerOk("pg-revoked", product);
        AuthenticateResponse session = apiA.authenticateOk(device);
        int code = ServerCli.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                "device", "revoke", "--guid", session.deviceGUID(), "--db", jdbcUrl);
        assertThat(code).isZero();
        assertThat(apiB.authenticate(device).statusCode()).isEqualTo(401);
        String path = Api.devicePath(session, "check-for-updates");
        String bearer = "Bearer " + session.token();
        // both instances serve polls from memory, refreshed from the shared store
        Eventually.status(401, DeviceStandings.MAX_AGE, () -> apiA.get(path, "Authorization", bearer).statusCode());
        Eventually.status(401, DeviceStandings.MAX_AGE, () -> apiB.get(path, "Authorization", bearer).statusCode());
    }

    @Test
    void updatePublishedIntoPostgres_isOfferedAndServedByBothInstances() throws Exception {
        byte[] content = new byte[2_500_000]; // over two of the 1 MiB chunks the file is read in
        new Random(3).nextBytes(content);
        Path file = Files.write(dirA.resolve("pg-fw.bin"), content);
        String id = Cli.run("update", "publish", "--product", "demo", "--type", "pgfw",
                "--version", "1.0.0", "--file", file.toString(), "--db", jdbcUrl).ok().strip();
        assertThat(dirA.resolve("files")).doesNotExist();
        AuthenticateResponse session = apiA.authenticateOk(apiA.registerOk("pg-update-unit", product));
        // instance B sees the catalog version the CLI raised within DeviceStandings.MAX_AGE
        var update = Eventually.until(DeviceStandings.MAX_AGE, () -> GausJson.decode(
                apiB.get(Api.devicePath(session, "check-for-updates") + "?pgfw-version=0.1",
                        "Authorization", "Bearer " + session.token()).body(), CheckForUpdatesResponse.class).updates(),
                updates -> !updates.isEmpty()).get(0);
        assertThat(update.updateId()).isEqualTo(id);
        assertThat(update.downloadUrl()).startsWith(b.url() + "/download/");
        var http = HttpClient.newHttpClient();
        var whole = http.send(HttpRequest.newBuilder(URI.create(update.downloadUrl())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.body()).isEqualTo(content);
        String onA = update.downloadUrl().replace(b.url().toString(), a.url().toString());
        var range = http.send(HttpRequest.newBuilder(URI.create(onA))
                .header("Range", "bytes=1048570-2097160").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(content, 1_048_570, 2_097_161));
    }
}
