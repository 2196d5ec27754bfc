package dev.gaus.server.internal.tls;

/** The server's TLS files cannot be used; the message says which file and why. */
public final class TlsConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public TlsConfigurationException(String message) {
        super(message);
    }
}
