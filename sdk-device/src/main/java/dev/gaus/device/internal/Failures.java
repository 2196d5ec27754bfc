package dev.gaus.device.internal;

import dev.gaus.core.GausException;
import dev.gaus.core.GausJson;
import dev.gaus.core.GausJsonException;
import dev.gaus.core.internal.PinMismatchException;
import dev.gaus.core.internal.TlsRefusal;
import dev.gaus.core.message.Problem;
import dev.gaus.device.GausClientException;
import dev.gaus.device.GausClientException.Reason;
import dev.gaus.device.GausServiceException;
import dev.gaus.device.GausTlsException;
import dev.gaus.device.GausTlsException.Check;
import dev.gaus.device.RegistrationNotSavedException;
import dev.gaus.device.RetryStrategy;
import dev.gaus.device.UpdateVerificationException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The SDK's one reading of failures: what a failed exchange or an error status is, as an exception
 * of the SDK's tree, and what the last failure of an exhausted call says. API calls and downloads
 * both go through it, so a fault reads the same whoever met it, and {@link RetryStrategy} decides
 * on these types alone. Messages name the call and the host, never a secret.
 */
public final class Failures {
    private Failures() {}

    /**
     * An exchange that brought no usable answer: the connection (refused, reset, cut), a timeout, a
     * refused TLS handshake, or an answer over the size limit.
     */
    public static GausClientException ofExchange(String what, URI server, Duration requestTimeout, Throwable failure) {
        Throwable c = failure;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        String host = hostOf(server);
        if (c instanceof HttpConnectTimeoutException) {
            return new GausClientException(Reason.TIMEOUT, what + ": could not connect to " + host
                    + " within the connect timeout", c);
        }
        if (c instanceof HttpTimeoutException) {
            return new GausClientException(Reason.TIMEOUT, what + ": no answer within " + describe(requestTimeout), c);
        }
        // The JDK's blocking send wraps what a body subscriber failed with in an IOException of its own.
        for (Throwable t = c; t != null; t = t.getCause()) {
            if (t instanceof LimitedBodySubscriber.BodyTooLargeException) {
                return new GausClientException(Reason.MALFORMED_RESPONSE, what + ": " + t.getMessage(), c);
            }
        }
        Optional<TlsRefusal> refusal = TlsRefusal.of(c);
        if (refusal.isPresent()) {
            return tls(what, host, refusal.get(), c);
        }
        if (c instanceof ConnectException) {
            return new GausClientException(Reason.CONNECTION, what + ": cannot connect to " + host
                    + " (" + oneLine(c.getMessage(), "connection refused") + ")", c);
        }
        if (c instanceof IOException) {
            return new GausClientException(Reason.CONNECTION, what + ": connection to " + host
                    + " failed: " + oneLine(c.getMessage(), c.getClass().getSimpleName()), c);
        }
        if (c instanceof IllegalArgumentException || c instanceof SecurityException) {
            return new GausClientException(Reason.CONNECTION, what + ": " + oneLine(c.getMessage(),
                    c.getClass().getSimpleName()), c);
        }
        return new GausClientException(Reason.CONNECTION, what + ": " + c.getClass().getSimpleName() + ": "
                + oneLine(c.getMessage(), "unexpected failure"), c);
    }

    /** No complete answer within the request timeout, which covers the body too. */
    public static GausClientException timeout(String what, Duration requestTimeout) {
        return new GausClientException(Reason.TIMEOUT, what + ": no complete answer within " + describe(requestTimeout));
    }

    public static GausClientException interrupted(String what) {
        return new GausClientException(Reason.INTERRUPTED, what + ": interrupted");
    }

    /**
     * An error status, with the problem the body holds when it is one, and {@code Retry-After}.
     *
     * @param body the answer's body, or null when it was not read (a download's)
     */
    public static GausServiceException ofStatus(String what, int status, HttpHeaders headers, byte[] body,
            Clock clock) {
        Duration retryAfter = RetryAfter.parse(headers.firstValue("Retry-After").orElse(null), clock);
        String contentType = headers.firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        Problem problem = null;
        if (body != null && body.length > 0 && contentType.contains("json")) {
            try {
                problem = GausJson.decode(body, Problem.class);
            } catch (GausJsonException e) {
                problem = null;
            }
        }
        StringBuilder message = new StringBuilder(what).append(" answered ").append(status);
        if (problem != null && (problem.title() != null || problem.detail() != null)) {
            if (problem.title() != null) {
                message.append(' ').append(oneLine(problem.title(), ""));
            }
            if (problem.detail() != null) {
                message.append(": ").append(oneLine(problem.detail(), ""));
            }
        } else if (body != null) {
            message.append(" with ").append(body.length == 0 ? "an empty body"
                    : "a " + body.length + "-byte " + (contentType.isEmpty() ? "untyped" : contentType) + " body");
        }
        if (retryAfter != null) {
            message.append(" (Retry-After ").append(retryAfter.toSeconds()).append(" s)");
        }
        return new GausServiceException(message.toString(), status, problem, retryAfter);
    }

    /**
     * The last failure of a call that is not tried again, saying how many attempts were made, and
     * of the same type with the same details: a caller that catches a {@link GausTlsException} or
     * reads a {@link GausServiceException}'s status sees what the last attempt met.
     */
    public static GausException afterAttempts(GausException last, int attempts) {
        if (attempts <= 1) {
            return last;
        }
        String message = last.getMessage() + " (gave up after " + attempts + " attempts)";
        if (last instanceof GausServiceException) {
            GausServiceException s = (GausServiceException) last;
            return new GausServiceException(message, s.statusCode(), s.problem().orElse(null),
                    s.retryAfter().orElse(null));
        }
        if (last instanceof GausTlsException) {
            return new GausTlsException(((GausTlsException) last).check(), message, last.getCause());
        }
        if (last instanceof UpdateVerificationException) {
            UpdateVerificationException v = (UpdateVerificationException) last;
            return new UpdateVerificationException(v.updateId(), v.failedCheck(), message);
        }
        if (last instanceof RegistrationNotSavedException) {
            return new RegistrationNotSavedException(message, ((RegistrationNotSavedException) last).newState(),
                    last.getCause());
        }
        if (last.getClass() == GausClientException.class) {
            return new GausClientException(((GausClientException) last).reason(), message, last.getCause());
        }
        // A type this method does not know could carry more than it can copy: it stands as it is.
        return last;
    }

    private static GausTlsException tls(String what, String host, TlsRefusal refusal, Throwable cause) {
        Check check = Check.valueOf(refusal.name());
        String hint;
        switch (refusal) {
            case UNKNOWN_ISSUER:
                hint = "; trust the server's CA with caCertificate(...), GAUS_CA_CERT or --ca-cert";
                break;
            case WRONG_HOST:
                hint = "; use a server URL with a host name the certificate lists";
                break;
            case PIN_MISMATCH:
                hint = "; " + oneLine(pinMessage(cause), "");
                break;
            case OTHER:
                hint = " (" + oneLine(cause.getMessage(), "") + ")";
                break;
            default:
                hint = "";
        }
        return new GausTlsException(check, what + ": TLS handshake with " + host + " refused: "
                + check.description() + hint, cause);
    }

    private static String pinMessage(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof PinMismatchException) {
                return t.getMessage();
            }
        }
        return "";
    }

    static String hostOf(URI uri) {
        return uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    }

    static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static String oneLine(String s, String fallback) {
        if (s == null || s.isBlank()) {
            return fallback;
        }
        String line = s.replaceAll("[\\r\\n\\t]+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
