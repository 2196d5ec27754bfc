package dev.gaus.server.internal.http;

import dev.gaus.server.internal.metrics.ServerMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET /metrics} in the Prometheus text format: all the metrics listener answers. */
final class MetricsHandler extends Handler.Abstract {
    static final String PATH = "/metrics";

    private final ServerMetrics metrics;

    MetricsHandler(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        if (!PATH.equals(Request.getPathInContext(request))) {
            throw Problems.notFound();
        }
        if (!request.getMethod().equals("GET")) {
            throw Problems.methodNotAllowed("GET");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        metrics.writeTo(out);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, metrics.contentType());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, out.size());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(out.toByteArray()), callback);
        return true;
    }
}
