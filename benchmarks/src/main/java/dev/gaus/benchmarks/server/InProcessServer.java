package dev.gaus.benchmarks.server;

import dev.gaus.core.message.AuthParameters;
import dev.gaus.server.GausServer;
import java.net.URI;
import java.nio.file.Path;

/** The reference server started in this JVM on a fresh embedded store (SQLite in {@code dataDir}). */
final class InProcessServer implements ServerUnderTest {
    private final GausServer server;
    private final AuthParameters product;

    private InProcessServer(GausServer server) {
        this.server = server;
        this.product = ServerUnderTest.productOf(server.bootstrapFile());
    }

    static InProcessServer start(Path dataDir) {
        GausServer server = GausServer.builder()
                .host("127.0.0.1")
                .port(0)
                .dataDir(dataDir)
                .start();
        try {
            return new InProcessServer(server);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    @Override
    public URI url() {
        return server.url();
    }

    @Override
    public AuthParameters product() {
        return product;
    }

    @Override
    public void close() {
        server.close();
    }
}
