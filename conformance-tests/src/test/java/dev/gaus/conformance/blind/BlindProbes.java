package dev.gaus.conformance.blind;

import static dev.gaus.conformance.blind.BlindClient.authenticateBody;
import static dev.gaus.conformance.blind.BlindClient.claims;
import static dev.gaus.conformance.blind.BlindClient.header;
import static dev.gaus.conformance.blind.BlindClient.json;
import static dev.gaus.conformance.blind.BlindClient.registerBody;
import static dev.gaus.conformance.blind.BlindClient.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gaus.conformance.blind.BlindClient.Session;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * For each fault, requests whose answers show it: a short description of what a device sees,
 * which differs between the faithful proxy and the mutant.
 */
final class BlindProbes {
    private static final String REPORT = "{\"version\":\"1.0.0\",\"header\":{\"seqNo\":1,\"ts\":\"2026-01-01T00:00:00.000Z\"},"
            + "\"data\":[{\"type\":\"event.update.Status\",\"ts\":\"2026-01-01T00:00:00.000Z\",\"v_strings\":{\"phase\":\"download\","
            + "\"status\":\"success\",\"updateId\":\"u-1\"}}]}";
    private static final String ITEM = "{\"type\":\"metric.gauge.t\",\"ts\":\"2026-01-01T00:00:00.000Z\"";

    private BlindProbes() {}

    static String observe(BlindFault fault, BlindClient c) throws InterruptedException {
        return switch (fault) {
            case DEVICE_ID_OF_129_ACCEPTED -> st(c.register("d".repeat(129)));
            case DEVICE_ID_LIMIT_IN_BYTES -> st(c.register("é".repeat(100)));
            case DEVICE_ID_LIMIT_IN_CODE_POINTS -> st(c.register("\uD83D\uDE00".repeat(65)));
            case DEVICE_ID_C1_CONTROLS_ACCEPTED -> st(c.register("dev\u0085x")) + " " + st(c.register("dev\u007fx"));
            case REREGISTRATION_RETURNS_FIRST_DEVICE -> {
                String id = "refurbished-" + UUID.randomUUID();
                yield "same keys: " + keysOf(c.register(id)).equals(keysOf(c.register(id)));
            }
            case DEVICE_KEYS_IN_UPPER_CASE -> "lowercase hex: " + c.deviceKeys()[1].matches("[0-9a-f]{64}");
            case POLL_INTERVAL_ALIAS_ONLY -> "has pollIntervalSeconds: " + json(c.register("p-1")).has("pollIntervalSeconds");
            case POLL_INTERVAL_AS_STRING -> "type " + json(c.register("p-1")).path("pollIntervalSeconds").getNodeType();
            case IDEMPOTENCY_KEY_IGNORED -> "same keys: " + keysOf(c.register("idem", "Idempotency-Key", "k-1"))
                    .equals(keysOf(c.register("idem", "Idempotency-Key", "k-1")));
            case IDEMPOTENCY_KEY_NOT_BOUND_TO_BODY -> {
                c.register("first", "Idempotency-Key", "k-2");
                yield st(c.register("second", "Idempotency-Key", "k-2"));
            }
            case IDEMPOTENCY_KEY_OF_256_ACCEPTED -> st(c.register("idem", "Idempotency-Key", "k".repeat(256)));
            case IDEMPOTENT_REPLAY_UNMARKED -> {
                c.register("replayed", "Idempotency-Key", "k-3");
                yield "Idempotent-Replayed " + header(c.register("replayed", "Idempotency-Key", "k-3"), "Idempotent-Replayed");
            }
            case PRODUCT_SECRET_TRIMMED -> st(c.post("/register", registerBody("t", c.productKey, c.productSecret + " ")));
            case PRODUCT_SECRET_PREFIX_COMPARED -> st(c.post("/register", registerBody("t", c.productKey, c.productSecret + "x")));
            case REGISTER_UNKNOWN_KEY_NAMED -> {
                HttpResponse<byte[]> unknown = c.post("/register", registerBody("t", "no-such-key", c.productSecret));
                HttpResponse<byte[]> wrong = c.post("/register", registerBody("t", c.productKey, "wrong"));
                yield st(unknown) + " " + st(wrong) + " same body: " + text(unknown).equals(text(wrong));
            }
            case AUTHENTICATE_UNKNOWN_KEY_404 -> st(c.authenticate("f".repeat(64), "0".repeat(64)));
            case DEVICE_SECRET_CASE_INSENSITIVE -> {
                String[] k = c.deviceKeys();
                yield st(c.authenticate(k[0], k[1].toUpperCase(Locale.ROOT)));
            }
            case DEVICE_SECRET_SHORT_ACCEPTED -> {
                String[] k = c.deviceKeys();
                yield st(c.authenticate(k[0], k[1].substring(0, k[1].length() - 1)));
            }
            case TOKEN_SUB_REVERSED -> {
                Session s = c.session();
                yield "sub is pgu:dgu " + claims(s.token()).path("sub").asText().equals(s.productGUID() + ":" + s.deviceGUID());
            }
            case TOKEN_AUD_MISSING -> "aud " + claims(c.session().token()).get("aud");
            case TOKEN_TIMES_IN_MILLISECONDS -> "exp within a year: "
                    + (claims(c.session().token()).path("exp").asLong() < System.currentTimeMillis() / 1000 + 366L * 86400);
            case TOKEN_JTI_REPEATED -> {
                String[] k = c.deviceKeys();
                String a = claims(json(c.authenticate(k[0], k[1])).path("token").asText()).path("jti").asText();
                String b = claims(json(c.authenticate(k[0], k[1])).path("token").asText()).path("jti").asText();
                yield "same jti: " + a.equals(b);
            }
            case TOKEN_DID_IS_DEVICE_GUID -> {
                JsonNode keys = json(c.register("did-probe")).path("deviceAuthParameters");
                String token = json(c.authenticate(keys.path("accessKey").asText(), keys.path("secretKey").asText()))
                        .path("token").asText();
                yield "did " + claims(token).path("did").asText();
            }
            case TOKEN_PAYLOAD_NOT_VERIFIED -> {
                Session s = c.session();
                String[] parts = s.token().split("\\.");
                String payload = b64(claims(s.token()).put("did", "someone-else").toString());
                yield st(c.get(s.path("check-for-updates"), "Authorization", "Bearer " + parts[0] + "." + payload + "." + parts[2]));
            }
            case TOKEN_ALG_NONE_ACCEPTED -> {
                Session s = c.session();
                String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + s.token().split("\\.")[1] + ".";
                yield st(c.get(s.path("check-for-updates"), "Authorization", "Bearer " + none));
            }
            case EXPIRED_TOKEN_ACCEPTED -> {
                Session s = c.session();
                Thread.sleep(BlindFaultsLiveTest.SHORT_TTL.toMillis() + 2_500);
                yield st(c.check(s, "firmware-version=0.0.1"));
            }
            case EQUAL_VERSION_OFFERED -> types(c, "firmware-version=1.0.2&app-version=12");
            case VERSIONS_COMPARED_AS_TEXT -> types(c, "firmware-version=1.0.10&app-version=100");
            case OLDER_VERSION_OFFERED -> types(c, "firmware-version=2.0.0&app-version=13");
            case UNREADABLE_VERSION_GETS_NEWEST -> types(c, "firmware-version=banana&app-version=x1");
            case PRERELEASE_EQUALS_RELEASE -> types(c, "firmware-version=1.0.2-rc.1&app-version=12");
            case MISSING_VERSION_GETS_NOTHING -> types(c, "firmware-version=0.0.1");
            case REPEATED_VERSION_LAST_WINS -> types(c, "firmware-version=0.0.1&firmware-version=9.9.9&app-version=12");
            case PERCENT_ESCAPES_NOT_DECODED -> types(c, "firmware-version=0%2E0%2E1&app-version=12");
            case UNENCODED_QUERY_REFUSED -> {
                Session s = c.session();
                yield "status " + c.raw("127.0.0.1", "GET", s.path("check-for-updates") + "?firmware-version=0.0.1&note=a|b%",
                        null, "Authorization", "Bearer " + s.token()).status;
            }
            case DUPLICATE_UPDATE_OF_ONE_TYPE -> types(c, "firmware-version=0.0.1&app-version=3");
            case NO_UPDATES_AS_NULL -> "updates " + json(c.check(c.session(), "firmware-version=9.9.9&app-version=99"))
                    .get("updates");
            case POLL_INTERVAL_ZERO_IN_CHECK -> "interval " + json(c.check(c.session(), "app-version=3")).path("pollIntervalSeconds");
            case MD5_IN_UPPER_CASE -> "md5 lowercase: " + firstUpdate(c).path("md5").asText().matches("[0-9a-f]{32}");
            case SIZE_AS_STRING -> "size " + firstUpdate(c).path("size").getNodeType();
            case DOWNLOAD_URL_RELATIVE -> "absolute: " + URI.create(firstUpdate(c).path("downloadUrl").asText()).isAbsolute();
            case CHECK_ETAG_STRONG -> "weak: " + header(c.check(c.session(), "app-version=3"), "ETag").startsWith("W/");
            case CHECK_ETAG_OF_PATH_ONLY -> {
                Session s = c.session();
                String tag = header(c.check(s, "firmware-version=0.0.1"), "ETag");
                yield st(c.check(s, "firmware-version=9.9.9&app-version=99", "If-None-Match", tag));
            }
            case IF_NONE_MATCH_NEEDS_WEAK_PREFIX -> {
                Session s = c.session();
                String tag = header(c.check(s, "app-version=3"), "ETag");
                yield st(c.check(s, "app-version=3", "If-None-Match", tag.replaceFirst("^W/", "")));
            }
            case IF_NONE_MATCH_FIRST_TAG_ONLY -> {
                Session s = c.session();
                String tag = header(c.check(s, "app-version=3"), "ETag");
                yield st(c.check(s, "app-version=3", "If-None-Match", "W/\"" + "0".repeat(32) + "\", " + tag));
            }
            case IF_NONE_MATCH_STAR_IGNORED -> st(c.check(c.session(), "app-version=3", "If-None-Match", "*"));
            case NOT_MODIFIED_WITHOUT_ETAG -> {
                Session s = c.session();
                String tag = header(c.check(s, "app-version=3"), "ETag");
                HttpResponse<byte[]> r = c.check(s, "app-version=3", "If-None-Match", tag);
                yield st(r) + " ETag present: " + r.headers().firstValue("ETag").isPresent();
            }
            case OTHER_DEVICE_PATH_ALLOWED, FORBIDDEN_ANSWERED_401 -> {
                Session mine = c.session();
                Session other = c.session();
                yield st(c.get(other.path("check-for-updates"), "Authorization", "Bearer " + mine.token()));
            }
            case MISSING_TOKEN_WITHOUT_CHALLENGE -> "challenge " + header(c.get(c.session().path("check-for-updates")), "WWW-Authenticate");
            case BEARER_SCHEME_CASE_SENSITIVE -> {
                Session s = c.session();
                yield st(c.get(s.path("check-for-updates"), "Authorization", "bearer " + s.token()));
            }
            case INVALID_TOKEN_CHALLENGE_WITHOUT_ERROR -> "challenge " + header(c.get(c.session().path("check-for-updates"),
                    "Authorization", "Bearer not.a.token"), "WWW-Authenticate");
            case HEAD_ON_CHECK_ANSWERED -> {
                Session s = c.session();
                yield st(c.send("HEAD", s.path("check-for-updates"), null, "Authorization", "Bearer " + s.token()));
            }
            case REPORT_HEADER_TS_OPTIONAL -> st(c.report(c.session(), "{\"version\":\"1\",\"header\":{\"seqNo\":1},\"data\":[]}"));
            case REPORT_ONLY_FIRST_ITEM_CHECKED -> st(c.report(c.session(),
                    "{\"version\":\"1\",\"header\":{\"ts\":\"t\"},\"data\":[" + ITEM + "},{\"type\":\"metric.gauge.t\"}]}"));
            case REPORT_DECIMAL_INTS_TRUNCATED -> st(c.report(c.session(),
                    "{\"version\":\"1\",\"header\":{\"ts\":\"t\"},\"data\":[" + ITEM + ",\"v_ints\":{\"n\":1.5}}]}"));
            case REPORT_EMPTY_DATA_REFUSED -> st(c.report(c.session(), "{\"version\":\"1\",\"header\":{\"ts\":\"t\"},\"data\":[]}"));
            case REPORT_ANSWERED_204 -> {
                HttpResponse<byte[]> r = c.report(c.session(), REPORT);
                yield st(r) + " " + text(r);
            }
            case REPORT_NULL_MAP_VALUES_DROPPED -> st(c.report(c.session(),
                    "{\"version\":\"1\",\"header\":{\"ts\":\"t\"},\"data\":[" + ITEM + ",\"v_strings\":{\"a\":null}}]}"));
            case REPORT_SEQNO_STRING_COERCED -> st(c.report(c.session(), "{\"version\":\"1\",\"header\":{\"seqNo\":\"123\",\"ts\":\"t\"},\"data\":[]}"));
            case TEXT_LIMIT_IN_CODE_POINTS -> st(c.report(c.session(),
                    "{\"version\":\"" + "\uD83D\uDE00".repeat(2049) + "\",\"header\":{\"ts\":\"t\"},\"data\":[]}"));
            case REPORT_TRAILING_DATA_ACCEPTED -> st(c.report(c.session(), REPORT + " {}"));
            case REPORT_TEXT_PLAIN_ACCEPTED -> st(c.report(c.session(), REPORT, "Content-Type", "text/plain"));
            case REPORT_JSON_SUFFIX_REFUSED -> st(c.report(c.session(), REPORT, "Content-Type", "application/vnd.gaus+json"));
            case REPORT_BODY_LIMIT_OFF_BY_ONE -> st(c.report(c.session(), pad(REPORT, 65_536) + " "));
            case DUPLICATE_KEYS_LAST_WINS -> {
                String[] k = c.deviceKeys();
                String wrong = authenticateBody(k[0], "wrong");
                String right = authenticateBody(k[0], k[1]);
                yield st(c.post("/authenticate", wrong.substring(0, wrong.length() - 1) + "," + right.substring(1)));
            }
            case DEEP_NESTING_ACCEPTED -> {
                String body = registerBody("deep", c.productKey, c.productSecret);
                yield st(c.post("/register", body.substring(0, body.length() - 1) + ",\"extra\":" + "[".repeat(40) + "]".repeat(40) + "}"));
            }
            case NULL_DEVICE_ID_AS_TEXT -> st(c.post("/register", registerBody("x", c.productKey, c.productSecret)
                    .replace("\"x\"", "null")));
            case NUMERIC_DEVICE_ID_COERCED -> st(c.post("/register", registerBody("x", c.productKey, c.productSecret)
                    .replace("\"x\"", "12345")));
            case UNKNOWN_FIELD_REFUSED -> {
                String[] k = c.deviceKeys();
                String body = authenticateBody(k[0], k[1]);
                yield st(c.post("/authenticate", body.substring(0, body.length() - 1) + ",\"clientVersion\":\"2.1\"}"));
            }
            case PROBLEM_ECHOES_DEVICE_ID -> "echoed: " + text(c.register("x".repeat(129) + "MARKER")).contains("MARKER");
            case PROBLEM_ECHOES_SECRET -> "echoed: " + text(c.authenticate("a".repeat(64), "SECRET-MARKER")).contains("SECRET-MARKER");
            case METHOD_NOT_ALLOWED_AS_PLAIN_JSON -> header(c.get("/register"), "Content-Type");
            case BODY_TOO_LARGE_STATUS_AS_TEXT -> {
                HttpResponse<byte[]> r = c.post("/register", pad(registerBody("big", c.productKey, c.productSecret), 70_000));
                yield st(r) + " " + json(r).path("status").getNodeType();
            }
            case UNSUPPORTED_MEDIA_TYPE_WITHOUT_DETAIL -> {
                HttpResponse<byte[]> r = c.post("/register", registerBody("t", c.productKey, c.productSecret), "Content-Type", "text/plain");
                yield st(r) + " detail " + json(r).has("detail");
            }
            case ALLOW_MISSING_ON_REPORT -> {
                Session s = c.session();
                yield "Allow " + header(c.get(s.path("report"), "Authorization", "Bearer " + s.token()), "Allow");
            }
            case OPTIONS_ON_REGISTER_ANSWERED -> st(c.send("OPTIONS", "/register", null));
            case UNKNOWN_METHOD_501 -> st(c.send("PURGE", "/authenticate", null));
            case TRAILING_SLASH_ROUTED -> st(c.post("/register/", registerBody("slash", c.productKey, c.productSecret)));
            case PATH_CASE_INSENSITIVE -> {
                String[] k = c.deviceKeys();
                yield st(c.post("/Authenticate", authenticateBody(k[0], k[1])));
            }
            case CONTENT_TYPE_PARAMETERS_REFUSED -> st(c.register("charset", "Content-Type", "application/json; charset=utf-8"));
            case MISSING_CONTENT_TYPE_REFUSED -> {
                String[] k = c.deviceKeys();
                yield st(c.post("/authenticate", authenticateBody(k[0], k[1]), "Content-Type", ""));
            }
            case BODY_OF_64_KIB_REFUSED -> st(c.post("/register", pad(registerBody("pad", c.productKey, c.productSecret), 65_536)));
            case CHUNKED_BODY_NOT_LIMITED -> {
                String[] k = c.deviceKeys();
                yield st(c.postChunked("/authenticate", pad(authenticateBody(k[0], k[1]), 70_000)));
            }
            case RETRY_AFTER_MISSING -> {
                HttpResponse<byte[]> r = guessOut(c);
                yield st(r) + " Retry-After present: " + r.headers().firstValue("Retry-After").isPresent();
            }
            case RETRY_AFTER_IN_MILLISECONDS -> {
                HttpResponse<byte[]> r = guessOut(c);
                yield st(r) + " within the window: " + (Long.parseLong(header(r, "Retry-After")) <= 600);
            }
            case SAME_WRONG_SECRET_COUNTED -> {
                HttpResponse<byte[]> last = null;
                for (int i = 0; i < 23; i++) {
                    last = c.post("/register", registerBody("stale", c.productKey, "stale-secret"));
                }
                yield st(last);
            }
            case THROTTLE_AFTER_SECRET_CHECK -> st(guessOut(c));
            case THROTTLE_PER_KEY_ONLY -> {
                guessOut(c);
                yield "status " + c.raw("127.0.0.2", "POST", "/register", registerBody("elsewhere", c.productKey, c.productSecret),
                        "Content-Type", "application/json").status;
            }
            case BAD_REQUESTS_COUNTED -> {
                for (int i = 0; i < 22; i++) {
                    c.post("/register", "{\"deviceId\":\"\"}");
                }
                yield st(c.register("after-bad-requests"));
            }
            case SPRAY_LOCKS_PROVEN_KEYS -> {
                c.register("proven");
                for (int i = 0; i < 102; i++) {
                    c.post("/register", registerBody("spray", "sprayed-key-" + i, "secret"));
                }
                yield st(c.register("proven-again"));
            }
            case RANGE_END_EXCLUSIVE -> "bytes " + c.get(c.firmwareDownload(), "Range", "bytes=0-99").body().length;
            case SUFFIX_RANGE_AS_OFFSET -> header(c.get(c.firmwareDownload(), "Range", "bytes=-100"), "Content-Range");
            case RANGE_PAST_END_SENDS_FILE -> st(c.get(c.firmwareDownload(), "Range", "bytes=80000-"));
            case RANGE_AT_SIZE_GETS_LAST_BYTE -> st(c.get(c.firmwareDownload(), "Range", "bytes=70000-"));
            case CONTENT_RANGE_SIZE_UNKNOWN -> header(c.get(c.firmwareDownload(), "Range", "bytes=0-9"), "Content-Range");
            case UNSATISFIABLE_RANGE_WITHOUT_SIZE -> header(c.get(c.firmwareDownload(), "Range", "bytes=80000-"), "Content-Range");
            case DOWNLOAD_ETAG_WEAK -> "weak: " + header(c.get(c.firmwareDownload()), "ETag").startsWith("W/");
            case IF_RANGE_IGNORED -> st(c.get(c.firmwareDownload(), "Range", "bytes=0-9", "If-Range", "\"" + "0".repeat(64) + "\""));
            case IF_RANGE_WEAK_MATCH -> {
                String path = c.firmwareDownload();
                String tag = header(c.get(path), "ETag");
                yield st(c.get(path, "Range", "bytes=0-9", "If-Range", "W/" + tag));
            }
            case HEAD_DOWNLOAD_LENGTH_ZERO -> "length " + header(c.send("HEAD", c.firmwareDownload(), null), "Content-Length");
            case HEAD_DOWNLOAD_REFUSED -> st(c.send("HEAD", c.firmwareDownload(), null));
            case DOWNLOAD_TOKEN_CASE_FOLDED -> {
                String path = c.firmwareDownload();
                yield st(c.get("/download/" + path.substring("/download/".length()).toUpperCase(Locale.ROOT)));
            }
            case MULTIPLE_RANGES_FIRST_SERVED -> st(c.get(c.firmwareDownload(), "Range", "bytes=0-9,20-29"));
            case RANGE_LENIENT_SYNTAX_IGNORED -> {
                String path = c.firmwareDownload();
                yield st(c.get(path, "Range", "bytes= 0 - 9")) + " " + st(c.get(path, "Range", "Bytes=0-9"));
            }
            case RANGE_ANSWER_CHUNKED -> "length " + header(c.get(c.firmwareDownload(), "Range", "bytes=0-9"), "Content-Length");
            case DOWNLOAD_IF_NONE_MATCH_IGNORED -> {
                String path = c.firmwareDownload();
                String tag = header(c.get(path), "ETag");
                yield st(c.get(path, "If-None-Match", tag));
            }
        };
    }

    /** 21 distinct wrong secrets for the product key from this address, then the right one. */
    private static HttpResponse<byte[]> guessOut(BlindClient c) {
        for (int i = 0; i < 21; i++) {
            c.post("/register", registerBody("guess", c.productKey, "guess-" + i));
        }
        return c.register("after-guessing");
    }

    private static String st(HttpResponse<byte[]> r) {
        return "status " + r.statusCode();
    }

    private static String keysOf(HttpResponse<byte[]> r) {
        return json(r).path("deviceAuthParameters").toString();
    }

    private static String types(BlindClient c, String query) {
        HttpResponse<byte[]> r = c.check(c.session(), query);
        List<String> out = new ArrayList<>();
        for (JsonNode u : json(r).path("updates")) {
            out.add(u.path("updateType").asText() + " " + u.path("version").asText());
        }
        return st(r) + " " + out;
    }

    private static JsonNode firstUpdate(BlindClient c) {
        return json(c.check(c.session(), "firmware-version=0.0.1&app-version=3")).path("updates").path(0);
    }

    /** The JSON object text padded with spaces before its last brace to {@code bytes} UTF-8 bytes. */
    private static String pad(String json, int bytes) {
        int missing = bytes - json.getBytes(StandardCharsets.UTF_8).length;
        return json.substring(0, json.length() - 1) + " ".repeat(missing) + "}";
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
