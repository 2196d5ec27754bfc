package dev.gaus.conformance.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of everything the kit prints: the values of {@code secretKey} fields, bearer
 * tokens, and every secret the run has seen (product secret, issued device secrets, tokens)
 * wherever it turns up, for instance echoed back by a careless server.
 */
public final class Masker {
    static final String MASK = "***";
    private static final Pattern SECRET_FIELD = Pattern.compile("(\"secretKey\"\\s*:\\s*\")([^\"]*)(\")");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*");
    private static final int SHORTEST_MASKED = 6;

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    /** Remembers a secret so it is masked wherever it appears from now on. */
    public void add(String secret) {
        if (secret != null && secret.length() >= SHORTEST_MASKED) {
            secrets.add(secret);
        }
    }

    public String mask(String text) {
        String masked = SECRET_FIELD.matcher(text).replaceAll("$1" + MASK + "$3");
        masked = JWT.matcher(masked).replaceAll(MASK);
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    public String maskHeader(String name, String value) {
        if (name.equalsIgnoreCase("Authorization")) {
            int space = value.indexOf(' ');
            return space < 0 ? MASK : value.substring(0, space) + " " + MASK;
        }
        return mask(value);
    }
}
