package dev.gaus.server.internal.http;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Builds the Jetty server with every limit spelled out here, so that slow, stalled or hostile
 * clients cannot starve honest ones: Jetty's selectors park idle connections without a thread,
 * the idle timeout drops stalled ones, the header and body limits bound memory per request, and
 * a connection limit bounds the number of sockets.
 *
 * <p>With TLS the API connector speaks HTTPS only: HTTP/2 when the client offers it by ALPN,
 * HTTP/1.1 otherwise. An optional plain-HTTP health connector, bound to the loopback interface,
 * answers {@code GET /health} only, for local probes that hold no CA certificate. An optional
 * plain-HTTP metrics connector, bound to the loopback interface unless told otherwise, answers
 * {@code GET /metrics} only, and the API connectors never answer it.
 */
public final class HttpServerFactory {
    /** Largest request line plus headers; a JWT and the usual headers fit many times over. */
    public static final int MAX_REQUEST_HEADER_BYTES = 16 * 1024;
    public static final int MAX_RESPONSE_HEADER_BYTES = 8 * 1024;
    /** A connection that sends or reads nothing this long is closed (stalled headers included). */
    public static final long IDLE_TIMEOUT_MILLIS = 20_000;
    /** Open connections accepted at once; more wait in the accept queue. */
    public static final int MAX_CONNECTIONS = 10_000;
    public static final int ACCEPT_QUEUE = 1024;
    /** Threads that run handlers; they block on store reads only, never on a commit. */
    public static final int MAX_THREADS = 256;
    public static final int MIN_THREADS = 8;
    public static final long STOP_TIMEOUT_MILLIS = 5_000;

    private HttpServerFactory() {}

    /** The name of the plain-HTTP connector that answers {@code /health} only. */
    public static final String HEALTH_CONNECTOR = "health";

    /** The name of the plain-HTTP connector that answers {@code /metrics} only. */
    public static final String METRICS_CONNECTOR = "metrics";

    /** A plain-HTTP listener of its own, for a handler that is not the API. */
    public record SideListener(String host, int port, Handler handler) {
    }

    /**
     * @param ssl the TLS engine for HTTPS, or null for plain HTTP
     * @param healthPort the loopback port of the plain-HTTP {@code /health} connector (0 for any
     *     free one), or -1 for none
     * @param metrics the listener of {@code /metrics}, or null for none
     */
    public static Server create(String host, int port, Handler handler, SslContextFactory.Server ssl, int healthPort,
            SideListener metrics) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
        threads.setName("gaus-http");
        Server server = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
        http.setResponseHeaderSize(MAX_RESPONSE_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        // Jetty would learn each connection's header lines to match them whole next time; a
        // device's Authorization line (a 300-character token) is then compared character by
        // character through a trie on every poll, which cost more than the endpoint itself.
        http.setHeaderCacheSize(0);

        ConnectionFactory[] factories = ssl == null ? new ConnectionFactory[] {new HttpConnectionFactory(http)}
                : secure(http, ssl);
        server.addConnector(connector(server, host, port, factories));
        if (healthPort >= 0) {
            ServerConnector health = connector(server, "127.0.0.1", healthPort,
                    new ConnectionFactory[] {new HttpConnectionFactory(http)});
            health.setName(HEALTH_CONNECTOR);
            server.addConnector(health);
            handler = new HealthOnlyOnPlainConnector(handler);
        }
        if (metrics != null) {
            ServerConnector connector = connector(server, metrics.host(), metrics.port(),
                    new ConnectionFactory[] {new HttpConnectionFactory(http)});
            connector.setName(METRICS_CONNECTOR);
            server.addConnector(connector);
            handler = new ByConnector(handler, METRICS_CONNECTOR, metrics.handler());
        }
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, server));

        server.setErrorHandler(new ProblemErrorHandler());
        server.setHandler(handler);
        server.setStopTimeout(STOP_TIMEOUT_MILLIS);
        server.setStopAtShutdown(false);
        return server;
    }

    private static ServerConnector connector(Server server, String host, int port, ConnectionFactory[] factories) {
        ServerConnector connector = new ServerConnector(server, factories);
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        connector.setReuseAddress(true);
        return connector;
    }

    /** TLS, then ALPN choosing HTTP/2 or HTTP/1.1 (the default for clients without ALPN). */
    private static ConnectionFactory[] secure(HttpConfiguration http, SslContextFactory.Server ssl) {
        HttpConfiguration https = new HttpConfiguration(http);
        SecureRequestCustomizer customizer = new SecureRequestCustomizer();
        // The client verifies the certificate against the host it asked for; see TlsPolicy.
        customizer.setSniHostCheck(false);
        https.addCustomizer(customizer);
        HttpConnectionFactory http1 = new HttpConnectionFactory(https);
        HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(https);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory(http2.getProtocol(), http1.getProtocol());
        alpn.setDefaultProtocol(http1.getProtocol());
        return new ConnectionFactory[] {new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, http2, http1};
    }

    /** Requests on the connector named {@code name} go to {@code side}, all others to the API. */
    static final class ByConnector extends Handler.Wrapper {
        private final String name;
        private final Handler side;

        ByConnector(Handler api, String name, Handler side) {
            super(api);
            this.name = name;
            this.side = side;
            addBean(side);
        }

        /** The side handler is no child of the wrapper, so it is handed the server here: Jetty warns at start otherwise. */
        @Override
        public void setServer(Server server) {
            super.setServer(server);
            side.setServer(server);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (name.equals(request.getConnectionMetaData().getConnector().getName())) {
                return side.handle(request, response, callback);
            }
            return super.handle(request, response, callback);
        }
    }

    /** On the plain health connector every path but {@code /health} is 404, so the API stays HTTPS-only. */
    static final class HealthOnlyOnPlainConnector extends Handler.Wrapper {
        HealthOnlyOnPlainConnector(Handler api) {
            super(api);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            boolean plain = HEALTH_CONNECTOR.equals(request.getConnectionMetaData().getConnector().getName());
            if (plain && !"/health".equals(Request.getPathInContext(request))) {
                Response.writeError(request, response, callback, 404,
                        "only /health is served over plain HTTP; the API is on HTTPS");
                return true;
            }
            return super.handle(request, response, callback);
        }
    }
}
