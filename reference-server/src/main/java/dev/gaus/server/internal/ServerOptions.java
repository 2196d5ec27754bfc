package dev.gaus.server.internal;

import dev.gaus.server.internal.auth.AuthThrottle;
import dev.gaus.server.internal.tls.ServerIdentity;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What a server is started with, fixed when it starts: {@code GausServer.Builder} fills a
 * {@link Builder} (which checks each value as it is set) and {@link ServerAssembly} reads the
 * snapshot {@link Builder#build()} makes. A new option is a field here, its setter on the
 * builder, and the public setter that calls it.
 */
public final class ServerOptions {
    private final String host;
    private final int port;
    private final Path dataDir;
    private final String dbUrl;
    private final Duration tokenTtl;
    private final URI publicUrl;
    private final Clock clock;
    private final ServerIdentity tlsIdentity;
    private final boolean tlsSelfSigned;
    private final int healthPort;
    private final String metricsHost;
    private final int metricsPort;
    private final Duration certificateCheckPeriod;
    private final AuthThrottle.Limits authLimits;

    private ServerOptions(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.dataDir = b.dataDir;
        this.dbUrl = b.dbUrl;
        this.tokenTtl = b.tokenTtl;
        this.publicUrl = b.publicUrl;
        this.clock = b.clock;
        this.tlsIdentity = b.tlsIdentity;
        this.tlsSelfSigned = b.tlsSelfSigned;
        this.healthPort = b.healthPort;
        this.metricsHost = b.metricsHost;
        this.metricsPort = b.metricsPort;
        this.certificateCheckPeriod = b.certificateCheckPeriod;
        this.authLimits = new AuthThrottle.Limits(b.authGuessLimit, b.authSprayLimit, b.authWindow);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** A JDBC URL, or null for the SQLite file in {@link #dataDir()}. */
    public String dbUrl() {
        return dbUrl;
    }

    public Duration tokenTtl() {
        return tokenTtl;
    }

    /** Null when devices reach the server at the URL it listens on. */
    public URI publicUrl() {
        return publicUrl;
    }

    public Clock clock() {
        return clock;
    }

    /** The certificate and key to serve HTTPS with; null for plain HTTP or {@link #tlsSelfSigned()}. */
    public ServerIdentity tlsIdentity() {
        return tlsIdentity;
    }

    public boolean tlsSelfSigned() {
        return tlsSelfSigned;
    }

    /** -1 for no health listener. */
    public int healthPort() {
        return healthPort;
    }

    public String metricsHost() {
        return metricsHost;
    }

    /** -1 for no metrics listener. */
    public int metricsPort() {
        return metricsPort;
    }

    public Duration certificateCheckPeriod() {
        return certificateCheckPeriod;
    }

    public AuthThrottle.Limits authLimits() {
        return authLimits;
    }

    /** The options being set; every setter refuses a value no server could start with. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = 8080;
        private Path dataDir = Path.of("gaus-data");
        private String dbUrl;
        private Duration tokenTtl = Duration.ofHours(1);
        private URI publicUrl;
        private Clock clock = Clock.systemUTC();
        private ServerIdentity tlsIdentity;
        private boolean tlsSelfSigned;
        private int healthPort = -1;
        private String metricsHost = "127.0.0.1";
        private int metricsPort = -1;
        private Duration certificateCheckPeriod = Duration.ofSeconds(5);
        private int authGuessLimit = AuthThrottle.Limits.DEFAULT.guessLimit();
        private int authSprayLimit = AuthThrottle.Limits.DEFAULT.sprayLimit();
        private Duration authWindow = AuthThrottle.Limits.DEFAULT.window();

        /** A snapshot: later changes to this builder do not reach it. */
        public ServerOptions build() {
            return new ServerOptions(this);
        }

        public void host(String host) {
            this.host = Objects.requireNonNull(host, "host");
        }

        public void port(int port) {
            this.port = port(port, "port", 0);
        }

        public void dataDir(Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dataDir");
        }

        public void dbUrl(String jdbcUrl) {
            this.dbUrl = jdbcUrl;
        }

        public void tokenTtl(Duration ttl) {
            this.tokenTtl = positive(ttl, "tokenTtl");
        }

        public void publicUrl(URI url) {
            this.publicUrl = url;
        }

        public void clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        /** HTTPS with this identity; replaces {@link #tlsSelfSigned()}. */
        public void tlsIdentity(ServerIdentity identity) {
            this.tlsIdentity = Objects.requireNonNull(identity, "tlsIdentity");
            this.tlsSelfSigned = false;
        }

        /** HTTPS with a development CA in the data dir; replaces {@link #tlsIdentity}. */
        public void tlsSelfSigned() {
            this.tlsSelfSigned = true;
            this.tlsIdentity = null;
        }

        public void healthPort(int port) {
            this.healthPort = port(port, "healthPort", -1);
        }

        public void metricsHost(String host) {
            this.metricsHost = Objects.requireNonNull(host, "metricsHost");
        }

        public void metricsPort(int port) {
            this.metricsPort = port(port, "metricsPort", -1);
        }

        public void certificateCheckPeriod(Duration period) {
            this.certificateCheckPeriod = positive(period, "certificateCheckPeriod");
        }

        public void authGuessLimit(int limit) {
            this.authGuessLimit = nonNegative(limit, "authGuessLimit");
        }

        public void authSprayLimit(int limit) {
            this.authSprayLimit = nonNegative(limit, "authSprayLimit");
        }

        public void authWindow(Duration window) {
            this.authWindow = positive(window, "authWindow");
        }

        private static int port(int value, String name, int lowest) {
            if (value < lowest || value > 65535) {
                throw new IllegalArgumentException(name + " must be " + lowest + "..65535");
            }
            return value;
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return value;
        }

        private static int nonNegative(int value, String name) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must be 0 (off) or positive");
            }
            return value;
        }
    }
}
