package dev.gaus.device.internal;

import dev.gaus.core.internal.PinMismatchException;
import dev.gaus.core.internal.TlsRefusal;
import dev.gaus.device.GausTlsException;
import dev.gaus.device.GausTlsException.Check;

/**
 * A refused TLS handshake as a {@link GausTlsException}, with what to do about it: which check
 * refused it is sdk-core's {@link TlsRefusal}, the reading the conformance kit shares.
 */
public final class TlsFailures {
    private TlsFailures() {}

    /** An https URL on a port that answers in plain text. */
    public static boolean isNotTls(Throwable t) {
        return TlsRefusal.of(t).orElse(null) == TlsRefusal.NOT_TLS;
    }

    /** A one-line message naming the host, the check and what to do about it. */
    public static GausTlsException exception(String call, String host, Throwable cause) {
        TlsRefusal refusal = TlsRefusal.of(cause).orElse(TlsRefusal.OTHER);
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
            if (t instanceof PinMismatchException) {
                return t.getMessage();
            }
        }
        return "";
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n]+", " ");
    }
}
