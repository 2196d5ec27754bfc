package dev.gaus.core.message;

import dev.gaus.core.internal.Checks;

/** Body of {@code POST /authenticate} (protocol section 2). */
public record AuthenticateRequest(AuthParameters deviceAuthParameters) {
    public AuthenticateRequest {
        Checks.present(deviceAuthParameters, "deviceAuthParameters");
    }
}
