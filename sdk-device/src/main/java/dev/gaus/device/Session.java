package dev.gaus.device;

import java.time.Instant;

/**
 * Who the server says the device is, from the last authentication. The token itself stays
 * inside {@link GausDevice}.
 *
 * @param expiresAt when the token expires, or null when it carries no readable {@code exp}
 */
public record Session(String deviceGUID, String productGUID, Instant expiresAt) {}
