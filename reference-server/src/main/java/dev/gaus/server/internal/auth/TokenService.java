package dev.gaus.server.internal.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.gaus.server.internal.store.Ids;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks the device tokens: HS256 JWTs with exactly the claims of protocol section 2
 * ({@code sub = "<productGUID>:<deviceGUID>"}, {@code aud = ""}, {@code jti}, {@code pgu},
 * {@code dgu}, {@code did}, {@code iat}, {@code exp}). The key lives in the store, so every
 * instance and every restart accepts the tokens of the others.
 *
 * <p>The claims are built and read with nimbus-jose-jwt; the compact form and its HMAC are done
 * here with one {@link Mac} per thread, because every device call verifies a token and a
 * provider lookup per signature showed in the profile. This server only ever signs one header,
 * {@code {"alg":"HS256","typ":"JWT"}}, so a token with any other header (another algorithm,
 * {@code none}) is refused before anything else is looked at.
 */
public final class TokenService {
    /** The longest token looked at; anything longer is not one of ours. */
    private static final int MAX_TOKEN_LENGTH = 4096;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getUrlDecoder();
    static final String HEADER = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    /** How many verified tokens are remembered; past it the memory starts over. */
    static final int MAX_REMEMBERED = 16_384;

    private final ThreadLocal<Mac> mac;
    private final Duration ttl;
    private final Clock clock;
    /**
     * Tokens that passed the full check, with what they carry: a device sends the same token on
     * every call for its whole life, so later calls need only a lookup and the expiry. Keyed by
     * the exact token text, so nothing that was not verified can ever match.
     */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(DeviceClaims claims, Instant expires) {
    }

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
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("the token key must have at least 256 bits");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the token lifetime must be positive");
        }
        byte[] copy = key.clone();
        this.mac = ThreadLocal.withInitial(() -> newMac(copy));
        this.ttl = ttl;
        this.clock = clock;
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public String issue(String productGuid, String deviceGuid, String deviceId) {
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(productGuid + ":" + deviceGuid)
                .audience("")
                .jwtID(Ids.newGuid())
                .claim("pgu", productGuid)
                .claim("dgu", deviceGuid)
                .claim("did", deviceId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .build();
        String signingInput = HEADER + "." + B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + B64.encodeToString(sign(signingInput));
    }

    private byte[] sign(String signingInput) {
        return mac.get().doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    }

    /** The claims of a token this server signed and that has not expired. */
    public DeviceClaims verify(String token) throws InvalidTokenException {
        Verified known = token == null ? null : verified.get(token);
        if (known != null) {
            if (clock.instant().isBefore(known.expires())) {
                return known.claims();
            }
            verified.remove(token);
            throw new InvalidTokenException("expired");
        }
        Verified checked = check(token);
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.put(token, checked);
        return checked.claims();
    }

    private Verified check(String token) throws InvalidTokenException {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidTokenException("missing or oversized token");
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0 || token.indexOf('.', second + 1) >= 0 || !token.startsWith(HEADER + ".")) {
            throw new InvalidTokenException("not a token of this server");
        }
        try {
            // Compared as text: base64url leaves spare bits in the last character, so a decoded
            // comparison would also accept variants of the text this server never issued.
            byte[] expected = B64.encode(sign(token.substring(0, second)));
            byte[] presented = token.substring(second + 1).getBytes(StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(presented, expected)) {
                throw new InvalidTokenException("bad signature");
            }
            JWTClaimsSet claims = JWTClaimsSet.parse(
                    new String(B64_DECODER.decode(token.substring(first + 1, second)), StandardCharsets.UTF_8));
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
            return new Verified(new DeviceClaims(pgu, dgu, did), exp.toInstant());
        } catch (ParseException | RuntimeException e) {
            throw new InvalidTokenException("malformed token");
        }
    }

    public Duration ttl() {
        return ttl;
    }
}
