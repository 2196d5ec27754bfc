package dev.gaus.core.internal;

import java.security.cert.CertificateException;

/**
 * Thrown inside a handshake by a trust manager that pins public keys, when no certificate of an
 * otherwise valid chain has a pinned key; {@link TlsRefusal} reads it as
 * {@link TlsRefusal#PIN_MISMATCH}. The message names the key the server showed, never a secret.
 */
public final class PinMismatchException extends CertificateException {
    private static final long serialVersionUID = 1L;

    public PinMismatchException(String message) {
        super(message);
    }
}
