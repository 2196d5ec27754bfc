package dev.gaus.server.internal.http;

import dev.gaus.core.message.Problem;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What an endpoint answers: status, headers and a body (empty for 304), or an answer still to
 * come ({@link #later}) that the handler writes when it completes, without holding a thread.
 */
public final class Reply {
    static final String JSON = "application/json";

    private final int status;
    private final byte[] body;
    private final String contentType;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final CompletableFuture<Reply> later;

    private Reply(int status, String contentType, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.later = null;
    }

    private Reply(CompletableFuture<Reply> later) {
        this.status = 0;
        this.contentType = null;
        this.body = null;
        this.later = later;
    }

    /** The answer {@code later} completes with; its failure is mapped like an endpoint's exception. */
    public static Reply later(CompletableFuture<Reply> later) {
        return new Reply(later);
    }

    public static Reply json(byte[] body) {
        return new Reply(200, JSON, body);
    }

    public static Reply json(String body) {
        return json(body.getBytes(StandardCharsets.UTF_8));
    }

    /** An {@code application/problem+json} answer. */
    public static Reply problem(int status, byte[] json) {
        return new Reply(status, Problem.MEDIA_TYPE, json);
    }

    public static Reply notModified() {
        return new Reply(304, null, new byte[0]);
    }

    public Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public byte[] body() {
        return body;
    }

    /** Null when there is no body. */
    public String contentType() {
        return contentType;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The answer to wait for, or null when this is the answer. */
    CompletableFuture<Reply> pending() {
        return later;
    }
}
