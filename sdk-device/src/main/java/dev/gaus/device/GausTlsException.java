package dev.gaus.device;

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
        UNKNOWN_ISSUER("the server's certificate is not issued by a trusted CA"),
        /** A certificate of the chain is past its end date. */
        EXPIRED("the server's certificate has expired"),
        /** A certificate of the chain is not valid yet (or this device's clock is behind). */
        NOT_YET_VALID("the server's certificate is not valid yet (check this device's clock)"),
        /** The certificate does not name the host of the server URL. */
        WRONG_HOST("the server's certificate does not name this host"),
        /** No certificate of the chain has a pinned public key. */
        PIN_MISMATCH("the server's public key matches no pinned key"),
        /** Client and server share no TLS version or cipher suite (e.g. the server speaks only TLS 1.1). */
        PROTOCOL("no TLS version or cipher suite in common with the server"),
        /** The server does not speak TLS on this port (an https URL for a plain-HTTP server). */
        NOT_TLS("the server does not speak TLS on this port (is the URL http:// rather than https://?)"),
        /** Any other handshake failure; the cause holds the details. */
        OTHER("the TLS handshake failed");

        private final String description;

        Check(String description) {
            this.description = description;
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
