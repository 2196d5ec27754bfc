package dev.gaus.device.internal;

import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.device.GausClient;
import dev.gaus.device.GausServiceException;
import dev.gaus.device.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * Holds the device's token: authenticates lazily, renews before it expires and once after the
 * server refuses it (401, or 403 as the public TypeScript client does).
 *
 * <p>Expiry is measured on the device's own clock from the moment the token arrived, using the
 * token's lifetime ({@code exp - iat}): a device whose clock is hours off still renews on time.
 * Renewal happens a margin before the end: a quarter of the lifetime, at most {@link #MAX_MARGIN}.
 */
public final class SessionKeeper {
    static final Duration MAX_MARGIN = Duration.ofSeconds(60);

    private final Clock clock;
    private Token token;

    /** A token and when this device should stop using it. */
    public record Token(AuthenticateResponse response, Instant renewAt, Instant expiresAt) {
        public Session session() {
            return new Session(response.deviceGUID(), response.productGUID(), expiresAt);
        }
    }

    public SessionKeeper(Clock clock) {
        this.clock = clock;
    }

    /** The current token, authenticating first when there is none or it is about to expire. */
    public synchronized Token current(GausClient client, AuthParameters keys) {
        if (token == null || !clock.instant().isBefore(token.renewAt())) {
            token = authenticate(client, keys);
        }
        return token;
    }

    /** A new token, whatever the current one. */
    public synchronized Token renew(GausClient client, AuthParameters keys) {
        token = authenticate(client, keys);
        return token;
    }

    /** Forgets the token, e.g. after re-registration. */
    public synchronized void clear() {
        token = null;
    }

    /**
     * Runs {@code call} with a valid token; when the server refuses the token (401 or 403), renews
     * it and runs {@code call} once more.
     */
    public <T> T withToken(GausClient client, AuthParameters keys, Function<Token, T> call) {
        Token used = current(client, keys);
        try {
            return call.apply(used);
        } catch (GausServiceException e) {
            if (e.statusCode() != 401 && e.statusCode() != 403) {
                throw e;
            }
            Token fresh;
            synchronized (this) {
                // Another thread may already have renewed the refused token.
                fresh = token != null && token != used ? token : renew(client, keys);
            }
            return call.apply(fresh);
        }
    }

    private Token authenticate(GausClient client, AuthParameters keys) {
        Instant received = clock.instant();
        AuthenticateResponse response = client.authenticate(keys);
        Jwt.Times times = Jwt.times(response.token());
        Instant expiresAt;
        if (times.issuedAt() != null && times.expiresAt() != null && times.expiresAt().isAfter(times.issuedAt())) {
            expiresAt = received.plus(Duration.between(times.issuedAt(), times.expiresAt()));
        } else if (times.expiresAt() != null) {
            expiresAt = times.expiresAt();
        } else {
            // No readable expiry: use the token until the server refuses it.
            return new Token(response, Instant.MAX, null);
        }
        Duration lifetime = Duration.between(received, expiresAt);
        Duration margin = lifetime.dividedBy(4);
        if (margin.compareTo(MAX_MARGIN) > 0) {
            margin = MAX_MARGIN;
        }
        return new Token(response, expiresAt.minus(margin.isNegative() ? Duration.ZERO : margin), expiresAt);
    }
}
