package dev.gaus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gaus.core.KeyValueFile;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.ServerFixture;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GausServerTest {
    @Test
    void start_onEmptyStore_createsDemoProductAndOwnerOnlyBootstrapFile() throws Exception {
        try (ServerFixture f = ServerFixture.start()) {
            Path bootstrap = f.server().bootstrapFile();
            assertThat(bootstrap).isEqualTo(f.dataDir().resolve("bootstrap.conf"));
            Map<String, String> values = KeyValueFile.read(bootstrap);
            assertThat(values.get("GAUS_URL")).isEqualTo(f.server().url().toString());
            assertThat(values.get("PRODUCT_ACCESS_KEY")).hasSize(64);
            assertThat(values.get("PRODUCT_SECRET_KEY")).hasSize(64);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(bootstrap))).isEqualTo("rw-------");
            assertThat(f.server().url().toString()).startsWith("http://127.0.0.1:").doesNotEndWith("/");
            assertThat(f.server().port()).isEqualTo(f.server().url().getPort());
        }
    }

    @Test
    void health_whenStoreAnswers_answers200Ok() {
        try (ServerFixture f = ServerFixture.start()) {
            HttpResponse<String> r = f.api().get("/health");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        }
    }

    @Test
    void start_onAPortInUse_failsAndLeavesNoPartRunning() throws Exception {
        Path dir = Files.createTempDirectory("gaus-port-in-use");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long before = serverThreads();
            GausServer.Builder builder = GausServer.builder().host("127.0.0.1").port(taken.getLocalPort()).dataDir(dir);

            assertThatThrownBy(builder::start).hasMessageContaining("" + taken.getLocalPort());

            // the store's writer and pool, opened before the listener failed, are closed again
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (serverThreads() > before && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(serverThreads()).isEqualTo(before);
        } finally {
            ServerFixture.deleteRecursively(dir);
        }
    }

    private static long serverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("gaus-")).count();
    }

    @Test
    void restart_onSameDataDir_keepsProductDevicesAndBootstrapKeys() throws Exception {
        Path dir = Files.createTempDirectory("gaus-restart");
        try {
            AuthParameters product;
            AuthParameters device;
            try (GausServer first = GausServer.builder().host("127.0.0.1").port(0).dataDir(dir).start()) {
                product = Api.productKeys(first.bootstrapFile());
                device = new Api(first.url()).registerOk("restart-1", product);
            }
            try (GausServer second = GausServer.builder().host("127.0.0.1").port(0).dataDir(dir).start()) {
                assertThat(Api.productKeys(second.bootstrapFile())).isEqualTo(product);
                assertThat(KeyValueFile.read(second.bootstrapFile()).get("GAUS_URL")).isEqualTo(second.url().toString());
                Api api = new Api(second.url());
                assertThat(api.authenticate(device).statusCode()).isEqualTo(200);
                assertThat(api.register("restart-2", product).statusCode()).isEqualTo(200);
            }
        } finally {
            ServerFixture.deleteRecursively(dir);
        }
    }

    @Test
    void publicUrl_isWhatBootstrapAndUrlName() throws Exception {
        Path dir = Files.createTempDirectory("gaus-public-url");
        try (GausServer server = GausServer.builder().host("127.0.0.1").port(0).dataDir(dir)
                .publicUrl(URI.create("https://gaus.example/")).start()) {
            assertThat(server.url().toString()).isEqualTo("https://gaus.example");
            assertThat(KeyValueFile.read(server.bootstrapFile()).get("GAUS_URL")).isEqualTo("https://gaus.example");
        } finally {
            ServerFixture.deleteRecursively(dir);
        }
    }
}
