package dev.gaus.core.internal;

import dev.gaus.core.GausException;

/** A {@code bootstrap.conf} (or {@code device.data}) lacks a value or holds one that cannot be used. */
public final class BootstrapFileException extends GausException {
    private static final long serialVersionUID = 1L;

    public BootstrapFileException(String message) {
        super(message);
    }
}
