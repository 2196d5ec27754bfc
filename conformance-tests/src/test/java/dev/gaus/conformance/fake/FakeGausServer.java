package dev.gaus.conformance.fake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gaus.core.Credentials;
import dev.gaus.core.message.AuthParameters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A small in-memory GAUS server for the kit's self-tests: correct by default (it passes every
 * scenario), and able to break one rule of protocol.md at a time, so the tests can prove that the
 * kit notices. Real HTTP on a real socket; all state in memory behind one lock.
 */
public final class FakeGausServer implements AutoCloseable {
    private static final int MAX_BODY = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Set<Defect> defects;
    private final Duration tokenTtl;
    /** The update the fake offers: firmware 1.0.2, served at {@link #FIRMWARE_PATH}. */
    private static final byte[] FIRMWARE = new byte[50_000];
    private static final String FIRMWARE_PATH = "/files/fw-1.0.2.bin";
    /** What the kit is told the fake offers: firmware, to a device on firmware 0.0.1. */
    public static final List<String> OFFERED_TYPES = List.of("firmware");
    public static final Map<String, String> OFFERED_TO = Map.of("firmware-version", "0.0.1");

    static {
        new Random(1).nextBytes(FIRMWARE);
    }

    private final Clock clock = Clock.systemUTC();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final byte[] jwtKey = Credentials.randomBytes(32);
    private final String productGUID = UUID.randomUUID().toString();
    private final AuthParameters productKeys = Credentials.newKeyPair();

    private final Object lock = new Object();
    private final Map<String, FakeDevice> devicesByAccessKey = new HashMap<>();
    private final Map<String, FakeDevice> devicesByDeviceId = new HashMap<>();
    private final Map<String, byte[][]> idempotent = new HashMap<>();
    private final FakeThrottle throttle;
    private final AtomicInteger failedAuthentications =
            new AtomicInteger();

    private record FakeDevice(String deviceGUID, String deviceId, String accessKey, String secretKey) {}

    /** Thrown by a handler to answer with an error. */
    private static final class Answer extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final String title;
        final String detail;
        final Map<String, String> headers;

        Answer(int status, String title, String detail, Map<String, String> headers) {
            super(title, null, false, false);
            this.status = status;
            this.title = title;
            this.detail = detail;
            this.headers = headers;
        }

        Answer(int status, String title, String detail) {
            this(status, title, detail, Map.of());
        }
    }

    private FakeGausServer(Set<Defect> defects, Duration tokenTtl) throws IOException {
        this.defects = defects.isEmpty() ? EnumSet.noneOf(Defect.class) : EnumSet.copyOf(defects);
        this.throttle = new FakeThrottle(this.defects, clock);
        this.tokenTtl = tokenTtl;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static FakeGausServer start(Set<Defect> defects, Duration tokenTtl) {
        try {
            return new FakeGausServer(defects, tokenTtl);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake server", e);
        }
    }

    public static FakeGausServer start(Set<Defect> defects) {
        return start(defects, Duration.ofHours(1));
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public AuthParameters productKeys() {
        return productKeys;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private boolean has(Defect defect) {
        return defects.contains(defect);
    }

    // ---- routing --------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (Answer answer) {
                problem(exchange, answer);
            } catch (RuntimeException e) {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                send(exchange, 500, "text/plain", trace.toString().getBytes(StandardCharsets.UTF_8), Map.of());
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException, Answer {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        String[] parts = path.split("/", -1);
        if (path.equals("/register") || path.equals("/authenticate")) {
            allow(method, "POST", path);
            JsonNode body = jsonBody(exchange, path);
            if (path.equals("/register")) {
                register(exchange, body);
            } else {
                authenticate(exchange, body);
            }
        } else if (parts.length == 5 && parts[1].equals("device") && parts[4].equals("check-for-updates")) {
            allow(method, "GET", path);
            authorize(exchange, parts[2], parts[3]);
            checkForUpdates(exchange);
        } else if (path.equals(FIRMWARE_PATH)) {
            allow(method, "GET", path);
            firmwareFile(exchange);
        } else if (parts.length == 5 && parts[1].equals("device") && parts[4].equals("report")) {
            allow(method, "POST", path);
            authorize(exchange, parts[2], parts[3]);
            report(exchange, jsonBody(exchange, path));
        } else {
            throw new Answer(404, "Not Found", "no such resource");
        }
    }

    private void allow(String method, String allowed, String path) throws Answer {
        if (!method.equals(allowed)) {
            if (has(Defect.NO_METHOD_NOT_ALLOWED)
                    || has(Defect.METHOD_CHECK_ON_REGISTER_ONLY) && !path.equals("/register")) {
                throw new Answer(404, "Not Found", "no such resource");
            }
            throw new Answer(405, "Method Not Allowed", "use " + allowed, Map.of("Allow", allowed));
        }
    }

    private JsonNode jsonBody(HttpExchange exchange, String path) throws IOException, Answer {
        boolean register = path.equals("/register");
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null && !has(Defect.ANY_CONTENT_TYPE) && (register || !has(Defect.CONTENT_TYPE_ON_REGISTER_ONLY))) {
            String media = type.split(";")[0].strip().toLowerCase(Locale.ROOT);
            if (!media.equals("application/json") && !media.endsWith("+json")) {
                throw new Answer(415, "Unsupported Media Type", "send application/json");
            }
        }
        byte[] body = readBody(exchange.getRequestBody());
        if (body.length > MAX_BODY && !has(Defect.NO_BODY_LIMIT) && (register || !has(Defect.BODY_LIMIT_ON_REGISTER_ONLY))) {
            throw new Answer(413, "Content Too Large", "bodies are limited to 64 KiB");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            if (has(Defect.SERVER_ERROR_ON_BAD_JSON)) {
                throw new IllegalStateException("cannot parse request", e);
            }
            throw new Answer(400, "Bad Request", "the body is not JSON");
        }
        if (node == null || node.isMissingNode()) {
            if (has(Defect.SERVER_ERROR_ON_BAD_JSON)) {
                throw new NullPointerException("body");
            }
            throw new Answer(400, "Bad Request", "the body is empty");
        }
        if (!node.isObject()) {
            throw new Answer(400, "Bad Request", "the body is not a JSON object");
        }
        return node;
    }

    private static byte[] readBody(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0 && out.size() <= 2 * MAX_BODY) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static String text(JsonNode node, String path) throws Answer {
        JsonNode value = node;
        for (String name : path.split("\\.")) {
            value = value.path(name);
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new Answer(400, "Bad Request", path + " must be a non-empty string");
        }
        return value.asText();
    }

    // ---- register and authenticate ------------------------------------------------------------

    private void register(HttpExchange exchange, JsonNode body) throws IOException, Answer {
        String deviceId = text(body, "deviceId");
        if (!has(Defect.LENIENT_DEVICE_ID)
                && (deviceId.length() > 128 || deviceId.chars().anyMatch(Character::isISOControl))) {
            throw new Answer(400, "Bad Request", "deviceId must be at most 128 characters without control characters");
        }
        String accessKey = text(body, "productAuthParameters.accessKey");
        String secretKey = text(body, "productAuthParameters.secretKey");
        String address = exchange.getRemoteAddress().getAddress().getHostAddress();
        synchronized (lock) {
            boolean right = accessKey.equals(productKeys.accessKey()) && secretMatches(secretKey, productKeys.secretKey());
            checkRateLimit(address, accessKey, right);
            if (!accessKey.equals(productKeys.accessKey())) {
                failed(address, accessKey, secretKey, has(Defect.ENUMERATES_KEYS) ? "no product has this access key" : null);
            }
            if (!secretMatches(secretKey, productKeys.secretKey())) {
                failed(address, accessKey, secretKey, null);
            }
            throttle.succeeded(address, accessKey);
            String idempotencyKey = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            byte[] bodyBytes = body.toString().getBytes(StandardCharsets.UTF_8);
            if (idempotencyKey != null && !has(Defect.NOT_IDEMPOTENT)) {
                byte[][] earlier = idempotent.get(idempotencyKey);
                if (earlier != null && Arrays.equals(earlier[0], bodyBytes)) {
                    send(exchange, 200, "application/json", earlier[1], Map.of());
                    return;
                }
            }
            FakeDevice device = newDevice(deviceId);
            ObjectNode answer = JSON.createObjectNode();
            if (has(Defect.POLL_INTERVAL_AS_STRING)) {
                answer.put("pollIntervalSeconds", "3600");
            } else if (!has(Defect.POLL_INTERVAL_MISSING)) {
                answer.put("pollIntervalSeconds", 3600);
            }
            ObjectNode keys = answer.putObject("deviceAuthParameters");
            keys.put("accessKey", device.accessKey());
            keys.put("secretKey", device.secretKey());
            byte[] bytes = answer.toString().getBytes(StandardCharsets.UTF_8);
            if (idempotencyKey != null) {
                idempotent.put(idempotencyKey, new byte[][] {bodyBytes, bytes});
            }
            send(exchange, 200, "application/json", bytes, Map.of());
        }
    }

    private FakeDevice newDevice(String deviceId) {
        String accessKey;
        String secretKey;
        if (has(Defect.REUSED_KEYS)) {
            accessKey = sha256Hex("access:" + deviceId);
            secretKey = sha256Hex("secret:" + deviceId);
        } else {
            AuthParameters keys = Credentials.newKeyPair();
            accessKey = keys.accessKey();
            secretKey = keys.secretKey();
        }
        String deviceGUID = UUID.randomUUID().toString();
        FakeDevice earlier = devicesByDeviceId.get(deviceId);
        if (has(Defect.MERGES_REREGISTRATION) && earlier != null) {
            devicesByAccessKey.remove(earlier.accessKey());
            deviceGUID = earlier.deviceGUID();
        }
        FakeDevice device = new FakeDevice(deviceGUID, deviceId, accessKey, secretKey);
        devicesByAccessKey.put(accessKey, device);
        devicesByDeviceId.put(deviceId, device);
        return device;
    }

    private void authenticate(HttpExchange exchange, JsonNode body) throws IOException, Answer {
        String accessKey = text(body, "deviceAuthParameters.accessKey");
        String secretKey = text(body, "deviceAuthParameters.secretKey");
        String address = exchange.getRemoteAddress().getAddress().getHostAddress();
        FakeDevice device;
        synchronized (lock) {
            device = devicesByAccessKey.get(accessKey);
            checkRateLimit(address, accessKey, device != null && secretMatches(secretKey, device.secretKey()));
            if (device == null) {
                failed(address, accessKey, secretKey, has(Defect.ENUMERATES_KEYS) || has(Defect.ENUMERATES_DEVICE_KEYS)
                        ? "no device has this access key" : null);
            }
            if (!secretMatches(secretKey, device.secretKey())) {
                failed(address, accessKey, secretKey, null);
            }
            throttle.succeeded(address, accessKey);
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("deviceGUID", device.deviceGUID());
        answer.put("productGUID", productGUID);
        answer.put("token", token(device));
        send(exchange, 200, "application/json", answer.toString().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** Whether {@code presented} is taken for {@code stored}: exactly, unless a defect compares otherwise. */
    private boolean secretMatches(String presented, String stored) {
        if (has(Defect.UNCHECKED_SECRET)) {
            return true;
        }
        if (has(Defect.SECRET_PREFIX_COMPARED)) {
            return presented.regionMatches(0, stored, 0, 16);
        }
        if (has(Defect.SECRET_CASE_IGNORED)) {
            return presented.equalsIgnoreCase(stored);
        }
        if (has(Defect.SECRET_COMPARED_TO_PRESENTED_LENGTH)) {
            return stored.startsWith(presented);
        }
        if (has(Defect.SECRET_COMPARED_TO_STORED_LENGTH)) {
            return presented.startsWith(stored);
        }
        return presented.equals(stored);
    }

    /** The 429 rule, decided before the secret is looked at (unless the server has {@link Defect#THROTTLE_ORACLE}). */
    private void checkRateLimit(String address, String accessKey, boolean rightSecret) throws Answer {
        if (rightSecret && has(Defect.THROTTLE_ORACLE)) {
            return;
        }
        OptionalLong wait = throttle.retryAfter(address, accessKey);
        if (wait.isPresent()) {
            throw new Answer(429, "Too Many Requests", "too many failed authentications",
                    Map.of("Retry-After", Long.toString(wait.getAsLong())));
        }
    }

    /** Distinct access keys that have failed so far. */
    public Set<String> failedAccessKeys() {
        synchronized (lock) {
            return throttle.failedKeys();
        }
    }

    /** Distinct wrong secrets sent with the product access key so far. */
    public int wrongProductSecrets() {
        synchronized (lock) {
            return throttle.wrongSecretsFor(productKeys.accessKey());
        }
    }

    /** How many register and authenticate calls have failed on wrong keys so far. */
    public int failedAuthentications() {
        return failedAuthentications.get();
    }

    private void failed(String address, String accessKey, String secretKey, String detail) throws Answer {
        failedAuthentications.incrementAndGet();
        throttle.failed(address, accessKey, secretKey);
        throw new Answer(401, "Unauthorized", detail != null ? detail : "unknown access key or wrong secret key");
    }

    // ---- tokens ---------------------------------------------------------------------------------

    private String token(FakeDevice device) {
        long now = clock.millis() / 1000;
        ObjectNode claims = JSON.createObjectNode();
        claims.put("sub", productGUID + ":" + device.deviceGUID());
        claims.put("aud", "");
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("pgu", productGUID);
        claims.put("dgu", device.deviceGUID());
        claims.put("did", has(Defect.WRONG_DID) ? device.deviceGUID() : device.deviceId());
        claims.put("iat", now);
        claims.put("exp", now + tokenTtl.toSeconds());
        String input = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + base64(claims.toString());
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(input));
    }

    private void authorize(HttpExchange exchange, String pathProduct, String pathDevice) throws Answer {
        Map<String, String> challenge = has(Defect.NO_WWW_AUTHENTICATE) ? Map.of() : Map.of("WWW-Authenticate", "Bearer");
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.startsWith("Bearer ")) {
            throw new Answer(401, "Unauthorized", "a bearer token is required", challenge);
        }
        String[] parts = header.substring(7).split("\\.", -1);
        JsonNode claims;
        try {
            if (parts.length != 3) {
                throw new IllegalArgumentException("not a JWT");
            }
            claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
            if (!has(Defect.FORGED_TOKEN_ACCEPTED)
                    && !MessageDigest.isEqual(signature, hmac(parts[0] + "." + parts[1]))) {
                throw new IllegalArgumentException("bad signature");
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new Answer(401, "Unauthorized", "the token is not valid", challenge);
        }
        if (claims.path("exp").asLong() <= clock.millis() / 1000 && !has(Defect.EXPIRED_TOKEN_ACCEPTED)) {
            throw new Answer(401, "Unauthorized", "the token has expired", challenge);
        }
        if (!has(Defect.TOKEN_ON_ANY_PATH) && (!claims.path("pgu").asText().equals(pathProduct)
                || !claims.path("dgu").asText().equals(pathDevice))) {
            throw new Answer(403, "Forbidden", "the token is not valid for this device");
        }
    }

    private byte[] hmac(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(jwtKey, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- device endpoints -----------------------------------------------------------------------

    private void checkForUpdates(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        boolean current = query != null && query.contains("firmware-version=1.0.2");
        ObjectNode answer = JSON.createObjectNode();
        var updates = answer.putArray("updates");
        if (!current) {
            ObjectNode update = updates.addObject();
            update.put("updateId", "fw-1.0.2");
            update.put("updateType", "firmware");
            update.put("version", "1.0.2");
            update.put("packageType", "file");
            update.put("downloadUrl", url() + FIRMWARE_PATH);
            if (has(Defect.MALFORMED_UPDATE)) {
                update.put("size", Integer.toString(FIRMWARE.length));
            } else {
                update.put("size", FIRMWARE.length);
            }
            update.put("md5", has(Defect.WRONG_MD5) ? "9e107d9d372bb6826bd81d3542a419d6" : hex("MD5", FIRMWARE));
            update.putObject("metadata").put("toSha256", hex("SHA-256", FIRMWARE));
        }
        answer.put("pollIntervalSeconds", 3600);
        byte[] body = answer.toString().getBytes(StandardCharsets.UTF_8);
        if (has(Defect.NO_ETAG)) {
            send(exchange, 200, "application/json", body, Map.of());
            return;
        }
        String etag = "W/\"" + sha256Hex(answer.toString()).substring(0, 16) + "\"";
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.strip();
                if (t.equals(etag) || t.equals(etag.substring(2)) || t.equals("*")) {
                    exchange.getResponseHeaders().set("ETag", etag);
                    exchange.sendResponseHeaders(304, -1);
                    return;
                }
            }
        }
        send(exchange, 200, "application/json", body, Map.of("ETag", etag));
    }

    private void report(HttpExchange exchange, JsonNode body) throws IOException, Answer {
        if (!has(Defect.REPORT_UNCHECKED)) {
            text(body, "version");
            text(body, "header.ts");
            JsonNode data = body.path("data");
            if (!data.isArray()) {
                throw new Answer(400, "Bad Request", "data must be a list");
            }
            for (JsonNode item : data) {
                if (!item.isObject()) {
                    throw new Answer(400, "Bad Request", "each data item must be an object");
                }
                text(item, "type");
                text(item, "ts");
            }
        }
        send(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** The firmware file, whole or one byte range (unless the server ignores Range). */
    private void firmwareFile(HttpExchange exchange) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        Matcher m = range == null ? null
                : Pattern.compile("bytes=(\\d+)-(\\d*)").matcher(range.strip());
        if (m != null && m.matches() && !has(Defect.NO_RANGE)) {
            int first = Integer.parseInt(m.group(1));
            int last = m.group(2).isEmpty() ? FIRMWARE.length - 1 : Math.min(Integer.parseInt(m.group(2)), FIRMWARE.length - 1);
            if (first >= FIRMWARE.length && !has(Defect.RANGE_PAST_END_SERVED_WHOLE)) {
                exchange.getResponseHeaders().set("Content-Range", "bytes */" + FIRMWARE.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            if (first >= FIRMWARE.length) {
                send(exchange, 200, "application/octet-stream", FIRMWARE, Map.of());
                return;
            }
            send(exchange, 206, "application/octet-stream", Arrays.copyOfRange(FIRMWARE, first, last + 1),
                    Map.of("Content-Range", "bytes " + first + "-" + last + "/" + FIRMWARE.length));
            return;
        }
        send(exchange, 200, "application/octet-stream", FIRMWARE, Map.of());
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- answers --------------------------------------------------------------------------------

    private void problem(HttpExchange exchange, Answer answer) throws IOException {
        if (has(Defect.NO_PROBLEM_JSON)) {
            send(exchange, answer.status, "text/plain", answer.detail.getBytes(StandardCharsets.UTF_8), answer.headers);
            return;
        }
        ObjectNode problem = JSON.createObjectNode();
        problem.put("type", "about:blank");
        problem.put("title", answer.title);
        problem.put("status", answer.status);
        problem.put("detail", answer.detail);
        send(exchange, answer.status, "application/problem+json",
                problem.toString().getBytes(StandardCharsets.UTF_8), answer.headers);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, Map<String, String> headers)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        headers.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
