package dev.gaus.server.internal.http;

import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Builds the Jetty server with every limit spelled out here, so that slow, stalled or hostile
 * clients cannot starve honest ones: Jetty's selectors park idle connections without a thread,
 * the idle timeout drops stalled ones, the header and body limits bound memory per request, and
 * a connection limit bounds the number of sockets.
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
    /** Threads that run handlers; blocked ones wait on the store's group commit. */
    public static final int MAX_THREADS = 256;
    public static final int MIN_THREADS = 8;
    public static final long STOP_TIMEOUT_MILLIS = 5_000;

    private HttpServerFactory() {}

    public static Server create(String host, int port, Handler handler) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
        threads.setName("gaus-http");
        Server server = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
        http.setResponseHeaderSize(MAX_RESPONSE_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setIdleTimeout(IDLE_TIMEOUT_MILLIS);

        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        connector.setReuseAddress(true);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, server));

        server.setErrorHandler(new ProblemErrorHandler());
        server.setHandler(handler);
        server.setStopTimeout(STOP_TIMEOUT_MILLIS);
        server.setStopAtShutdown(false);
        return server;
    }
}
