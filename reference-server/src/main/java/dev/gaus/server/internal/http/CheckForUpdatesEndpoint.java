package dev.gaus.server.internal.http;

import dev.gaus.core.GausJson;
import dev.gaus.core.message.CheckForUpdatesResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code GET /device/{p}/{d}/check-for-updates} (protocol section 3). Publishing updates is not
 * built yet, so the catalog is empty and every device gets {@code {"updates":[]}}; its body and
 * weak ETag are computed once. The query is not parsed until there is something to match it
 * against, so values that are not URL-encoded cannot break the call. A matching
 * {@code If-None-Match} gets 304, decided before any body is built.
 */
final class CheckForUpdatesEndpoint implements Endpoint {
    private static final byte[] EMPTY_CATALOG = GausJson.encode(new CheckForUpdatesResponse(List.of()));
    private static final String EMPTY_CATALOG_ETAG = "W/\"" + digest(EMPTY_CATALOG) + "\"";

    @Override
    public Reply handle(Exchange exchange) {
        if (EntityTags.matches(exchange.headerList("If-None-Match"), EMPTY_CATALOG_ETAG)) {
            return Reply.notModified().header("ETag", EMPTY_CATALOG_ETAG);
        }
        return Reply.json(EMPTY_CATALOG).header("ETag", EMPTY_CATALOG_ETAG).header("Cache-Control", "no-cache");
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
