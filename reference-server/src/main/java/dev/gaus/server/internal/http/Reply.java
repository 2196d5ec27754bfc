package dev.gaus.server.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an endpoint answers: status, headers and a body (empty for 304). */
public final class Reply {
    static final String JSON = "application/json";

    private final int status;
    private final byte[] body;
    private final String contentType;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Reply(int status, String contentType, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    public static Reply json(byte[] body) {
        return new Reply(200, JSON, body);
    }

    public static Reply json(String body) {
        return json(body.getBytes(StandardCharsets.UTF_8));
    }

    /** An {@code application/problem+json} answer. */
    public static Reply problem(int status, byte[] json) {
        return new Reply(status, dev.gaus.core.message.Problem.MEDIA_TYPE, json);
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
}
