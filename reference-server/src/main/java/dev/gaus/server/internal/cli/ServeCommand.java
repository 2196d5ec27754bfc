package dev.gaus.server.internal.cli;

import dev.gaus.server.GausServer;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code serve}: runs the server until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the server.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "${env:GAUS_PORT:-8080}",
            description = "TCP port, 0 for any free one (env GAUS_PORT; default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "${env:GAUS_HOST:-0.0.0.0}",
            description = "Interface to listen on (env GAUS_HOST; default ${DEFAULT-VALUE}).")
    String host;

    @Mixin
    StoreOptions store;

    @Option(names = "--token-ttl", defaultValue = "${env:GAUS_TOKEN_TTL:-1h}", converter = DurationConverter.class,
            description = "Lifetime of device tokens, e.g. 3600, 90s, 30m, 1h, PT1H (env GAUS_TOKEN_TTL; default ${DEFAULT-VALUE}).")
    Duration tokenTtl;

    @Option(names = "--public-url", defaultValue = "${env:GAUS_PUBLIC_URL}",
            description = "URL devices reach the server at, written to bootstrap.conf (env GAUS_PUBLIC_URL).")
    URI publicUrl;

    @Override
    public Integer call() throws InterruptedException {
        GausServer server = GausServer.builder().host(host).port(port).dataDir(store.dataDir).dbUrl(store.dbUrl)
                .tokenTtl(tokenTtl).publicUrl(publicUrl).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "gaus-shutdown"));
        stopped.await();
        return 0;
    }
}
