package dev.gaus.conformance.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gaus.core.Credentials;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads a JWT's claims (no signature check: the kit cannot know the server's key) and makes the
 * bad tokens a server must refuse: signed with a key of our own, unsigned, or with the claims of
 * another device under the original signature.
 */
public final class Jwt {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private Jwt() {}

    /** The claims of a compact JWS; fails the scenario when the token is not one. */
    public static JsonNode claims(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new AssertionError("the token is not a compact JWT (three dot-separated parts), it has "
                    + parts.length + " part(s)");
        }
        byte[] payload;
        try {
            payload = Base64.getUrlDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new AssertionError("the token's payload is not base64url");
        }
        JsonNode claims = Json.parse(payload, "the token's payload");
        if (!claims.isObject()) {
            throw new AssertionError("the token's payload is not a JSON object");
        }
        return claims;
    }

    /** The same claims, signed HS256 with a random key the server cannot know. */
    public static String forgedHs256(JsonNode claims) {
        String signingInput = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + encode(Json.write(claims));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Credentials.randomBytes(32), "HmacSHA256"));
            return signingInput + "." + ENCODER.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no HmacSHA256", e);
        }
    }

    /** The same claims with {@code alg: none} and no signature. */
    public static String unsigned(JsonNode claims) {
        return encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + encode(Json.write(claims)) + ".";
    }

    /** The header and signature of {@code token} around other claims. */
    public static String withClaims(String token, JsonNode claims) {
        String[] parts = token.split("\\.", -1);
        return parts[0] + "." + encode(Json.write(claims)) + "." + parts[2];
    }

    /** A copy of the claims that names another device. */
    public static ObjectNode claimsOf(JsonNode claims, String productGUID, String deviceGUID, String deviceId) {
        ObjectNode copy = claims.deepCopy();
        copy.put("sub", productGUID + ":" + deviceGUID);
        copy.put("pgu", productGUID);
        copy.put("dgu", deviceGUID);
        copy.put("did", deviceId);
        return copy;
    }

    private static String encode(String json) {
        return ENCODER.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
