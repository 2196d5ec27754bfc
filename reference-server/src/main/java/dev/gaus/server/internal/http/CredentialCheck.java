package dev.gaus.server.internal.http;

import dev.gaus.core.Credentials;
import dev.gaus.core.SecretHasher;
import dev.gaus.server.internal.auth.AuthFailureLimiter;
import java.util.OptionalLong;

/**
 * Verifies a secret against a stored hash so that an unknown access key and a wrong secret
 * cost the same: with no stored hash, the secret is still hashed and compared against a dummy.
 * Also applies the per-address limit on failed attempts.
 */
final class CredentialCheck {
    private final SecretHasher hasher;
    private final AuthFailureLimiter limiter;
    private final String dummyHash;

    CredentialCheck(SecretHasher hasher, AuthFailureLimiter limiter) {
        this.hasher = hasher;
        this.limiter = limiter;
        this.dummyHash = hasher.hash(Credentials.newKey());
    }

    /** Refuses an address that failed too often, before any work is done for it. */
    void admit(Exchange exchange) {
        OptionalLong wait = limiter.retryAfterSeconds(exchange.clientAddress());
        if (wait.isPresent()) {
            throw Problems.tooManyFailures(wait.getAsLong());
        }
    }

    /**
     * Passes when {@code storedHash} is non-null, {@code usable} and the secret matches;
     * otherwise counts a failure for the address and answers the one 401 for bad credentials.
     */
    void require(Exchange exchange, String secret, String storedHash, boolean usable) {
        boolean matches = hasher.verify(secret, storedHash == null ? dummyHash : storedHash);
        if (storedHash == null || !matches || !usable) {
            throw refuse(exchange);
        }
    }

    /** Counts a failure for the address; returns the one 401 for bad credentials, to throw. */
    ApiException refuse(Exchange exchange) {
        limiter.recordFailure(exchange.clientAddress());
        return Problems.badCredentials();
    }
}
