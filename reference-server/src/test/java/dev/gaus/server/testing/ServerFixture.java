package dev.gaus.server.testing;

import dev.gaus.core.message.AuthParameters;
import dev.gaus.server.GausServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real server on an ephemeral port over a fresh SQLite store in a temporary directory; with the
 * system property {@code gaus.test.store=memory} (the build's second run of the endpoints' tests)
 * over an in-memory store instead.
 */
public final class ServerFixture implements AutoCloseable {
    private final Path dataDir;
    private final GausServer server;
    private final Api api;

    private ServerFixture(Path dataDir, GausServer server) {
        this.dataDir = dataDir;
        this.server = server;
        this.api = new Api(server.url());
    }

    public static ServerFixture start() {
        return start(GausServer.builder());
    }

    public static ServerFixture start(GausServer.Builder builder) {
        try {
            Path dir = Files.createTempDirectory("gaus-server-test");
            if ("memory".equals(System.getProperty("gaus.test.store"))) {
                builder.dbUrl("memory:" + dir);
            }
            return new ServerFixture(dir, builder.host("127.0.0.1").port(0).dataDir(dir).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public GausServer server() {
        return server;
    }

    public Api api() {
        return api;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The keys of the demo product. */
    public AuthParameters product() {
        return Api.productKeys(server.bootstrapFile());
    }

    @Override
    public void close() {
        server.close();
        deleteRecursively(dataDir);
    }

    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
