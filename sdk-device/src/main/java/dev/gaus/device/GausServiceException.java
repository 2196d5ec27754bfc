package dev.gaus.device;

import dev.gaus.core.GausException;
import dev.gaus.core.message.Problem;
import java.time.Duration;
import java.util.Optional;

/**
 * The server answered with an error status. Carries the status and, when the body was an
 * RFC 9457 problem, the decoded {@link Problem}; the message is safe to log (servers of this
 * project never echo a secret, and this SDK never quotes a request body).
 */
public final class GausServiceException extends GausException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final transient Problem problem;
    private final Duration retryAfter;

    public GausServiceException(String message, int statusCode, Problem problem, Duration retryAfter) {
        super(message);
        this.statusCode = statusCode;
        this.problem = problem;
        this.retryAfter = retryAfter;
    }

    /** The HTTP status code of the answer. */
    public int statusCode() {
        return statusCode;
    }

    /** The problem body, when the server sent one. */
    public Optional<Problem> problem() {
        return Optional.ofNullable(problem);
    }

    /** How long the server asked to wait ({@code Retry-After}), when it did. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** True for 5xx and 429: the server may accept the same request later. */
    public boolean isTransient() {
        return statusCode >= 500 || statusCode == 429;
    }
}
