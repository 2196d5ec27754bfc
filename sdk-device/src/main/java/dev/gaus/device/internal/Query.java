package dev.gaus.device.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Builds URL paths and query strings, percent-encoding every reserved character. */
public final class Query {
    private Query() {}

    /** {@code k1=v1&k2=v2} in the map's order, or the empty string. */
    public static String encode(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) {
                throw new IllegalArgumentException("a query parameter needs a name");
            }
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(component(e.getKey())).append('=').append(component(e.getValue() == null ? "" : e.getValue()));
        }
        return out.toString();
    }

    /** The same parameters in one order whatever the map's order: a cache key. */
    public static String canonical(Map<String, String> params) {
        return encode(new TreeMap<>(params));
    }

    /** One path segment or query component, percent-encoded (a space as {@code %20}). */
    public static String component(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
