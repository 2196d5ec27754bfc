package dev.gaus.server.internal.http;

import dev.gaus.server.internal.metrics.ServerMetrics;
import dev.gaus.server.internal.store.StoreRecords.UpdateInfo;
import dev.gaus.server.internal.store.UpdateStore;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
final class DownloadHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(DownloadHandler.class);
    static final String PATH_PREFIX = "/download/";
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern RANGE = Pattern.compile("bytes=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*", Pattern.CASE_INSENSITIVE);
    /** Read size per chunk; direct buffers, so file bytes go from the page cache to the socket without the heap. */
    private static final int CHUNK_BYTES = 64 * 1024;

    private final UpdateStore updates;
    private final ServerMetrics metrics;

    DownloadHandler(UpdateStore updates, ServerMetrics metrics) {
        this.updates = updates;
        this.metrics = metrics;
    }

    /** A byte range, both ends included. */
    record ByteRange(long first, long last) {
        long length() {
            return last - first + 1;
        }
    }

    /** Answers every request itself, refusals included, and always completes {@code callback}. */
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        try {
            serve(request, response, callback);
        } catch (RuntimeException e) {
            // thrown before anything was sent: no header set for the file may go with the problem
            response.reset();
            Replies.write(Replies.map(request, e), response, callback);
        }
        return true;
    }

    private void serve(Request request, Response response, Callback callback) {
        String path = DevicePath.fullPath(request);
        String token = path.length() > PATH_PREFIX.length() ? path.substring(PATH_PREFIX.length()) : "";
        if (!TOKEN.matcher(token).matches()) {
            throw Problems.notFound();
        }
        UpdateInfo update = updates.findByDownloadToken(token).orElseThrow(Problems::notFound);
        if (update.withdrawn()) {
            throw Problems.updateWithdrawn();
        }
        long size = update.size();
        String etag = "\"" + update.sha256() + "\"";
        identify(response, etag);
        if (EntityTags.matches(request.getHeaders().get(HttpHeader.IF_NONE_MATCH), etag)) {
            response.setStatus(304);
            response.write(true, null, callback);
            return;
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
                Replies.write(Reply.problem(416, Problems.json(416, "range-not-satisfiable", "Range Not Satisfiable",
                        "the file has " + size + " bytes")).header("Content-Range", "bytes */" + size)
                        .header("ETag", etag).header("Accept-Ranges", "bytes"), response, callback);
                return;
            }
            if (asked.isPresent()) {
                range = asked.get();
                status = 206;
            }
        }
        boolean headOnly = request.getMethod().equals("HEAD") || range.length() <= 0;
        SeekableByteChannel file = headOnly ? null : open(update);
        var headers = response.getHeaders();
        if (status == 206) {
            headers.put(HttpHeader.CONTENT_RANGE, "bytes " + range.first() + "-" + range.last() + "/" + size);
        }
        response.setStatus(status);
        headers.put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
        headers.put(HttpHeader.CONTENT_LENGTH, Math.max(0, range.length()));
        if (file == null) {
            response.write(true, null, callback);
            return;
        }
        long length = range.length();
        ByteBufferPool.Sized buffers = new ByteBufferPool.Sized(request.getComponents().getByteBufferPool(), true,
                CHUNK_BYTES);
        Content.copy(Content.Source.from(buffers, file, range.first(), range.length()), response,
                new Sent(response, callback, file, update.sha256(), () -> metrics.downloaded(length)));
    }

    private static void identify(Response response, String etag) {
        var headers = response.getHeaders();
        headers.put(HttpHeader.ETAG, etag);
        headers.put(HttpHeader.ACCEPT_RANGES, "bytes");
        headers.put(HttpHeader.CACHE_CONTROL, "private, max-age=0, must-revalidate");
    }

    /** The update's file, opened before the status line is sent so that a missing one is a 500 problem. */
    private SeekableByteChannel open(UpdateInfo update) {
        try {
            return updates.openFile(update.sha256(), update.size());
        } catch (IOException e) {
            LOG.error("cannot serve the file of update {}: {}", update.id(), e.getMessage());
            throw Problems.internalError();
        }
    }

    /**
     * Completes the request when the copy ends. A failure before anything was sent is answered
     * 500; after that the status line is gone and all that is left is to cut the connection.
     */
    private static final class Sent implements Callback {
        private final Response response;
        private final Callback callback;
        private final SeekableByteChannel file;
        private final String sha256;
        private final Runnable onSent;

        Sent(Response response, Callback callback, SeekableByteChannel file, String sha256, Runnable onSent) {
            this.onSent = onSent;
            this.response = response;
            this.callback = callback;
            this.file = file;
            this.sha256 = sha256;
        }

        @Override
        public void succeeded() {
            close();
            onSent.run();
            callback.succeeded();
        }

        @Override
        public void failed(Throwable failure) {
            close();
            if (!response.isCommitted()) {
                LOG.error("reading the update file {} failed: {}", sha256, failure.toString());
                response.reset();
                Replies.write(Replies.problem(Problems.internalError()), response, callback);
                return;
            }
            // Most often the device went away; a resumed download picks up from here.
            LOG.info("download of the update file {} ended early: {}", sha256, failure.toString());
            callback.failed(failure);
        }

        private void close() {
            try {
                file.close();
            } catch (IOException e) {
                LOG.debug("closing the update file {} failed: {}", sha256, e.toString());
            }
        }
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
