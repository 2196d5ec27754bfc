package dev.gaus.device.internal;

import dev.gaus.device.GausTlsException;
import dev.gaus.device.GausTlsException.Check;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;

/**
 * Names the check that refused a TLS handshake, from the JDK's exception chain: the handshake
 * exception itself only says "PKIX path building failed" or "No subject alternative names
 * matching" somewhere down its causes.
 */
public final class TlsFailures {
    private TlsFailures() {}

    public static Check classify(Throwable failure) {
        Check found = null;
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            Check check = classifyOne(t);
            if (check == Check.PIN_MISMATCH || check == Check.EXPIRED || check == Check.NOT_YET_VALID) {
                return check;
            }
            if (check != null && found == null) {
                found = check;
            }
        }
        return found == null ? Check.OTHER : found;
    }

    /** An https URL on a port that answers in plain text: the JDK says "Unrecognized SSL message". */
    public static boolean isNotTls(Throwable t) {
        return t instanceof javax.net.ssl.SSLException && t.getMessage() != null
                && t.getMessage().toLowerCase(Locale.ROOT).contains("unrecognized ssl message");
    }

    private static Check classifyOne(Throwable t) {
        if (isNotTls(t)) {
            return Check.NOT_TLS;
        }
        if (t instanceof TlsContexts.PinMismatchException) {
            return Check.PIN_MISMATCH;
        }
        if (t instanceof CertificateExpiredException) {
            return Check.EXPIRED;
        }
        if (t instanceof CertificateNotYetValidException) {
            return Check.NOT_YET_VALID;
        }
        if (t instanceof CertPathValidatorException) {
            CertPathValidatorException.Reason reason = ((CertPathValidatorException) t).getReason();
            if (reason == CertPathValidatorException.BasicReason.EXPIRED) {
                return Check.EXPIRED;
            }
            if (reason == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                return Check.NOT_YET_VALID;
            }
            return Check.UNKNOWN_ISSUER;
        }
        if (t instanceof CertPathBuilderException) {
            return Check.UNKNOWN_ISSUER;
        }
        String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("no subject alternative") || message.contains("no name matching")) {
            return Check.WRONG_HOST;
        }
        if (message.contains("unable to find valid certification path")) {
            return Check.UNKNOWN_ISSUER;
        }
        if (message.contains("no appropriate protocol") || message.contains("protocol_version")
                || message.contains("handshake_failure") || message.contains("no negotiable cipher")) {
            return Check.PROTOCOL;
        }
        return null;
    }

    /** A one-line message naming the host, the check and what to do about it. */
    public static GausTlsException exception(String call, String host, Throwable cause) {
        Check check = classify(cause);
        String hint;
        switch (check) {
            case UNKNOWN_ISSUER:
                hint = "; trust the server's CA with caCertificate(...), GAUS_CA_CERT or --ca-cert";
                break;
            case WRONG_HOST:
                hint = "; use a server URL with a host name the certificate lists";
                break;
            case PIN_MISMATCH:
                hint = "; " + firstLine(pinMessage(cause));
                break;
            case OTHER:
                hint = " (" + firstLine(cause.getMessage()) + ")";
                break;
            default:
                hint = "";
        }
        return new GausTlsException(check, call + ": TLS handshake with " + host + " refused: "
                + check.description() + hint, cause);
    }

    private static String pinMessage(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof TlsContexts.PinMismatchException) {
                return t.getMessage();
            }
        }
        return "";
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n]+", " ");
    }
}
