package dev.gaus.server.internal.http;

import dev.gaus.core.GausJson;
import dev.gaus.core.message.CheckForUpdatesResponse;
import dev.gaus.core.message.Update;
import dev.gaus.server.internal.store.StoreCache;
import dev.gaus.server.internal.store.StoreRecords.UpdateInfo;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * {@code GET /device/{p}/{d}/check-for-updates} (protocol section 3): the updates
 * {@link UpdateSelector} picks for the device's parameters, each with an absolute
 * {@code downloadUrl} under the server's public URL, and the product's poll interval, so that a
 * changed interval reaches devices at their next check. The weak ETag is a hash of the answer's
 * bytes, so it changes exactly when the answer does; a matching {@code If-None-Match} gets 304.
 */
final class CheckForUpdatesEndpoint implements Endpoint {

    private final StoreCache cache;
    private final Supplier<URI> publicUrl;

    /** Most checks find nothing: that answer's bytes and tag, per poll interval, are made once. */
    private final Map<Long, Answer> emptyAnswers = new ConcurrentHashMap<>();

    private record Answer(byte[] body, String etag) {
        static Answer of(List<Update> updates, long pollIntervalSeconds) {
            byte[] body = PollIntervalAlias.add(
                    GausJson.encode(new CheckForUpdatesResponse(updates, pollIntervalSeconds)), pollIntervalSeconds);
            return new Answer(body, "W/\"" + digest(body) + "\"");
        }
    }

    CheckForUpdatesEndpoint(StoreCache cache, Supplier<URI> publicUrl) {
        this.cache = cache;
        this.publicUrl = publicUrl;
    }

    @Override
    public Reply handle(Exchange exchange) {
        List<UpdateInfo> chosen = UpdateSelector.select(cache.offeredBy(exchange.productGuid(), exchange.catalogVersion()),
                QueryParameters.parse(exchange.rawQuery()));
        List<Update> listed = new ArrayList<>(chosen.size());
        for (UpdateInfo u : chosen) {
            listed.add(new Update(u.id(), u.updateType(), u.version(), "file", downloadUrl(publicUrl.get(), u),
                    u.size(), u.md5(), u.metadata()));
        }
        long pollInterval = exchange.pollIntervalSeconds();
        Answer answer = listed.isEmpty() ? emptyAnswers.computeIfAbsent(pollInterval, s -> Answer.of(List.of(), s))
                : Answer.of(listed, pollInterval);
        if (EntityTags.matches(exchange.headerList("If-None-Match"), answer.etag())) {
            return Reply.notModified().header("ETag", answer.etag());
        }
        return Reply.json(answer.body()).header("ETag", answer.etag()).header("Cache-Control", "no-cache");
    }

    /** {@code <public-url>/download/<token>}: the random token, not the updateId, opens the file. */
    static String downloadUrl(URI base, UpdateInfo u) {
        return base + DownloadHandler.PATH_PREFIX + u.downloadToken();
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
