package dev.gaus.device;

/**
 * A downloaded update file does not match what the server announced: its size, its MD5 or its
 * SHA-256 ({@code metadata.toSha256}). The partial file has been deleted and nothing was moved to
 * the target path; downloading again starts from the first byte.
 */
public final class UpdateVerificationException extends GausClientException {
    private static final long serialVersionUID = 1L;

    /** The check that failed. */
    public enum Check { SIZE, MD5, SHA256 }

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
