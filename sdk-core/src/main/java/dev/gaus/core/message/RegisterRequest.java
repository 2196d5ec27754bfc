package dev.gaus.core.message;

import dev.gaus.core.internal.Checks;

/** Body of {@code POST /register} (protocol section 1). */
public record RegisterRequest(String deviceId, AuthParameters productAuthParameters) {
    /** The longest deviceId accepted (protocol, "Decided here"). */
    public static final int MAX_DEVICE_ID_LENGTH = 128;

    public RegisterRequest {
        Checks.text(deviceId, "deviceId");
        if (deviceId.length() > MAX_DEVICE_ID_LENGTH) {
            throw Checks.invalid("deviceId", "is longer than " + MAX_DEVICE_ID_LENGTH + " characters");
        }
        if (Checks.hasControlCharacter(deviceId)) {
            throw Checks.invalid("deviceId", "must not hold control characters");
        }
        Checks.present(productAuthParameters, "productAuthParameters");
    }
}
