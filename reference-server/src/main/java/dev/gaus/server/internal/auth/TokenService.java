package dev.gaus.server.internal.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Issues and checks the device tokens: HS256 JWTs with exactly the claims of protocol section 2
 * ({@code sub = "<productGUID>:<deviceGUID>"}, {@code aud = ""}, {@code jti}, {@code pgu},
 * {@code dgu}, {@code did}, {@code iat}, {@code exp}). The key lives in the store, so every
 * instance and every restart accepts the tokens of the others.
 */
public final class TokenService {
    /** The longest token looked at; anything longer is not one of ours. */
    private static final int MAX_TOKEN_LENGTH = 4096;

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Duration ttl;
    private final Clock clock;

    /** The identity a valid token carries. */
    public record DeviceClaims(String productGuid, String deviceGuid, String deviceId) {
    }

    /** A token that is missing, malformed, wrongly signed or expired. */
    public static final class InvalidTokenException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidTokenException(String message) {
            super(message, null, false, false);
        }
    }

    public TokenService(byte[] key, Duration ttl, Clock clock) {
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the token key must have at least 256 bits", e);
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the token lifetime must be positive");
        }
        this.ttl = ttl;
        this.clock = clock;
    }

    public String issue(String productGuid, String deviceGuid, String deviceId) {
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(productGuid + ":" + deviceGuid)
                .audience("")
                .jwtID(UUID.randomUUID().toString())
                .claim("pgu", productGuid)
                .claim("dgu", deviceGuid)
                .claim("did", deviceId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /** The claims of a token this server signed and that has not expired. */
    public DeviceClaims verify(String token) throws InvalidTokenException {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("missing or oversized token");
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            // Only our own algorithm: never "none", never an algorithm chosen by the caller.
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                throw new InvalidTokenException("bad signature");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Date exp = claims.getExpirationTime();
            if (exp == null || !clock.instant().isBefore(exp.toInstant())) {
                throw new InvalidTokenException("expired");
            }
            String pgu = claims.getStringClaim("pgu");
            String dgu = claims.getStringClaim("dgu");
            String did = claims.getStringClaim("did");
            if (pgu == null || dgu == null || !(pgu + ":" + dgu).equals(claims.getSubject())) {
                throw new InvalidTokenException("incomplete claims");
            }
            return new DeviceClaims(pgu, dgu, did);
        } catch (ParseException | JOSEException | RuntimeException e) {
            throw new InvalidTokenException("malformed token");
        }
    }

    public Duration ttl() {
        return ttl;
    }
}
