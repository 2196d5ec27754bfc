package dev.gaus.server.internal.http;

import dev.gaus.core.message.Problem;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers before a request reaches the API (malformed request line, headers too
 * large, ambiguous URI...) get the same {@code application/problem+json} shape as the rest,
 * never an HTML page, a stack trace or an echo of the request.
 */
public final class ProblemErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        byte[] body = body(code);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static byte[] body(int code) {
        String title = HttpStatus.getMessage(code);
        String detail = code == 431 ? "the request headers are too large"
                : code >= 500 ? "the server failed unexpectedly; the failure is logged"
                : "the HTTP request was refused by the server's HTTP layer: " + title;
        String slug = code == 431 ? "headers-too-large" : code >= 500 ? "internal-error" : "bad-http-request";
        return Problems.json(code, slug, title, detail);
    }
}
