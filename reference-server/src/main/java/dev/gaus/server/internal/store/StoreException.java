package dev.gaus.server.internal.store;

import dev.gaus.core.GausException;

/** The store could not be reached or refused an operation; answered 503, never blamed on the client. */
public final class StoreException extends GausException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
