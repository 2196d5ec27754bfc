package dev.gaus.device;

import dev.gaus.core.internal.TlsRefusal;

/**
 * The TLS handshake with the server failed, and {@link #check()} says which check refused it. Its
 * {@link #reason()} is {@link GausClientException.Reason#TLS}: never retried, since the same
 * certificate fails the same way until someone changes it or the trust settings.
 */
public final class GausTlsException extends GausClientException {
    private static final long serialVersionUID = 1L;

    /** The check that refused the server. */
    public enum Check {
        /** The certificate chain does not lead to a trusted CA (none given, or another one). */
        UNKNOWN_ISSUER(TlsRefusal.UNKNOWN_ISSUER),
        /** A certificate of the chain is past its end date. */
        EXPIRED(TlsRefusal.EXPIRED),
        /** A certificate of the chain is not valid yet (or this device's clock is behind). */
        NOT_YET_VALID(TlsRefusal.NOT_YET_VALID),
        /** The certificate does not name the host of the server URL. */
        WRONG_HOST(TlsRefusal.WRONG_HOST),
        /** No certificate of the chain has a pinned public key. */
        PIN_MISMATCH(TlsRefusal.PIN_MISMATCH),
        /** Client and server share no TLS version or cipher suite (e.g. the server speaks only TLS 1.1). */
        PROTOCOL(TlsRefusal.PROTOCOL),
        /** The server does not speak TLS on this port (an https URL for a plain-HTTP server). */
        NOT_TLS(TlsRefusal.NOT_TLS),
        /** Any other handshake failure; the cause holds the details. */
        OTHER(TlsRefusal.OTHER);

        private final String description;

        // The words come with sdk-core's reading of the refusal, which the conformance kit shares.
        Check(TlsRefusal refusal) {
            this.description = refusal.description();
        }

        /** What failed, in words, such as "the server's certificate has expired". */
        public String description() {
            return description;
        }
    }

    private final Check check;

    public GausTlsException(Check check, String message, Throwable cause) {
        super(Reason.TLS, message, cause);
        this.check = check;
    }

    public Check check() {
        return check;
    }
}
