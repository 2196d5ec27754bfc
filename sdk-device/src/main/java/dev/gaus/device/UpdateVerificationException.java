package dev.gaus.device;

/**
 * An update is refused: a downloaded file does not match what the server announced (its size,
 * its MD5 or its SHA-256, {@code metadata.toSha256}), or, on a device that trusts update keys,
 * the update is not signed by one of them over its announced fields, or is not newer than the
 * version the device runs. The partial file has been deleted and nothing was moved to the target
 * path; a refused signature or version downloads nothing at all.
 */
public final class UpdateVerificationException extends GausClientException {
    private static final long serialVersionUID = 1L;

    /** The check that failed. */
    public enum Check {
        SIZE,
        MD5,
        SHA256,
        /** Unsigned, signed by a key the device does not trust, or a signature that does not cover the announced fields. */
        SIGNATURE,
        /** The version is not newer than the one the device runs, and downgrades are not allowed. */
        DOWNGRADE
    }

    private final String updateId;
    private final Check failedCheck;

    public UpdateVerificationException(String updateId, Check failedCheck, String message) {
        super(Reason.MALFORMED_RESPONSE, message);
        this.updateId = updateId;
        this.failedCheck = failedCheck;
    }

    public String updateId() {
        return updateId;
    }

    public Check failedCheck() {
        return failedCheck;
    }
}
