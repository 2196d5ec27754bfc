package dev.gaus.server.internal.http;

import dev.gaus.server.internal.store.StoreException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mapping from failures to problem responses, and the one way a {@link Reply} is
 * written: {@link ProblemMapping} uses it for what handlers throw, the handlers for what fails
 * after they returned (a body read, a commit completing later).
 */
final class Replies {
    private static final Logger LOG = LoggerFactory.getLogger(Replies.class);

    private Replies() {}

    /**
     * An {@link ApiException} is the client's problem and answered as it says; a store outage is
     * a 503 the client may retry; anything else is a bug, logged with its stack trace and answered
     * 500 without one.
     */
    static Reply map(Request request, Throwable failure) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (e instanceof ApiException api) {
            return problem(api);
        }
        if (e instanceof StoreException) {
            LOG.warn("store unavailable while answering {} {}: {}", request.getMethod(),
                    request.getHttpURI().getPath(), e.getMessage());
            return problem(Problems.storeUnavailable());
        }
        LOG.error("unexpected failure answering {} {}", request.getMethod(), request.getHttpURI().getPath(), e);
        return problem(Problems.internalError());
    }

    static Reply problem(ApiException e) {
        Reply r = Reply.problem(e.status(), Problems.json(e.status(), e.slug(), e.title(), e.detail()));
        e.headers().forEach(r::header);
        return r;
    }

    /** Writes the answer now, or when an answer still to come completes (on the thread completing it). */
    static void respond(Request request, Reply reply, Response response, Callback callback) {
        CompletableFuture<Reply> pending = reply.pending();
        if (pending == null) {
            write(reply, response, callback);
            return;
        }
        pending.whenComplete((later, failure) ->
                write(failure == null ? later : map(request, failure), response, callback));
    }

    static void write(Reply reply, Response response, Callback callback) {
        response.setStatus(reply.status());
        HttpFields.Mutable headers = response.getHeaders();
        for (Map.Entry<String, String> h : reply.headers().entrySet()) {
            headers.put(h.getKey(), h.getValue());
        }
        if (reply.contentType() != null) {
            headers.put(HttpHeader.CONTENT_TYPE, reply.contentType());
        }
        if (reply.status() == 304) {
            response.write(true, null, callback);
            return;
        }
        byte[] body = reply.body();
        headers.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
