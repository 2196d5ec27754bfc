package dev.gaus.device.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;

/**
 * Reads the {@code iat} and {@code exp} claims of a JWT without checking its signature: the
 * device only needs to know when to renew, the server is the one that verifies.
 */
public final class Jwt {
    private static final JsonFactory JSON = new JsonFactory();

    /** The times of a token; either may be null when the token does not carry it. */
    public record Times(Instant issuedAt, Instant expiresAt) {}

    private Jwt() {}

    /** The token's times, or both null when the token is not a readable JWT. */
    public static Times times(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return new Times(null, null);
        }
        byte[] payload;
        try {
            payload = Base64.getUrlDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            return new Times(null, null);
        }
        Instant iat = null;
        Instant exp = null;
        try (JsonParser p = JSON.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new Times(null, null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
                    long seconds = (long) p.getDoubleValue();
                    if ("exp".equals(name)) {
                        exp = Instant.ofEpochSecond(seconds);
                    } else if ("iat".equals(name)) {
                        iat = Instant.ofEpochSecond(seconds);
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Times(null, null);
        }
        return new Times(iat, exp);
    }
}
