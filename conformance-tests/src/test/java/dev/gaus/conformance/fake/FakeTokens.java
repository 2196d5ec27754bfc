package dev.gaus.conformance.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.gaus.conformance.fake.FakeAccounts.FakeDevice;
import dev.gaus.core.Credentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The fake's JWTs (HS256): issuing them on {@code /authenticate} and checking them on the device paths. */
final class FakeTokens {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Defects defects;
    private final Clock clock;
    private final Duration ttl;
    private final String productGUID;
    private final byte[] key = Credentials.randomBytes(32);

    FakeTokens(Defects defects, Clock clock, Duration ttl, String productGUID) {
        this.defects = defects;
        this.clock = clock;
        this.ttl = ttl;
        this.productGUID = productGUID;
    }

    private boolean has(Defect defect) {
        return defects.has(defect);
    }

    String productGUID() {
        return productGUID;
    }

    String token(FakeDevice device) {
        long now = has(Defect.TIMES_IN_MILLIS) ? clock.millis() : clock.millis() / 1000;
        ObjectNode claims = JSON.createObjectNode();
        claims.put("sub", has(Defect.SUB_WITHOUT_PRODUCT) ? device.deviceGUID() : productGUID + ":" + device.deviceGUID());
        if (!has(Defect.AUD_MISSING)) {
            claims.put("aud", "");
        }
        claims.put("jti", has(Defect.JTI_REPEATED) ? device.deviceGUID() : UUID.randomUUID().toString());
        claims.put("pgu", productGUID);
        claims.put("dgu", device.deviceGUID());
        claims.put("did", has(Defect.WRONG_DID) ? device.deviceGUID() : device.deviceId());
        claims.put("iat", now);
        Duration lifetime = has(Defect.TOKEN_TTL_IGNORED) ? Duration.ofHours(1) : ttl;
        claims.put("exp", now + (has(Defect.TIMES_IN_MILLIS) ? lifetime.toMillis() : lifetime.toSeconds()));
        String input = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + base64(claims.toString());
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(input));
    }

    /** Lets the request through only with a valid, unexpired token of the path's device. */
    void authorize(HttpExchange exchange, String pathProduct, String pathDevice, boolean report) throws Answer {
        Map<String, String> challenge = has(Defect.NO_WWW_AUTHENTICATE) ? Map.of() : Map.of("WWW-Authenticate", "Bearer");
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null) {
            if (has(Defect.MISSING_TOKEN_403)) {
                throw new Answer(403, "Forbidden", "access denied");
            }
            throw new Answer(401, "Unauthorized", "a bearer token is required", challenge);
        }
        boolean bearer = has(Defect.BEARER_SCHEME_CASE_SENSITIVE) ? header.startsWith("Bearer ")
                : header.regionMatches(true, 0, "Bearer ", 0, 7);
        if (!bearer) {
            throw new Answer(401, "Unauthorized", "a bearer token is required", challenge);
        }
        JsonNode claims = verify(header.substring(7).strip(), challenge);
        long now = has(Defect.TIMES_IN_MILLIS) ? clock.millis() : clock.millis() / 1000;
        if (claims.path("exp").asLong() <= now && !has(Defect.EXPIRED_TOKEN_ACCEPTED)) {
            throw new Answer(401, "Unauthorized", "the token has expired", challenge);
        }
        boolean productMatches = claims.path("pgu").asText().equals(pathProduct) || has(Defect.PRODUCT_GUID_NOT_CHECKED);
        boolean deviceMatches = claims.path("dgu").asText().equals(pathDevice);
        boolean pathChecked = !has(Defect.TOKEN_ON_ANY_PATH) && !(report && has(Defect.REPORT_PATH_UNCHECKED));
        if (pathChecked && !(productMatches && deviceMatches)) {
            if (has(Defect.FOREIGN_PATH_404)) {
                throw new Answer(404, "Not Found", "no such resource");
            }
            throw new Answer(403, "Forbidden", "the token is not valid for this device");
        }
    }

    private JsonNode verify(String token, Map<String, String> challenge) throws Answer {
        String[] parts = token.split("\\.", -1);
        try {
            if (parts.length != 3) {
                throw new IllegalArgumentException("not a JWT");
            }
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
            if (!has(Defect.FORGED_TOKEN_ACCEPTED) && !MessageDigest.isEqual(signature, hmac(parts[0] + "." + parts[1]))) {
                throw new IllegalArgumentException("bad signature");
            }
            return claims;
        } catch (IOException | IllegalArgumentException e) {
            throw new Answer(401, "Unauthorized", "the token is not valid", challenge);
        }
    }

    private byte[] hmac(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
