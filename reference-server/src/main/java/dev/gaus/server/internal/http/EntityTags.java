package dev.gaus.server.internal.http;

/** Weak comparison of entity tags (RFC 9110 section 13.1.2), as {@code If-None-Match} needs. */
final class EntityTags {
    private EntityTags() {}

    /**
     * True when {@code ifNoneMatch} is {@code *} or lists {@code etag}, each side with or without
     * {@code W/} and the list separated by commas.
     */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String wanted = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || (!c.isEmpty() && opaque(c).equals(wanted))) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        String t = tag.strip();
        if (t.startsWith("W/") || t.startsWith("w/")) {
            t = t.substring(2);
        }
        return t;
    }
}
