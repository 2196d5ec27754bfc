package dev.gaus.device.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** JWT-shaped tokens for scripted servers (the SDK never checks the signature). */
public final class Tokens {
    private Tokens() {}

    public static String jwt(Instant iat, Instant exp, String jti) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"sub\":\"p:d\",\"jti\":\"" + jti + "\",\"iat\":" + iat.getEpochSecond()
                + ",\"exp\":" + exp.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".c2lnbmF0dXJl";
    }
}
