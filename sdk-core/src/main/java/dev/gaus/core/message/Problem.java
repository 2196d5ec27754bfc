package dev.gaus.core.message;

import dev.gaus.core.internal.Checks;

/**
 * An RFC 9457 {@code application/problem+json} error body. Servers of this project always send
 * {@code type}, {@code title}, {@code status} and {@code detail}; when decoding another server's
 * answer every field may be absent (null, or status 0).
 */
public record Problem(String type, String title, int status, String detail, String instance) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        if (status != 0 && (status < 100 || status > 599)) {
            throw Checks.invalid("status", "must be an HTTP status code");
        }
    }

    public Problem(String type, String title, int status, String detail) {
        this(type, title, status, detail, null);
    }
}
