package dev.gaus.server.internal.http;

import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Runs one {@link Endpoint}: for endpoints that take a body, its content type (415) and size (413)
 * are checked and it is read within limits; then the endpoint answers, now or when its commit
 * completes. From the moment the body is read this handler completes the callback itself.
 */
final class EndpointHandler extends Handler.Abstract {
    /** Largest request body accepted. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** Up to this much of an oversized body is read and dropped so the client sees the 413. */
    static final int MAX_DRAINED_BYTES = 1024 * 1024;

    private final Endpoint endpoint;
    private final boolean readsBody;

    private EndpointHandler(Endpoint endpoint, boolean readsBody) {
        this.endpoint = endpoint;
        this.readsBody = readsBody;
    }

    /** An endpoint answered from the request line and headers alone. */
    static EndpointHandler withoutBody(Endpoint endpoint) {
        return new EndpointHandler(endpoint, false);
    }

    /** An endpoint that takes a JSON body. */
    static EndpointHandler withJsonBody(Endpoint endpoint) {
        return new EndpointHandler(endpoint, true);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!readsBody) {
            Replies.respond(request, answer(request, new byte[0]), response, callback);
            return true;
        }
        requireJsonContentType(request);
        if (request.getLength() > MAX_DRAINED_BYTES) {
            throw Problems.tooLarge(MAX_BODY_BYTES);
        }
        // The body is read without holding a thread, so clients that stall mid-body cost only
        // memory. The listener runs on a pooled thread (this one, or the one Jetty runs a
        // blocking demand callback on), where the endpoint may read the store; what it writes is
        // answered when the commit completes (Reply.later), without holding the thread.
        BodyReader.read(request, MAX_BODY_BYTES, MAX_DRAINED_BYTES, new BodyReader.Listener() {
            @Override
            public void onBody(byte[] body) {
                Replies.respond(request, answer(request, body), response, callback);
            }

            @Override
            public void onTooLarge() {
                Replies.write(Replies.problem(Problems.tooLarge(MAX_BODY_BYTES)), response, callback);
            }

            @Override
            public void onFailure(Throwable failure) {
                Replies.write(Replies.problem(Problems.invalidBody("the body could not be read completely")),
                        response, callback);
            }
        });
        return true;
    }

    private Reply answer(Request request, byte[] body) {
        try {
            return endpoint.handle(new Exchange(request, body, BearerAuthentication.of(request)));
        } catch (RuntimeException e) {
            return Replies.map(request, e);
        }
    }

    /** A missing content type is accepted; otherwise application/json or application/*+json. */
    static void requireJsonContentType(Request request) {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType)
                .strip().toLowerCase(Locale.ROOT);
        boolean json = mediaType.equals("application/json")
                || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
        if (!json) {
            throw Problems.unsupportedMediaType();
        }
    }
}
