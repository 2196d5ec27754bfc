package dev.gaus.conformance;

import dev.gaus.core.GausException;

/** The kit could not run at all: a bad option, an unreachable server, no scenario selected. */
public final class KitException extends GausException {
    private static final long serialVersionUID = 1L;

    public KitException(String message) {
        super(message);
    }
}
