package dev.gaus.server.internal.http;

import dev.gaus.server.internal.store.UpdateStore;
import dev.gaus.server.internal.store.StoreRecords.UpdateInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET|HEAD /download/<token>}: the file of an update, with {@code Content-Length}, a strong
 * {@code ETag} (its SHA-256) and one byte range per request (206, or 416 when it cannot be
 * satisfied; several ranges get the whole file, as RFC 9110 allows).
 *
 * <p>No bearer token is needed: devices in the field and the public shell tooling fetch the
 * {@code downloadUrl} with plain HTTP clients. The path holds 256 random bits made when the update
 * was published (not its updateId, which every report carries), so only those told the URL by
 * check-for-updates can fetch the file. A withdrawn update's file is no longer served (410).
 */
final class DownloadHandler {
    static final String PATH_PREFIX = "/download/";
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern RANGE = Pattern.compile("bytes=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*", Pattern.CASE_INSENSITIVE);

    private final UpdateStore updates;

    DownloadHandler(UpdateStore updates) {
        this.updates = updates;
    }

    /** A byte range, both ends included. */
    record ByteRange(long first, long last) {
        long length() {
            return last - first + 1;
        }
    }

    /**
     * Answers the request. Returns a reply for the caller to write when the request is refused, or
     * null once the file has been sent (or failed mid-way) and {@code callback} is completed.
     */
    Reply handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw Problems.methodNotAllowed("GET, HEAD");
        }
        String token = Request.getPathInContext(request).substring(PATH_PREFIX.length());
        if (!TOKEN.matcher(token).matches()) {
            throw Problems.notFound();
        }
        UpdateInfo update = updates.findByDownloadToken(token).orElseThrow(Problems::notFound);
        if (update.withdrawn()) {
            throw new ApiException(410, "update-withdrawn", "Gone", "this update was withdrawn");
        }
        long size = update.size();
        String etag = "\"" + update.sha256() + "\"";
        var headers = response.getHeaders();
        headers.put(HttpHeader.ETAG, etag);
        headers.put(HttpHeader.ACCEPT_RANGES, "bytes");
        headers.put(HttpHeader.CACHE_CONTROL, "private, max-age=0, must-revalidate");
        if (EntityTags.matches(request.getHeaders().get(HttpHeader.IF_NONE_MATCH), etag)) {
            response.setStatus(304);
            response.write(true, null, callback);
            return null;
        }
        ByteRange range = new ByteRange(0, size - 1);
        int status = 200;
        String rangeHeader = request.getHeaders().get(HttpHeader.RANGE);
        String ifRange = request.getHeaders().get(HttpHeader.IF_RANGE);
        if (rangeHeader != null && (ifRange == null || ifRange.strip().equals(etag))) {
            Optional<ByteRange> asked;
            try {
                asked = parseRange(rangeHeader, size);
            } catch (UnsatisfiableRange e) {
                return Reply.problem(416, Problems.json(416, "range-not-satisfiable", "Range Not Satisfiable",
                        "the file has " + size + " bytes")).header("Content-Range", "bytes */" + size)
                        .header("ETag", etag).header("Accept-Ranges", "bytes");
            }
            if (asked.isPresent()) {
                range = asked.get();
                status = 206;
                headers.put(HttpHeader.CONTENT_RANGE, "bytes " + range.first() + "-" + range.last() + "/" + size);
            }
        }
        response.setStatus(status);
        headers.put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
        headers.put(HttpHeader.CONTENT_LENGTH, Math.max(0, range.length()));
        if (method.equals("HEAD") || range.length() <= 0) {
            response.write(true, null, callback);
            return null;
        }
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            updates.copyFile(update.sha256(), range.first(), range.length(), out);
        } catch (IOException | RuntimeException e) {
            // The status line is gone already; all that can be done is to cut the connection.
            callback.failed(e);
            return null;
        }
        callback.succeeded();
        return null;
    }

    /** Thrown for a range that starts beyond the end of the file. */
    static final class UnsatisfiableRange extends Exception {
        private static final long serialVersionUID = 1L;

        UnsatisfiableRange() {
            super(null, null, false, false);
        }
    }

    /**
     * The one range asked for, or empty when the header is to be ignored (not bytes, several
     * ranges, malformed): the whole file is sent then.
     */
    static Optional<ByteRange> parseRange(String header, long size) throws UnsatisfiableRange {
        if (header.indexOf(',') >= 0) {
            return Optional.empty();
        }
        Matcher m = RANGE.matcher(header.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    throw new UnsatisfiableRange();
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Long.parseLong(m.group(2));
            if (first >= size) {
                throw new UnsatisfiableRange();
            }
            if (last < first) {
                return Optional.empty();
            }
            return Optional.of(new ByteRange(first, Math.min(last, size - 1)));
        } catch (NumberFormatException e) {
            // more digits than a long holds: no file is that large
            throw new UnsatisfiableRange();
        }
    }
}
