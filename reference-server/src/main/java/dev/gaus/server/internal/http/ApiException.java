package dev.gaus.server.internal.http;

import dev.gaus.core.GausException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the server refuses with a 4xx (or a 503 when the store is away): carries the status,
 * the problem type and a detail that never quotes a value from the request.
 */
public final class ApiException extends GausException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String slug;
    private final String title;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiException(int status, String slug, String title, String detail) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    /** Adds a response header, e.g. {@code Allow} or {@code Retry-After}. */
    public ApiException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, String> headers() {
        return headers;
    }

    // Stack traces of refused requests are never shown or logged; skip filling them.
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
