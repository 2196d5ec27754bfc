package dev.gaus.server.internal;

import dev.gaus.server.internal.auth.AuthThrottle;
import dev.gaus.server.internal.auth.TokenService;
import dev.gaus.server.internal.http.ApiRoutes;
import dev.gaus.server.internal.http.HttpServerFactory;
import dev.gaus.server.internal.metrics.ServerMetrics;
import dev.gaus.server.internal.store.StoreCache;
import dev.gaus.server.internal.store.StoreEngines;
import dev.gaus.server.internal.store.Stores;
import dev.gaus.server.internal.tls.CertificateReloader;
import dev.gaus.server.internal.tls.SelfSignedCertificates;
import dev.gaus.server.internal.tls.ServerIdentity;
import dev.gaus.server.internal.tls.TlsPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server's parts, built in order (TLS identity, store, its cache, API,
 * listener, bootstrap file, certificate watch, housekeeping) and closed in the reverse order;
 * when one fails to start, those already built are closed before the failure is thrown.
 */
public final class ServerAssembly implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerAssembly.class);

    /** Where the started server is reached; -1 for a listener it does not have. */
    public record Endpoints(URI url, int port, int healthPort, int metricsPort, Path bootstrapFile,
            Path caCertificate) {
    }

    private final Deque<AutoCloseable> parts;
    private final Endpoints endpoints;

    private ServerAssembly(Deque<AutoCloseable> parts, Endpoints endpoints) {
        this.parts = parts;
        this.endpoints = endpoints;
    }

    public static ServerAssembly start(ServerOptions o) {
        Deque<AutoCloseable> parts = new ArrayDeque<>();
        try {
            ServerIdentity identity = o.tlsIdentity();
            Path caCertificate = null;
            if (o.tlsSelfSigned()) {
                SelfSignedCertificates certificates = SelfSignedCertificates.ensure(o.dataDir(), o.clock().instant());
                identity = certificates.identity();
                caCertificate = certificates.caCertificate();
            }
            // Checked before the store opens, so a wrong file or password fails fast and alone.
            SslContextFactory.Server ssl = identity == null ? null : TlsPolicy.serverContext(identity);
            ServerMetrics metrics = new ServerMetrics();
            Stores store = StoreEngines.open(o.dataDir(), o.dbUrl(), metrics::committed);
            parts.push(store);
            metrics.countDevices(store.devices()::count);
            StoreCache cache = StoreCache.start(store);
            parts.push(cache);
            TokenService tokens = new TokenService(store.tokenSigningKey(), o.tokenTtl(), o.clock());
            AuthThrottle throttle = new AuthThrottle(o.authLimits(), o.clock());
            // Download URLs are absolute; with port 0 the URL is known only once Jetty listens.
            AtomicReference<URI> serverUrl = new AtomicReference<>(
                    o.publicUrl() == null ? null : stripSlash(o.publicUrl()));
            Server jetty = HttpServerFactory.create(o.host(), o.port(),
                    ApiRoutes.create(store, cache, tokens, throttle, metrics, o.clock(), serverUrl::get), ssl,
                    o.healthPort(), o.metricsPort() < 0 ? null : new HttpServerFactory.SideListener(
                            o.metricsHost(), o.metricsPort(), ApiRoutes.metrics(metrics)));
            parts.push(() -> stop(jetty));
            jetty.start();
            int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
            int healthPort = localPort(jetty, HttpServerFactory.HEALTH_CONNECTOR);
            int metricsPort = localPort(jetty, HttpServerFactory.METRICS_CONNECTOR);
            URI url = o.publicUrl() != null ? stripSlash(o.publicUrl())
                    : URI.create((ssl == null ? "http" : "https") + "://" + urlHost(o.host()) + ":" + port);
            serverUrl.set(url);
            Path bootstrap = o.dataDir().resolve(Bootstrap.FILE_NAME);
            Bootstrap.ensure(store.products(), bootstrap, url, caCertificate, o.clock().millis());
            if (identity != null) {
                parts.push(CertificateReloader.start(identity, ssl, o.certificateCheckPeriod()));
            }
            parts.push(Housekeeping.start(store, o.clock()));
            LOG.info("GAUS reference server ready at {} (store: {}{}{})", url, store.description(),
                    healthPort >= 0 ? "; /health also at http://127.0.0.1:" + healthPort : "",
                    metricsPort >= 0 ? "; /metrics at http://" + urlHost(o.metricsHost()) + ":" + metricsPort : "");
            return new ServerAssembly(parts,
                    new Endpoints(url, port, healthPort, metricsPort, bootstrap, caCertificate));
        } catch (Exception e) {
            closeAll(parts);
            if (e instanceof RuntimeException) {
                throw (RuntimeException) e;
            }
            throw new IllegalStateException("cannot start the server: " + e.getMessage(), e);
        }
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    /** Stops housekeeping and the certificate watch, then listening (requests in flight get up to five seconds), then the store. */
    @Override
    public void close() {
        closeAll(parts);
    }

    private static void closeAll(Deque<AutoCloseable> parts) {
        while (!parts.isEmpty()) {
            AutoCloseable part = parts.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", part, e.toString());
            }
        }
    }

    private static int localPort(Server jetty, String connectorName) {
        for (Connector c : jetty.getConnectors()) {
            if (connectorName.equals(c.getName())) {
                return ((ServerConnector) c).getLocalPort();
            }
        }
        return -1;
    }

    private static void stop(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("stopping the HTTP server failed: {}", e.toString());
        }
    }

    private static String urlHost(String host) {
        if (host.equals("0.0.0.0") || host.equals("::") || host.isEmpty()) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static URI stripSlash(URI url) {
        String s = url.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : url;
    }
}
