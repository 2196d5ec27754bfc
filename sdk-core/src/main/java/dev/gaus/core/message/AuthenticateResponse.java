package dev.gaus.core.message;

import dev.gaus.core.internal.Checks;

/**
 * Answer of {@code POST /authenticate}: who the device is and a short-lived JWT.
 *
 * <p>{@link #toString()} never shows the token.
 */
public record AuthenticateResponse(String deviceGUID, String productGUID, String token) {
    public AuthenticateResponse {
        Checks.text(deviceGUID, "deviceGUID");
        Checks.text(productGUID, "productGUID");
        Checks.text(token, "token");
    }

    @Override
    public String toString() {
        return "AuthenticateResponse[deviceGUID=" + deviceGUID + ", productGUID=" + productGUID
                + ", token=<redacted>]";
    }
}
