package dev.gaus.core;

/**
 * Root of the one unchecked exception tree used by every GAUS module.
 *
 * <p>Messages never contain a secret key or a token, so they are safe to log.
 */
public class GausException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GausException(String message) {
        super(message);
    }

    public GausException(String message, Throwable cause) {
        super(message, cause);
    }
}
