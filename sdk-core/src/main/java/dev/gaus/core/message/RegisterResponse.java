package dev.gaus.core.message;

import dev.gaus.core.internal.Checks;

/**
 * Answer of {@code POST /register}: the device's own keys for life and how often to poll.
 * Decoding also accepts {@code pollInterval}, the name the public TypeScript client reads.
 */
public record RegisterResponse(long pollIntervalSeconds, AuthParameters deviceAuthParameters) {
    public RegisterResponse {
        if (pollIntervalSeconds <= 0) {
            throw Checks.invalid("pollIntervalSeconds", "must be positive");
        }
        Checks.present(deviceAuthParameters, "deviceAuthParameters");
    }
}
