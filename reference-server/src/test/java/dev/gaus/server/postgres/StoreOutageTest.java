package dev.gaus.server.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.message.AuthParameters;
import dev.gaus.server.GausServer;
import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.ServerFixture;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

            postgres = startPostgres(pgData, port);
            assertThat(api.get("/health").statusCode()).isEqualTo(200);
            assertThat(api.authenticate(device).statusCode()).isEqualTo(200);
            AuthParameters after = api.registerOk("after-outage", product);
            assertThat(api.authenticate(after).statusCode()).isEqualTo(200);
        } finally {
            postgres.close();
            ServerFixture.deleteRecursively(dataDir);
            ServerFixture.deleteRecursively(pgData);
        }
    }
}
