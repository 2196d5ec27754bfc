package dev.gaus.server;

import dev.gaus.server.internal.ServerAssembly;
import dev.gaus.server.internal.ServerOptions;
import dev.gaus.server.internal.auth.AuthThrottle;
import dev.gaus.server.internal.tls.ServerIdentity;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The GAUS reference server: the device API of {@code protocol.md} over a durable store.
 *
 * <pre>{@code
 * try (GausServer server = GausServer.builder().port(0).dataDir(dir).start()) {
 *     URI url = server.url();                 // http://127.0.0.1:41234
 *     Path bootstrap = server.bootstrapFile(); // GAUS_URL, PRODUCT_ACCESS_KEY, PRODUCT_SECRET_KEY
 * }
 * }</pre>
 *
 * <p>On first start on an empty store it creates the product {@code demo} and writes
 * {@code <dataDir>/bootstrap.conf} (mode 0600). Several servers may share one PostgreSQL store.
 *
 * <p>HTTPS: {@link Builder#tlsPem(Path, Path)}, {@link Builder#tlsKeyStore(Path, String)} or, for
 * development, {@link Builder#tlsSelfSigned()}, which makes a CA and a certificate for localhost
 * in the data dir and names the CA in {@code bootstrap.conf} as {@code GAUS_CA_CERT}.
 */
public final class GausServer implements AutoCloseable {
    /** Distinct wrong secrets one access key may fail with from one address per {@link #DEFAULT_AUTH_WINDOW}. */
    public static final int DEFAULT_AUTH_GUESS_LIMIT = AuthThrottle.Limits.DEFAULT.guessLimit();
    /** Distinct access keys that may fail from one address per {@link #DEFAULT_AUTH_WINDOW}. */
    public static final int DEFAULT_AUTH_SPRAY_LIMIT = AuthThrottle.Limits.DEFAULT.sprayLimit();
    public static final Duration DEFAULT_AUTH_WINDOW = AuthThrottle.Limits.DEFAULT.window();

    private final ServerAssembly parts;

    private GausServer(ServerAssembly parts) {
        this.parts = parts;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of a server; {@link #start()} copies them, so a builder can start several servers. */
    public static final class Builder {
        private final ServerOptions.Builder options = new ServerOptions.Builder();

        private Builder() {}

        /**
         * Serves HTTPS only, with the PEM certificate chain (leaf first) and its unencrypted PEM
         * private key (PKCS#8, PKCS#1 or SEC1). Both files are watched: a rotated certificate is
         * served without a restart.
         */
        public Builder tlsPem(Path certificateChain, Path privateKey) {
            options.tlsIdentity(ServerIdentity.pem(certificateChain, privateKey));
            return this;
        }

        /** Serves HTTPS only, with the private key entry of a PKCS#12 key store (watched like PEM files). */
        public Builder tlsKeyStore(Path pkcs12, String password) {
            options.tlsIdentity(ServerIdentity.pkcs12(pkcs12, password));
            return this;
        }

        /**
         * Serves HTTPS with a development CA and server certificate for {@code localhost},
         * {@code 127.0.0.1} and {@code ::1}, made once in the data dir; the CA certificate is
         * written beside {@code bootstrap.conf} and named there as {@code GAUS_CA_CERT}.
         */
        public Builder tlsSelfSigned() {
            options.tlsSelfSigned();
            return this;
        }

        /**
         * Also answers {@code GET /health} (and nothing else) over plain HTTP on this loopback
         * port, for local probes; 0 picks a free port, -1 (the default) for none.
         */
        public Builder healthPort(int healthPort) {
            options.healthPort(healthPort);
            return this;
        }

        /**
         * Serves {@code GET /metrics} in the Prometheus text format over plain HTTP on this port
         * (and nothing else there; the API port does not answer it); 0 picks a free port, -1 (the
         * default) for none.
         */
        public Builder metricsPort(int metricsPort) {
            options.metricsPort(metricsPort);
            return this;
        }

        /** Interface of the metrics listener; default the loopback interface, {@code 127.0.0.1}. */
        public Builder metricsHost(String host) {
            options.metricsHost(host);
            return this;
        }

        /** How often the TLS files are checked for a rotated certificate; default 5 s. */
        public Builder certificateCheckPeriod(Duration period) {
            options.certificateCheckPeriod(period);
            return this;
        }

        /** Interface to listen on; default all interfaces ({@code 0.0.0.0}). */
        public Builder host(String host) {
            options.host(host);
            return this;
        }

        /** TCP port; 0 picks a free one. Default 8080. */
        public Builder port(int port) {
            options.port(port);
            return this;
        }

        /** Directory of the SQLite file and of {@code bootstrap.conf}; default {@code ./gaus-data}. */
        public Builder dataDir(Path dir) {
            options.dataDir(dir);
            return this;
        }

        /** A {@code jdbc:postgresql:} URL to use instead of the SQLite file; null for SQLite. */
        public Builder dbUrl(String jdbcUrl) {
            options.dbUrl(jdbcUrl);
            return this;
        }

        /** Lifetime of device tokens; default one hour. */
        public Builder tokenTtl(Duration ttl) {
            options.tokenTtl(ttl);
            return this;
        }

        /** The URL devices reach the server at, when it is not {@code http://127.0.0.1:<port>}. */
        public Builder publicUrl(URI url) {
            options.publicUrl(url);
            return this;
        }

        /**
         * Distinct wrong secrets one access key may fail with from one client address within
         * {@link #authWindow(Duration)}; then that key is answered 429 from that address, even
         * with the right secret, until the window ends. 0 turns it off. Default 20.
         */
        public Builder authGuessLimit(int limit) {
            options.authGuessLimit(limit);
            return this;
        }

        /**
         * Distinct access keys that may fail from one client address within
         * {@link #authWindow(Duration)}; then that address is answered 429, except for access keys
         * that succeeded from it within the last 24 hours, until the window ends. 0 turns it
         * off. Default 100.
         */
        public Builder authSprayLimit(int limit) {
            options.authSprayLimit(limit);
            return this;
        }

        /** How long a throttling window lasts, counted from its first failure; default 10 minutes. */
        public Builder authWindow(Duration window) {
            options.authWindow(window);
            return this;
        }

        /** The clock for tokens, idempotency windows and failure counting; for tests. */
        public Builder clock(Clock clock) {
            options.clock(clock);
            return this;
        }

        /** Opens the store, starts listening and returns once the server answers. */
        public GausServer start() {
            return new GausServer(ServerAssembly.start(options.build()));
        }
    }

    /** Where the server is reached, without a trailing slash. */
    public URI url() {
        return parts.endpoints().url();
    }

    public int port() {
        return parts.endpoints().port();
    }

    /** {@code <dataDir>/bootstrap.conf} of the demo product. */
    public Path bootstrapFile() {
        return parts.endpoints().bootstrapFile();
    }

    /** The loopback port of the plain-HTTP {@code /health} connector, or -1 when there is none. */
    public int healthPort() {
        return parts.endpoints().healthPort();
    }

    /** The port of the {@code /metrics} listener, or -1 when there is none. */
    public int metricsPort() {
        return parts.endpoints().metricsPort();
    }

    /** The development CA certificate of {@link Builder#tlsSelfSigned()}, which devices trust. */
    public Optional<Path> caCertificate() {
        return Optional.ofNullable(parts.endpoints().caCertificate());
    }

    /** Stops listening (requests in flight get up to five seconds) and closes the store. */
    @Override
    public void close() {
        parts.close();
    }
}
