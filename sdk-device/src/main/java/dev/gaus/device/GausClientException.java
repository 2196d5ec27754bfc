package dev.gaus.device;

import dev.gaus.core.GausException;

/**
 * The call failed on this side of the wire or the server's answer could not be used: the
 * connection could not be made or broke, no answer came in time, or the answer was not what the
 * protocol says. The message names what was wrong and never holds a secret or a token.
 */
public class GausClientException extends GausException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure this is. */
    public enum Reason {
        /** The connection could not be made, or broke while the request or answer was in flight. */
        CONNECTION,
        /**
         * The TLS handshake failed: the server's certificate is not trusted or does not name the
         * host. Not retried: the same certificate would fail the same way.
         */
        TLS,
        /** No complete answer came within the configured time. */
        TIMEOUT,
        /** The server answered with something that is not a valid answer of the protocol. */
        MALFORMED_RESPONSE,
        /** The calling thread was interrupted while waiting. */
        INTERRUPTED,
        /** Local state could not be read or written (a {@code device.data} or CA file). */
        LOCAL_STATE
    }

    private final Reason reason;

    public GausClientException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public GausClientException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** True when the same call may succeed later: connection failures and timeouts. */
    public boolean isTransient() {
        return reason == Reason.CONNECTION || reason == Reason.TIMEOUT;
    }
}
