package dev.gaus.conformance.fake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/**
 * check-for-updates of the fake: two firmware releases, 1.0.1 and 1.0.2, so that "the newest"
 * and "newer than the device's" mean something; the newest one newer than the device's
 * {@code firmware-version} is offered, the newest when the device sends none.
 */
final class FakeUpdates {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One published firmware file. */
    record Release(String version, String path, byte[] file) {
        int[] parts() {
            return parse(version).orElseThrow();
        }
    }

    /** Oldest first. */
    static final List<Release> RELEASES = List.of(release("1.0.1", 40_000, 2), release("1.0.2", 50_000, 1));

    private final Defects defects;
    private final Supplier<URI> url;

    FakeUpdates(Defects defects, Supplier<URI> url) {
        this.defects = defects;
        this.url = url;
    }

    private boolean has(Defect defect) {
        return defects.has(defect);
    }

    private static Release release(String version, int size, long seed) {
        byte[] file = new byte[size];
        new Random(seed).nextBytes(file);
        return new Release(version, "/files/fw-" + version + ".bin", file);
    }

    static Optional<Release> file(String path) {
        return RELEASES.stream().filter(r -> r.path().equals(path)).findFirst();
    }

    void checkForUpdates(HttpExchange exchange) throws IOException, Answer {
        String query = exchange.getRequestURI().getRawQuery();
        if (has(Defect.UNENCODED_PARAMS_REFUSED) && query != null && query.matches(".*[:/@].*")) {
            throw Answer.badRequest("the query is not a valid URL-encoded query");
        }
        List<Release> offered = offer(parameters(query).get("firmware-version"));
        ObjectNode answer = JSON.createObjectNode();
        if (offered.isEmpty() && has(Defect.UPDATES_NULL_WHEN_EMPTY)) {
            answer.putNull("updates");
        } else {
            ArrayNode updates = answer.putArray("updates");
            offered.forEach(r -> updates.add(update(r)));
        }
        answer.put("pollIntervalSeconds", has(Defect.POLL_INTERVAL_ZERO_ON_CHECK) ? 0 : 3600);
        byte[] body = answer.toString().getBytes(StandardCharsets.UTF_8);
        if (has(Defect.NO_ETAG)) {
            FakeHttp.send(exchange, 200, "application/json", body, Map.of());
            return;
        }
        String opaque = "\"" + (has(Defect.ETAG_OF_CATALOG) ? "catalog-" + RELEASES.size()
                : FakeHttp.sha256Hex(answer.toString()).substring(0, 16)) + "\"";
        String etag = has(Defect.STRONG_ETAG) ? opaque : "W/" + opaque;
        if (matches(exchange.getRequestHeaders().getFirst("If-None-Match"), etag)) {
            exchange.getResponseHeaders().set("ETag", etag);
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        FakeHttp.send(exchange, 200, "application/json", body, Map.of("ETag", etag));
    }

    /** What a device on {@code current} (null: it sent none) is offered. */
    private List<Release> offer(String current) {
        Optional<int[]> version = current == null ? Optional.empty() : parse(current);
        if (current != null && version.isEmpty()) {
            // A version the fake cannot read gets nothing: offering a downgrade is worse than waiting.
            return List.of();
        }
        List<Release> newer = new ArrayList<>();
        for (Release r : RELEASES) {
            int order = version.isEmpty() ? 1 : compare(r.parts(), version.get());
            if (order > 0 || order == 0 && has(Defect.OFFERS_CURRENT_VERSION)) {
                newer.add(r);
            }
        }
        if (newer.isEmpty() || has(Defect.ALL_NEWER_UPDATES_LISTED)) {
            return newer;
        }
        boolean oldest = current == null && has(Defect.NO_VERSION_GETS_OLDEST);
        return List.of(newer.get(oldest ? 0 : newer.size() - 1));
    }

    private ObjectNode update(Release r) {
        ObjectNode update = JSON.createObjectNode();
        update.put("updateId", "fw-" + r.version());
        update.put("updateType", "firmware");
        update.put("version", r.version());
        update.put("packageType", "file");
        update.put("downloadUrl", (has(Defect.RELATIVE_DOWNLOAD_URL) ? "" : url.get().toString()) + r.path());
        if (has(Defect.MALFORMED_UPDATE)) {
            update.put("size", Integer.toString(r.file().length));
        } else {
            update.put("size", r.file().length);
        }
        update.put("md5", has(Defect.WRONG_MD5) ? "9e107d9d372bb6826bd81d3542a419d6" : FakeHttp.hex("MD5", r.file()));
        ObjectNode metadata = update.putObject("metadata");
        metadata.put("toSha256", FakeHttp.hex("SHA-256", r.file()));
        if (has(Defect.METADATA_NOT_STRINGS)) {
            metadata.put("rebootRequired", 1);
        }
        return update;
    }

    /** Weak comparison (RFC 9110): a list of tags, each with or without W/, or *. */
    private boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String[] candidates = has(Defect.IF_NONE_MATCH_LIST_IGNORED) ? new String[] {ifNoneMatch} : ifNoneMatch.split(",");
        for (String candidate : candidates) {
            String c = candidate.strip();
            if (c.equals("*")) {
                return !has(Defect.IF_NONE_MATCH_STAR_IGNORED);
            }
            if (c.equals(etag) || !has(Defect.WEAK_PREFIX_REQUIRED) && opaque(c).equals(opaque(etag))) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                params.putIfAbsent(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return params;
    }

    /** A version of dotted whole numbers, such as 1.0.2; anything else cannot be compared. */
    static Optional<int[]> parse(String version) {
        if (!version.matches("\\d{1,9}(\\.\\d{1,9})*")) {
            return Optional.empty();
        }
        String[] parts = version.split("\\.");
        int[] numbers = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            numbers[i] = Integer.parseInt(parts[i]);
        }
        return Optional.of(numbers);
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }
}
