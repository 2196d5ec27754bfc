package dev.gaus.conformance.blind;

import dev.gaus.core.KeyValueFile;
import dev.gaus.server.GausServer;
import dev.gaus.server.testing.Cli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The reference server behind a proxy that breaks one rule of the protocol ({@link BlindFault}), or
 * none: {@code start(null, ...)} is a faithful proxy. On start it publishes firmware 1.0.2
 * (semver, 70,000 bytes) and app 12 (number) for the product {@code demo}; download URLs name the
 * proxy.
 */
public final class BlindMutantServer implements AutoCloseable {
    private final GausServer server;
    private final BlindProxy proxy;
    private final Path bootstrap;

    private BlindMutantServer(GausServer server, BlindProxy proxy, Path bootstrap) {
        this.server = server;
        this.proxy = proxy;
        this.bootstrap = bootstrap;
    }

    public static BlindMutantServer start(BlindFault fault, Duration tokenTtl, Path dataDir) {
        BlindProxy proxy = null;
        GausServer server = null;
        try {
            Files.createDirectories(dataDir);
            proxy = new BlindProxy(fault);
            server = GausServer.builder().host("127.0.0.1").port(0).dataDir(dataDir).tokenTtl(tokenTtl)
                    .publicUrl(proxy.url()).start();
            Path firmware = dataDir.resolve("firmware-1.0.2.bin");
            byte[] bytes = new byte[70_000];
            new Random(9).nextBytes(bytes);
            Files.write(firmware, bytes);
            Path app = dataDir.resolve("app-12.bin");
            Files.writeString(app, "app 12");
            publish(dataDir, "firmware", "1.0.2", "semver", firmware);
            publish(dataDir, "app", "12", "number", app);
            Map<String, String> keys = KeyValueFile.read(server.bootstrapFile());
            Path bootstrap = dataDir.resolve("bootstrap-proxy.conf");
            String proxyUrl = proxy.url().toString();
            List<String> lines = Files.readAllLines(server.bootstrapFile()).stream()
                    .map(l -> l.startsWith(KeyValueFile.GAUS_URL + "=")
                            ? KeyValueFile.GAUS_URL + "=\"" + proxyUrl + "\"" : l)
                    .collect(Collectors.toList());
            Files.write(bootstrap, lines);
            proxy.start(URI.create("http://127.0.0.1:" + server.port()), new BlindState(keys.get(KeyValueFile.PRODUCT_ACCESS_KEY),
                    keys.get(KeyValueFile.PRODUCT_SECRET_KEY)));
            return new BlindMutantServer(server, proxy, bootstrap);
        } catch (IOException | RuntimeException e) {
            if (proxy != null) {
                proxy.close();
            }
            if (server != null) {
                server.close();
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    private static void publish(Path dataDir, String type, String version, String scheme, Path file) {
        Cli.run("update", "publish", "--product", "demo", "--type", type, "--version", version,
                "--version-type", scheme, "--file", file.toString(), "--data-dir", dataDir.toString()).ok();
    }

    /** The proxy's URL, which clients use. */
    public URI url() {
        return proxy.url();
    }

    /** A bootstrap.conf of the demo product whose {@code GAUS_URL} names the proxy. */
    public Path bootstrapFile() {
        return bootstrap;
    }

    /** The reference server behind the proxy, for comparisons. */
    URI serverUrl() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    @Override
    public void close() {
        proxy.close();
        server.close();
    }
}
