package dev.gaus.core;

/**
 * A trusted key, a key list, a signature or a field of a signed update cannot be used: not
 * base64, the wrong length, a key id that is not the key's, a field the canonical text cannot
 * hold. The message says which and why in one line; it never holds a private key.
 */
public final class UpdateSignatureException extends GausException {
    private static final long serialVersionUID = 1L;

    public UpdateSignatureException(String message) {
        super(message);
    }

    public UpdateSignatureException(String message, Throwable cause) {
        super(message, cause);
    }
}
