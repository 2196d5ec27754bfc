package dev.gaus.device.internal;

import dev.gaus.core.GausJson;
import dev.gaus.core.GausJsonException;
import dev.gaus.core.message.Problem;
import dev.gaus.device.GausClientException;
import dev.gaus.device.GausClientException.Reason;
import dev.gaus.device.GausServiceException;
import dev.gaus.device.RetryStrategy;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one logical request with retries and turns every way it can fail into a
 * {@link GausClientException} or a {@link GausServiceException}.
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
    private final RetryStrategy retry;
    private final Clock clock;

    public Transport(HttpClient http, URI base, Duration requestTimeout, Map<String, String> headers,
            RetryStrategy retry, Clock clock) {
        this.http = http;
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.requestTimeout = requestTimeout;
        this.headers = Map.copyOf(headers);
        this.retry = retry;
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
        Instant start = retry.clock().instant();
        int attempt = 0;
        while (true) {
            attempt++;
            RuntimeException failure;
            Duration retryAfter = null;
            try {
                HttpResponse<byte[]> response = attempt(request, call, attempt);
                int status = response.statusCode();
                if ((status >= 200 && status < 300) || status == 304) {
                    return new Answer(status, response.body(),
                            response.headers().firstValue("ETag"));
                }
                retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock);
                GausServiceException e = serviceError(call, response, retryAfter);
                if (!e.isTransient()) {
                    throw e;
                }
                failure = e;
            } catch (GausClientException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                failure = e;
            }
            Duration elapsed = Duration.between(start, retry.clock().instant());
            Optional<Duration> delay = retry.delayBeforeNextAttempt(attempt, elapsed, retryAfter);
            if (delay.isEmpty()) {
                throw giveUp(failure, attempt);
            }
            LOG.log(Level.DEBUG, () -> call.describe() + ": retrying in " + delay.get().toMillis() + " ms");
            try {
                retry.sleeper().sleep(delay.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GausClientException(Reason.INTERRUPTED, call.describe() + ": interrupted while waiting to retry");
            }
        }
    }

    private HttpResponse<byte[]> attempt(HttpRequest request, Call call, int attempt) {
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> future =
                http.sendAsync(request, LimitedBodySubscriber.handler(MAX_RESPONSE_BYTES));
        try {
            HttpResponse<byte[]> response = future.get(requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
            LOG.log(Level.DEBUG, () -> call.describe() + " -> " + response.statusCode() + " (attempt " + attempt
                    + ", " + (System.nanoTime() - started) / 1_000_000 + " ms)");
            return response;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new GausClientException(Reason.TIMEOUT,
                    call.describe() + ": no complete answer within " + describeDuration(requestTimeout));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new GausClientException(Reason.INTERRUPTED, call.describe() + ": interrupted");
        } catch (ExecutionException e) {
            throw transportError(call, e.getCause());
        } finally {
            LOG.log(Level.TRACE, () -> call.describe() + ": attempt " + attempt + " done");
        }
    }

    private GausClientException transportError(Call call, Throwable cause) {
        Throwable c = cause;
        while (c instanceof java.util.concurrent.CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof HttpConnectTimeoutException) {
            return new GausClientException(Reason.TIMEOUT, call.describe() + ": could not connect to " + hostOf()
                    + " within the connect timeout", c);
        }
        if (c instanceof HttpTimeoutException) {
            return new GausClientException(Reason.TIMEOUT,
                    call.describe() + ": no answer within " + describeDuration(requestTimeout), c);
        }
        if (c instanceof LimitedBodySubscriber.BodyTooLargeException) {
            return new GausClientException(Reason.MALFORMED_RESPONSE, call.describe() + ": " + c.getMessage(), c);
        }
        if (c instanceof javax.net.ssl.SSLHandshakeException || c instanceof javax.net.ssl.SSLPeerUnverifiedException
                || TlsFailures.isNotTls(c)) {
            return TlsFailures.exception(call.describe(), hostOf(), c);
        }
        if (c instanceof ConnectException) {
            return new GausClientException(Reason.CONNECTION, call.describe() + ": cannot connect to " + hostOf()
                    + " (" + oneLine(c.getMessage(), "connection refused") + ")", c);
        }
        if (c instanceof IOException) {
            return new GausClientException(Reason.CONNECTION, call.describe() + ": connection to " + hostOf()
                    + " failed: " + oneLine(c.getMessage(), c.getClass().getSimpleName()), c);
        }
        if (c instanceof IllegalArgumentException || c instanceof SecurityException) {
            return new GausClientException(Reason.CONNECTION, call.describe() + ": " + oneLine(c.getMessage(),
                    c.getClass().getSimpleName()), c);
        }
        return new GausClientException(Reason.CONNECTION, call.describe() + ": "
                + c.getClass().getSimpleName() + ": " + oneLine(c.getMessage(), "unexpected failure"), c);
    }

    private RuntimeException giveUp(RuntimeException last, int attempts) {
        if (attempts == 1) {
            return last;
        }
        String suffix = " (gave up after " + attempts + " attempts)";
        if (last instanceof GausServiceException) {
            GausServiceException s = (GausServiceException) last;
            return new GausServiceException(s.getMessage() + suffix, s.statusCode(), s.problem().orElse(null),
                    s.retryAfter().orElse(null));
        }
        GausClientException c = (GausClientException) last;
        return new GausClientException(c.reason(), c.getMessage() + suffix, c.getCause());
    }

    private GausServiceException serviceError(Call call, HttpResponse<byte[]> response, Duration retryAfter) {
        int status = response.statusCode();
        Problem problem = null;
        String contentType = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (contentType.contains("json") && response.body().length > 0) {
            try {
                problem = GausJson.decode(response.body(), Problem.class);
            } catch (GausJsonException e) {
                problem = null;
            }
        }
        StringBuilder message = new StringBuilder(call.describe()).append(" answered ").append(status);
        if (problem != null && (problem.title() != null || problem.detail() != null)) {
            if (problem.title() != null) {
                message.append(' ').append(oneLine(problem.title(), ""));
            }
            if (problem.detail() != null) {
                message.append(": ").append(oneLine(problem.detail(), ""));
            }
        } else {
            message.append(" with ").append(response.body().length == 0 ? "an empty body"
                    : "a " + response.body().length + "-byte " + (contentType.isEmpty() ? "untyped" : contentType)
                            + " body");
        }
        if (retryAfter != null) {
            message.append(" (Retry-After ").append(retryAfter.toSeconds()).append(" s)");
        }
        return new GausServiceException(message.toString(), status, problem, retryAfter);
    }

    private HttpRequest build(Call call) {
        String uri = base + call.path() + (call.query() == null || call.query().isEmpty() ? "" : "?" + call.query());
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri))
                .timeout(requestTimeout)
                .header("Accept", "application/json, application/problem+json");
        headers.forEach(b::header);
        call.headers().forEach(b::header);
        if (call.body() == null) {
            b.method(call.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json");
            b.method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body()));
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

    private String hostOf() {
        return base.getHost() + (base.getPort() >= 0 ? ":" + base.getPort() : "");
    }

    private static String describeDuration(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String oneLine(String s, String fallback) {
        if (s == null || s.isBlank()) {
            return fallback;
        }
        String line = s.replaceAll("[\\r\\n\\t]+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
