package dev.gaus.conformance.internal;

import dev.gaus.core.internal.TlsRefusal;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sends one request to the server under test and keeps what went over the wire. */
public final class KitHttp {
    private final RunContext context;

    public KitHttp(RunContext context) {
        this.context = context;
    }

    /**
     * Sends a request; never throws for a server's misbehaviour: an answer that does not come is an
     * exchange with status -1, so the scenario can fail with the request that provoked it.
     *
     * @param pathAndQuery starts with {@code /}, appended to the server URL as it is (not encoded)
     * @param body null for none
     */
    public Exchange send(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        return send(method, URI.create(stripSlash(context.server().toString()) + pathAndQuery), headers, body);
    }

    /** Sends a request to an absolute URL, such as an update's downloadUrl (which may be on another host). */
    public Exchange send(String method, URI uri, Map<String, String> headers, byte[] body) {
        return send(method, uri, headers, body, false);
    }

    /**
     * Sends a body without Content-Length, chunked: a server that checks its body limit against
     * Content-Length alone reads such a body whole.
     */
    public Exchange sendChunked(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        return send(method, URI.create(stripSlash(context.server().toString()) + pathAndQuery), headers, body, true);
    }

    private Exchange send(String method, URI uri, Map<String, String> headers, byte[] body, boolean chunked) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(context.requestTimeout())
                .method(method, publisher);
        Map<String, List<String>> sentHeaders = new LinkedHashMap<>();
        if (chunked) {
            // Added by the HTTP client, listed so that a failure shows how the body went.
            sentHeaders.put("Transfer-Encoding", List.of("chunked"));
        }
        headers.forEach((name, value) -> {
            builder.header(name, value);
            sentHeaders.put(name, List.of(value));
        });
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = context.httpClient().send(builder.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Exchange(method, uri, sentHeaders, body, response.statusCode(),
                    response.headers().map(), response.body(), Duration.ofNanos(System.nanoTime() - start), null);
        } catch (HttpTimeoutException e) {
            return failed(method, uri, sentHeaders, body, start, "no answer within "
                    + context.requestTimeout().toSeconds() + " s");
        } catch (IOException e) {
            Optional<TlsRefusal> refusal = TlsRefusal.of(e);
            if (refusal.isPresent()) {
                return failed(method, uri, sentHeaders, body, start, KitTls.describe(refusal.get(), e));
            }
            return failed(method, uri, sentHeaders, body, start, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(method, uri, sentHeaders, body, start, "interrupted");
        }
    }

    private static Exchange failed(String method, URI uri, Map<String, List<String>> headers, byte[] body,
            long start, String error) {
        return new Exchange(method, uri, headers, body, -1, Map.of(), null,
                Duration.ofNanos(System.nanoTime() - start), error);
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
