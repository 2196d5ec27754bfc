package dev.gaus.core.internal;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Which check refused a TLS handshake, read from the JDK's exception chain: the handshake
 * exception itself only says "PKIX path building failed" or "No subject alternative names
 * matching" somewhere down its causes. The device SDK and the conformance kit both tell a refusal
 * from this one reading, each with its own advice.
 */
public enum TlsRefusal {
    /** The certificate chain does not lead to a trusted CA. */
    UNKNOWN_ISSUER("the server's certificate is not issued by a trusted CA"),
    /** A certificate of the chain is past its end date. */
    EXPIRED("the server's certificate has expired"),
    /** A certificate of the chain is not valid yet, or this machine's clock is behind. */
    NOT_YET_VALID("the server's certificate is not valid yet (check this machine's clock)"),
    /** The certificate does not name the host of the URL. */
    WRONG_HOST("the server's certificate does not name this host"),
    /** No certificate of the chain has a pinned public key ({@link PinMismatchException}). */
    PIN_MISMATCH("the server's public key matches no pinned key"),
    /** No TLS version or cipher suite in common. */
    PROTOCOL("no TLS version or cipher suite in common with the server"),
    /** The port does not speak TLS, such as an https URL for a plain-HTTP server. */
    NOT_TLS("the server does not speak TLS on this port (is the URL http:// rather than https://?)"),
    /** Any other handshake failure; the exception holds the details. */
    OTHER("the TLS handshake failed");

    private static final int MAX_CAUSES = 32;

    private final String description;

    TlsRefusal(String description) {
        this.description = description;
    }

    /** What refused the handshake, in words, such as "the server's certificate has expired". */
    public String description() {
        return description;
    }

    /**
     * The refusal {@code failure} tells of, or empty when it is no refused handshake (a network
     * failure, say, which may go away when tried again).
     */
    public static Optional<TlsRefusal> of(Throwable failure) {
        boolean handshake = false;
        for (Throwable t : chain(failure)) {
            handshake |= t instanceof SSLHandshakeException || t instanceof SSLPeerUnverifiedException || isNotTls(t);
        }
        return handshake ? Optional.of(classify(failure)) : Optional.empty();
    }

    private static TlsRefusal classify(Throwable failure) {
        TlsRefusal found = null;
        for (Throwable t : chain(failure)) {
            TlsRefusal refusal = classifyOne(t);
            // Checks on one certificate name the problem more exactly than the chain's "no trusted CA".
            if (refusal == PIN_MISMATCH || refusal == EXPIRED || refusal == NOT_YET_VALID) {
                return refusal;
            }
            if (refusal != null && found == null) {
                found = refusal;
            }
        }
        return found == null ? OTHER : found;
    }

    private static TlsRefusal classifyOne(Throwable t) {
        if (isNotTls(t)) {
            return NOT_TLS;
        }
        if (t instanceof PinMismatchException) {
            return PIN_MISMATCH;
        }
        if (t instanceof CertificateExpiredException) {
            return EXPIRED;
        }
        if (t instanceof CertificateNotYetValidException) {
            return NOT_YET_VALID;
        }
        if (t instanceof CertPathValidatorException) {
            CertPathValidatorException.Reason reason = ((CertPathValidatorException) t).getReason();
            if (reason == BasicReason.EXPIRED) {
                return EXPIRED;
            }
            return reason == BasicReason.NOT_YET_VALID ? NOT_YET_VALID : UNKNOWN_ISSUER;
        }
        if (t instanceof CertPathBuilderException) {
            return UNKNOWN_ISSUER;
        }
        String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("no subject alternative") || message.contains("no name matching")) {
            return WRONG_HOST;
        }
        if (message.contains("unable to find valid certification path")) {
            return UNKNOWN_ISSUER;
        }
        if (message.contains("no appropriate protocol") || message.contains("protocol_version")
                || message.contains("handshake_failure") || message.contains("no negotiable cipher")) {
            return PROTOCOL;
        }
        return null;
    }

    /** {@code failure} and its causes, at most {@link #MAX_CAUSES} of them: a cause chain can loop. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && chain.size() < MAX_CAUSES; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** An https URL on a port that answers in plain text: the JDK says "Unrecognized SSL message". */
    private static boolean isNotTls(Throwable t) {
        return t instanceof SSLException && t.getMessage() != null
                && t.getMessage().toLowerCase(Locale.ROOT).contains("unrecognized ssl message");
    }
}
