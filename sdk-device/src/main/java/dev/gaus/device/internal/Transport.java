package dev.gaus.device.internal;

import dev.gaus.core.GausJson;
import dev.gaus.core.GausJsonException;
import dev.gaus.device.GausClientException;
import dev.gaus.device.GausClientException.Reason;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one logical request, attempt after attempt as the {@link Retrier} says, and ends in a 2xx
 * or 304 answer or in the exception {@link Failures} makes of the last failure.
 *
 * <p>The request timeout covers the whole exchange, body included: the JDK's own request timeout
 * stops at the response headers, so a server dribbling its body would otherwise hold the caller
 * for ever.
 */
public final class Transport {
    /** Answers larger than this are refused: no GAUS answer comes near it. */
    public static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    private static final System.Logger LOG = System.getLogger("dev.gaus.device");

    private final HttpClient http;
    private final URI base;
    private final Duration requestTimeout;
    private final Map<String, String> headers;
    private final Retrier retrier;
    private final Clock clock;

    public Transport(HttpClient http, URI base, Duration requestTimeout, Map<String, String> headers,
            Retrier retrier, Clock clock) {
        this.http = http;
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.requestTimeout = requestTimeout;
        this.headers = Map.copyOf(headers);
        this.retrier = retrier;
        this.clock = clock;
    }

    /** One request as the caller means it; {@code body} null for a GET. */
    public record Call(String method, String path, String query, Map<String, String> headers, byte[] body) {
        public String describe() {
            return method + " " + path;
        }
    }

    /** A final answer: 2xx or 304. Error statuses are thrown. */
    public record Answer(int status, byte[] body, Optional<String> etag) {}

    /** Sends {@code call}, retrying as the strategy says; returns a 2xx or 304 answer. */
    public Answer send(Call call) {
        HttpRequest request = build(call);
        return retrier.run(call.describe(), attempt -> {
            HttpResponse<byte[]> response = exchange(request, call, attempt);
            int status = response.statusCode();
            if ((status >= 200 && status < 300) || status == 304) {
                return new Answer(status, response.body(), response.headers().firstValue("ETag"));
            }
            throw Failures.ofStatus(call.describe(), status, response.headers(), response.body(), clock);
        });
    }

    /**
     * One attempt, on the calling thread with the blocking {@code send}: {@code sendAsync} runs
     * every exchange through more hand-offs between threads, which on a small machine halves the
     * calls a client can make per second. The request's own timeout bounds the wait for the
     * headers, the body subscriber's deadline the rest, so the whole exchange ends within the
     * request timeout.
     */
    private HttpResponse<byte[]> exchange(HttpRequest request, Call call, int attempt) {
        long started = System.nanoTime();
        long deadline = started + requestTimeout.toNanos();
        try {
            HttpResponse<byte[]> response = http.send(request, LimitedBodySubscriber.handler(MAX_RESPONSE_BYTES,
                    deadline));
            LOG.log(Level.DEBUG, () -> call.describe() + " -> " + response.statusCode() + " (attempt " + attempt
                    + ", " + (System.nanoTime() - started) / 1_000_000 + " ms)");
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failures.interrupted(call.describe());
        } catch (IOException | RuntimeException e) {
            if (LimitedBodySubscriber.BodyTimeoutException.in(e)) {
                throw Failures.timeout(call.describe(), requestTimeout);
            }
            throw Failures.ofExchange(call.describe(), base, requestTimeout, e);
        }
    }

    private HttpRequest build(Call call) {
        String uri = base + call.path() + (call.query() == null || call.query().isEmpty() ? "" : "?" + call.query());
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri))
                .timeout(requestTimeout)
                .header("Accept", "application/json, application/problem+json");
        headers.forEach(b::header);
        call.headers().forEach(b::header);
        if (call.body() == null) {
            b.method(call.method(), BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json");
            b.method(call.method(), BodyPublishers.ofByteArray(call.body()));
        }
        return b.build();
    }

    /** Decodes a 2xx body, naming the call and the JSON path when it is not the expected message. */
    public static <T> T decode(Call call, byte[] body, Class<T> type) {
        try {
            return GausJson.decode(body, type);
        } catch (GausJsonException e) {
            throw new GausClientException(Reason.MALFORMED_RESPONSE,
                    call.describe() + ": the answer is not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new GausClientException(Reason.MALFORMED_RESPONSE,
                    call.describe() + ": the answer is not a valid " + type.getSimpleName(), e);
        }
    }
}
