package dev.gaus.server.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.GausJson;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.RegisterResponse;
import dev.gaus.server.GausServer;
import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.ServerFixture;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** While the store is away the server answers 503 (never a hang, never a 500), and it recovers by itself. */
class StoreOutageTest {
    private static EmbeddedPostgres startPostgres(Path data, int port) throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("synchronous_commit", "on")
                .start();
    }

    @Test
    void storeDown_answers503_thenRecoversWhenItIsBack() throws Exception {
        Path pgData = Files.createTempDirectory("gaus-pg-outage");
        Path dataDir = Files.createTempDirectory("gaus-outage");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EmbeddedPostgres postgres = startPostgres(pgData, port);
        try (GausServer server = GausServer.builder().host("127.0.0.1").port(0).dataDir(dataDir)
                .dbUrl(postgres.getJdbcUrl("postgres", "postgres")).start()) {
            Api api = new Api(server.url());
            AuthParameters product = Api.productKeys(server.bootstrapFile());
            AuthParameters device = api.registerOk("before-outage", product);

            postgres.close();
            HttpResponse<String> health = api.get("/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(Api.problem(health).status()).isEqualTo(503);
            HttpResponse<String> register = api.register("during-outage", product);
            assertThat(register.statusCode()).isEqualTo(503);
            assertThat(register.headers().firstValue("Retry-After")).isPresent();
            assertThat(register.body()).doesNotContain("Exception").doesNotContain(product.secretKey());

            // Pooled connections that PostgreSQL closed while it was away fail once each (503 with
            // Retry-After) and are dropped; clients retry 503, so recovery is judged as they see it.
            postgres = startPostgres(pgData, port);
            assertThat(untilNot503(() -> api.get("/health")).statusCode()).isEqualTo(200);
            assertThat(untilNot503(() -> api.authenticate(device)).statusCode()).isEqualTo(200);
            HttpResponse<String> registered = untilNot503(() -> api.register("after-outage", product));
            assertThat(registered.statusCode()).isEqualTo(200);
            AuthParameters after = GausJson.decode(registered.body(), RegisterResponse.class).deviceAuthParameters();
            assertThat(untilNot503(() -> api.authenticate(after)).statusCode()).isEqualTo(200);
        } finally {
            postgres.close();
            ServerFixture.deleteRecursively(dataDir);
            ServerFixture.deleteRecursively(pgData);
        }
    }

    /** The first answer that is not 503, retrying after its Retry-After for up to 15 seconds. */
    private static HttpResponse<String> untilNot503(Supplier<HttpResponse<String>> call) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        HttpResponse<String> response = call.get();
        while (response.statusCode() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(1000 * Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")));
            response = call.get();
        }
        return response;
    }
}
