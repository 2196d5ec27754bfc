package dev.gaus.server.internal.http;

import dev.gaus.core.GausJson;
import dev.gaus.core.message.CheckForUpdatesResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code GET /device/{p}/{d}/check-for-updates} (protocol section 3). Publishing updates is not
 * built yet, so the catalog is empty and every device gets {@code {"updates":[]}}. The query is
 * not parsed until there is something to match it against, so values that are not URL-encoded
 * cannot break the call. Every 200 carries a weak ETag derived from the body; a matching
 * {@code If-None-Match} gets 304.
 */
final class CheckForUpdatesEndpoint implements Endpoint {
    @Override
    public Reply handle(Exchange exchange) {
        byte[] body = GausJson.encode(new CheckForUpdatesResponse(List.of()));
        String etag = "W/\"" + digest(body) + "\"";
        if (EntityTags.matches(exchange.headerList("If-None-Match"), etag)) {
            return Reply.notModified().header("ETag", etag);
        }
        return Reply.json(body).header("ETag", etag).header("Cache-Control", "no-cache");
    }

    private static String digest(byte[] body) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(body);
            return HexFormat.of().formatHex(sha, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
