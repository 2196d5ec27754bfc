package dev.gaus.server.internal.cli;

import dev.gaus.server.GausServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code serve}: runs the server until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the server.")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

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

    @Option(names = "--tls-cert", paramLabel = "CERT.pem", defaultValue = "${env:GAUS_TLS_CERT}",
            description = "Serve HTTPS only with this PEM certificate chain, leaf first (env GAUS_TLS_CERT); needs --tls-key.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "KEY.pem", defaultValue = "${env:GAUS_TLS_KEY}",
            description = "The unencrypted PEM private key of --tls-cert (env GAUS_TLS_KEY).")
    Path tlsKey;

    @Option(names = "--tls-keystore", paramLabel = "FILE.p12", defaultValue = "${env:GAUS_TLS_KEYSTORE}",
            description = "Serve HTTPS only with the key entry of this PKCS#12 key store (env GAUS_TLS_KEYSTORE).")
    Path tlsKeyStore;

    @Option(names = "--tls-keystore-password", paramLabel = "PASSWORD",
            defaultValue = "${env:GAUS_TLS_KEYSTORE_PASSWORD}",
            description = "Password of --tls-keystore; prefer the env GAUS_TLS_KEYSTORE_PASSWORD, "
                    + "options are visible in the process list.")
    String tlsKeyStorePassword;

    @Option(names = "--tls-self-signed",
            description = "Development HTTPS: make (once) a CA and a certificate for localhost in the data dir; "
                    + "bootstrap.conf then names the CA as GAUS_CA_CERT.")
    boolean tlsSelfSigned;

    @Option(names = "--health-port", paramLabel = "PORT", defaultValue = "${env:GAUS_HEALTH_PORT:--1}",
            description = "Also answer GET /health over plain HTTP on 127.0.0.1:PORT for local probes "
                    + "(env GAUS_HEALTH_PORT; default none).")
    int healthPort;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "${env:GAUS_METRICS_PORT:--1}",
            description = "Serve GET /metrics (Prometheus text format) over plain HTTP on this port; "
                    + "the API port never answers it (env GAUS_METRICS_PORT; default none).")
    int metricsPort;

    @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = "${env:GAUS_METRICS_HOST:-127.0.0.1}",
            description = "Interface of the metrics listener (env GAUS_METRICS_HOST; default ${DEFAULT-VALUE}, "
                    + "so only this machine can scrape).")
    String metricsHost;

    @Option(names = "--auth-guess-limit", paramLabel = "N", defaultValue = "${env:GAUS_AUTH_GUESS_LIMIT:-20}",
            description = "Distinct wrong secrets one access key may fail with from one address per window; "
                    + "then 429 for that key there, right secret included; 0 for no limit "
                    + "(env GAUS_AUTH_GUESS_LIMIT; default ${DEFAULT-VALUE}).")
    int authGuessLimit;

    @Option(names = "--auth-spray-limit", paramLabel = "N", defaultValue = "${env:GAUS_AUTH_SPRAY_LIMIT:-100}",
            description = "Distinct access keys that may fail from one address per window; then 429 there "
                    + "except for keys that succeeded from it in the last 24 h; 0 for no limit "
                    + "(env GAUS_AUTH_SPRAY_LIMIT; default ${DEFAULT-VALUE}).")
    int authSprayLimit;

    @Option(names = "--auth-window", paramLabel = "DURATION", defaultValue = "${env:GAUS_AUTH_WINDOW:-10m}",
            converter = DurationConverter.class,
            description = "How long a throttling window lasts from its first failure, e.g. 600, 90s, 10m "
                    + "(env GAUS_AUTH_WINDOW; default ${DEFAULT-VALUE}).")
    Duration authWindow;

    @Override
    public Integer call() throws InterruptedException {
        GausServer.Builder builder = GausServer.builder().host(host).port(port).dataDir(store.dataDir)
                .dbUrl(store.dbUrl).tokenTtl(tokenTtl).publicUrl(publicUrl).healthPort(healthPort)
                .metricsPort(metricsPort).metricsHost(metricsHost);
        if (authGuessLimit < 0 || authSprayLimit < 0) {
            throw new ParameterException(spec.commandLine(), "--auth-guess-limit and --auth-spray-limit must be 0 or more");
        }
        builder.authGuessLimit(authGuessLimit).authSprayLimit(authSprayLimit).authWindow(authWindow);
        int tlsChoices = (tlsCert != null || tlsKey != null ? 1 : 0) + (tlsKeyStore != null ? 1 : 0)
                + (tlsSelfSigned ? 1 : 0);
        if (tlsChoices > 1) {
            throw new ParameterException(spec.commandLine(),
                    "choose one of --tls-cert/--tls-key, --tls-keystore and --tls-self-signed");
        }
        if (tlsCert != null || tlsKey != null) {
            if (tlsCert == null || tlsKey == null) {
                throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
            }
            builder.tlsPem(tlsCert, tlsKey);
        } else if (tlsKeyStore != null) {
            if (tlsKeyStorePassword == null) {
                throw new ParameterException(spec.commandLine(),
                        "--tls-keystore needs its password: GAUS_TLS_KEYSTORE_PASSWORD or --tls-keystore-password");
            }
            builder.tlsKeyStore(tlsKeyStore, tlsKeyStorePassword);
        } else if (tlsSelfSigned) {
            builder.tlsSelfSigned();
        }
        GausServer server = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "gaus-shutdown"));
        stopped.await();
        return 0;
    }
}
