package dev.gaus.conformance.fake;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files behind the fake's downloadUrls, with Content-Length, a strong ETag and one byte range
 * per request as protocol.md decides: {@code first-last}, {@code first-} and {@code -suffix}
 * answered 206, a range that starts past the end 416.
 */
final class FakeFiles {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final Defects defects;

    FakeFiles(Defects defects) {
        this.defects = defects;
    }

    private boolean has(Defect defect) {
        return defects.has(defect);
    }

    /** A byte range, both ends included; null {@code first} means "not satisfiable". */
    private record Range(Integer first, int last) {}

    void serve(HttpExchange exchange, byte[] file) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        String sha = FakeHttp.hex("SHA-256", file);
        headers.put("ETag", has(Defect.DOWNLOAD_WEAK_ETAG) ? "W/\"" + sha + "\"" : "\"" + sha + "\"");
        headers.put("Accept-Ranges", "bytes");
        String header = exchange.getRequestHeaders().getFirst("Range");
        Range range = header == null || has(Defect.NO_RANGE) ? null : range(header.strip(), file.length);
        if (range == null) {
            send(exchange, 200, file, headers);
            return;
        }
        if (range.first() == null) {
            if (!has(Defect.RANGE_416_WITHOUT_CONTENT_RANGE)) {
                headers.put("Content-Range", "bytes */" + file.length);
            }
            headers.forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(416, -1);
            return;
        }
        byte[] part = Arrays.copyOfRange(file, range.first(), range.last() + 1);
        headers.put("Content-Range", "bytes " + range.first() + "-" + range.last() + "/"
                + (has(Defect.CONTENT_RANGE_TOTAL_WRONG) ? part.length : file.length));
        send(exchange, 206, part, headers);
    }

    /** The range asked for; null to send the whole file (a header the fake ignores, as HTTP allows). */
    private Range range(String header, int size) {
        Matcher m = RANGE.matcher(header);
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return null;
        }
        if (m.group(1).isEmpty()) {
            if (has(Defect.SUFFIX_RANGE_IGNORED)) {
                return null;
            }
            long suffix = Long.parseLong(m.group(2));
            return suffix == 0 ? new Range(null, 0) : new Range((int) Math.max(0, size - suffix), size - 1);
        }
        long first = Long.parseLong(m.group(1));
        if (m.group(2).isEmpty() && has(Defect.OPEN_RANGE_IGNORED)) {
            return null;
        }
        if (first >= size) {
            return has(Defect.RANGE_PAST_END_SERVED_WHOLE) ? null : new Range(null, 0);
        }
        long last = m.group(2).isEmpty() ? size - 1 : Long.parseLong(m.group(2));
        if (last < first) {
            return null;
        }
        if (last >= size && has(Defect.RANGE_END_NOT_CLAMPED)) {
            return new Range(null, 0);
        }
        return new Range((int) first, (int) Math.min(last, size - 1));
    }

    private void send(HttpExchange exchange, int status, byte[] body, Map<String, String> headers) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        headers.forEach(exchange.getResponseHeaders()::set);
        // Length 0 makes the JDK's server send the body chunked, without Content-Length.
        exchange.sendResponseHeaders(status, has(Defect.DOWNLOAD_WITHOUT_CONTENT_LENGTH) ? 0 : body.length);
        exchange.getResponseBody().write(body);
    }
}
