package dev.gaus.device.cli;

import dev.gaus.core.GausException;

/** A file named on the command line cannot be used. */
final class LocalFileException extends GausException {
    private static final long serialVersionUID = 1L;

    LocalFileException(String message) {
        super(message);
    }
}
