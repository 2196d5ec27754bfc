package dev.gaus.server.internal.http;

import dev.gaus.server.internal.auth.AuthThrottle;
import dev.gaus.server.internal.auth.AuthThrottle.Attempt;
import dev.gaus.server.internal.store.StoredSecrets;
import java.util.OptionalLong;

/**
 * Verifies a secret against a stored hash so that an unknown access key and a wrong secret
 * cost the same ({@link StoredSecrets#matches} compares against a dummy when there is no hash).
 * Every check goes through the {@link AuthThrottle}: admitted first, then told how it ended.
 */
final class CredentialCheck {
    private final StoredSecrets secrets;
    private final AuthThrottle throttle;

    CredentialCheck(StoredSecrets secrets, AuthThrottle throttle) {
        this.secrets = secrets;
        this.throttle = throttle;
    }

    /** The attempt of {@code accessKey}, refused with 429 before its secret is looked at when it is throttled. */
    Attempt admit(Exchange exchange, String accessKey) {
        Attempt attempt = throttle.attempt(exchange.clientAddress(), accessKey);
        OptionalLong wait = throttle.retryAfterSeconds(attempt);
        if (wait.isPresent()) {
            throw Problems.tooManyFailures(wait.getAsLong());
        }
        return attempt;
    }

    /**
     * Passes when {@code storedHash} is non-null, {@code usable} and the secret matches;
     * otherwise counts the failure and throws the one 401 for bad credentials.
     */
    void require(Attempt attempt, String secret, String storedHash, boolean usable) {
        if (!secrets.matches(secret, storedHash) || !usable) {
            throw refuse(attempt, secret);
        }
        throttle.succeeded(attempt);
    }

    /** Counts a failure of {@code secret}; returns the one 401 for bad credentials, to throw. */
    ApiException refuse(Attempt attempt, String secret) {
        throttle.failed(attempt, secret);
        return Problems.badCredentials();
    }
}
