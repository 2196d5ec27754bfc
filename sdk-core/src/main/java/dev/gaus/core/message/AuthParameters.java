package dev.gaus.core.message;

import dev.gaus.core.internal.Checks;

/**
 * An access key and its secret key: the product's in {@code productAuthParameters}, a device's in
 * {@code deviceAuthParameters}. Keys are opaque strings (the public example product secret is
 * 60 characters and not hex), so no format is assumed.
 *
 * <p>{@link #toString()} never shows the secret key.
 */
public record AuthParameters(String accessKey, String secretKey) {
    public AuthParameters {
        Checks.text(accessKey, "accessKey");
        Checks.text(secretKey, "secretKey");
    }

    @Override
    public String toString() {
        return "AuthParameters[accessKey=" + accessKey + ", secretKey=<redacted>]";
    }
}
