package dev.gaus.conformance.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.gaus.core.Credentials;
import dev.gaus.core.message.AuthParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fake's products and devices: {@code /register} and {@code /authenticate}, their secret
 * comparison, idempotent registration and the 429 rule. All state behind one lock.
 */
final class FakeAccounts {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long the slow hash of {@link Defect#SLOW_HASH_FOR_KNOWN_KEYS} takes: far above the kit's allowance. */
    private static final long SLOW_HASH_MILLIS = 150;

    record FakeDevice(String deviceGUID, String deviceId, String accessKey, String secretKey) {}

    private record Registration(byte[] body, byte[] answer, FakeDevice device) {}

    private final Defects defects;
    private final FakeThrottle throttle;
    private final AuthParameters productKeys = Credentials.newKeyPair();
    private final Object lock = new Object();
    private final Map<String, FakeDevice> devicesByAccessKey = new HashMap<>();
    private final Map<String, FakeDevice> latestByDeviceId = new HashMap<>();
    private final Map<String, Registration> idempotent = new HashMap<>();
    private final AtomicInteger failedAuthentications = new AtomicInteger();

    FakeAccounts(Defects defects, Clock clock) {
        this.defects = defects;
        this.throttle = new FakeThrottle(defects, clock);
    }

    private boolean has(Defect defect) {
        return defects.has(defect);
    }

    AuthParameters productKeys() {
        return productKeys;
    }

    void register(HttpExchange exchange, JsonNode body) throws IOException, Answer {
        String deviceId = deviceId(body);
        String accessKey = FakeHttp.text(body, "productAuthParameters.accessKey");
        String secretKey = FakeHttp.text(body, "productAuthParameters.secretKey");
        String address = FakeHttp.clientAddress(exchange);
        boolean known = accessKey.equals(productKeys.accessKey());
        if (has(Defect.DEVICE_KEYS_REGISTER) && isDeviceKeyPair(accessKey, secretKey)) {
            synchronized (lock) {
                FakeHttp.send(exchange, 200, "application/json", answer(newDevice(deviceId)), Map.of());
            }
            return;
        }
        if (known && has(Defect.SLOW_HASH_FOR_KNOWN_KEYS) && !secretMatches(secretKey, productKeys.secretKey())) {
            // Only failed comparisons are slowed, which is all the timing check needs; runs stay short.
            sleep(SLOW_HASH_MILLIS);
        }
        synchronized (lock) {
            checkRateLimit(address, accessKey, known && secretMatches(secretKey, productKeys.secretKey()));
            if (!known) {
                failed(address, accessKey, secretKey, true, has(Defect.ENUMERATES_KEYS) ? "no product has this access key" : null);
            }
            if (!secretMatches(secretKey, productKeys.secretKey())) {
                failed(address, accessKey, secretKey, false, null);
            }
            throttle.succeeded(address, accessKey);
            String idempotencyKey = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            byte[] bodyBytes = body.toString().getBytes(StandardCharsets.UTF_8);
            if (idempotencyKey != null && !has(Defect.NOT_IDEMPOTENT) && idempotent.containsKey(idempotencyKey)) {
                replay(exchange, idempotencyKey, bodyBytes);
                return;
            }
            byte[] answer = answer(newDevice(deviceId));
            if (idempotencyKey != null) {
                idempotent.put(idempotencyKey, new Registration(bodyBytes, answer, latestByDeviceId.get(deviceId)));
            }
            FakeHttp.send(exchange, 200, "application/json", answer, Map.of());
        }
    }

    /** The registration an Idempotency-Key was first used for, if the body is the same. */
    private void replay(HttpExchange exchange, String idempotencyKey, byte[] body) throws IOException, Answer {
        Registration earlier = idempotent.get(idempotencyKey);
        if (!Arrays.equals(earlier.body(), body) && !has(Defect.IDEMPOTENCY_IGNORES_BODY)) {
            throw new Answer(422, "Unprocessable Content", "this Idempotency-Key was used with another body");
        }
        byte[] answer = earlier.answer();
        if (has(Defect.IDEMPOTENT_REPLAY_REKEYS)) {
            FakeDevice old = earlier.device();
            AuthParameters keys = Credentials.newKeyPair();
            FakeDevice rekeyed = new FakeDevice(old.deviceGUID(), old.deviceId(), keys.accessKey(), keys.secretKey());
            devicesByAccessKey.remove(old.accessKey());
            devicesByAccessKey.put(rekeyed.accessKey(), rekeyed);
            answer = answer(rekeyed);
            idempotent.put(idempotencyKey, new Registration(body, answer, rekeyed));
        }
        FakeHttp.send(exchange, 200, "application/json", answer, Map.of());
    }

    private boolean isDeviceKeyPair(String accessKey, String secretKey) {
        synchronized (lock) {
            FakeDevice device = devicesByAccessKey.get(accessKey);
            return device != null && device.secretKey().equals(secretKey);
        }
    }

    private String deviceId(JsonNode body) throws Answer {
        JsonNode node = body.path("deviceId");
        String deviceId;
        if (has(Defect.NUMERIC_DEVICE_ID_COERCED) && node.isNumber()
                || has(Defect.EMPTY_DEVICE_ID_ACCEPTED) && node.isTextual()) {
            deviceId = node.asText();
        } else {
            deviceId = FakeHttp.text(body, "deviceId");
        }
        boolean tooLong = has(Defect.DEVICE_ID_128_REFUSED) ? deviceId.length() >= 128 : deviceId.length() > 128;
        if (!has(Defect.LENIENT_DEVICE_ID) && (tooLong || deviceId.chars().anyMatch(Character::isISOControl))) {
            throw Answer.badRequest("deviceId must be at most 128 characters without control characters");
        }
        return deviceId;
    }

    private byte[] answer(FakeDevice device) {
        ObjectNode answer = JSON.createObjectNode();
        if (has(Defect.POLL_INTERVAL_AS_STRING)) {
            answer.put("pollIntervalSeconds", "3600");
        } else if (has(Defect.POLL_INTERVAL_ZERO)) {
            answer.put("pollIntervalSeconds", 0);
        } else if (has(Defect.POLL_INTERVAL_UNDER_CLIENT_NAME)) {
            answer.put("pollInterval", 3600);
        } else if (!has(Defect.POLL_INTERVAL_MISSING)) {
            answer.put("pollIntervalSeconds", 3600);
        }
        ObjectNode keys = answer.putObject("deviceAuthParameters");
        keys.put("accessKey", device.accessKey());
        keys.put("secretKey", device.secretKey());
        return answer.toString().getBytes(StandardCharsets.UTF_8);
    }

    private FakeDevice newDevice(String deviceId) {
        String accessKey;
        String secretKey;
        if (has(Defect.REUSED_KEYS)) {
            accessKey = FakeHttp.sha256Hex("access:" + deviceId);
            secretKey = FakeHttp.sha256Hex("secret:" + deviceId);
        } else {
            AuthParameters keys = Credentials.newKeyPair();
            accessKey = keys.accessKey();
            secretKey = has(Defect.SAME_ACCESS_AND_SECRET) ? accessKey : keys.secretKey();
        }
        String deviceGUID = UUID.randomUUID().toString();
        FakeDevice earlier = latestByDeviceId.get(deviceId);
        if (earlier != null && (has(Defect.MERGES_REREGISTRATION) || has(Defect.REREGISTRATION_REVOKES_EARLIER))) {
            devicesByAccessKey.remove(earlier.accessKey());
            deviceGUID = has(Defect.MERGES_REREGISTRATION) ? earlier.deviceGUID() : deviceGUID;
        }
        FakeDevice device = new FakeDevice(deviceGUID, deviceId, accessKey, secretKey);
        devicesByAccessKey.put(accessKey, device);
        latestByDeviceId.put(deviceId, device);
        return device;
    }

    FakeDevice authenticate(JsonNode body, String address) throws Answer {
        String accessKey = FakeHttp.text(body, "deviceAuthParameters.accessKey");
        String secretKey = FakeHttp.text(body, "deviceAuthParameters.secretKey");
        synchronized (lock) {
            FakeDevice device = devicesByAccessKey.get(accessKey);
            checkRateLimit(address, accessKey, device != null && secretMatches(secretKey, device.secretKey()));
            if (device == null) {
                failed(address, accessKey, secretKey, true,
                        has(Defect.ENUMERATES_KEYS) || has(Defect.ENUMERATES_DEVICE_KEYS) ? "no device has this access key" : null);
            }
            if (!secretMatches(secretKey, device.secretKey())) {
                failed(address, accessKey, secretKey, false, null);
            }
            throttle.succeeded(address, accessKey);
            return device;
        }
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
                    has(Defect.RETRY_AFTER_MISSING) ? Map.of() : Map.of("Retry-After", Long.toString(wait.getAsLong())));
        }
    }

    private void failed(String address, String accessKey, String secretKey, boolean unknownKey, String detail)
            throws Answer {
        failedAuthentications.incrementAndGet();
        throttle.failed(address, accessKey, secretKey);
        if (unknownKey && has(Defect.UNKNOWN_KEY_403)) {
            throw new Answer(403, "Forbidden", "unknown access key or wrong secret key");
        }
        throw new Answer(401, "Unauthorized", detail != null ? detail : "unknown access key or wrong secret key");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Set<String> failedAccessKeys() {
        synchronized (lock) {
            return throttle.failedKeys();
        }
    }

    int wrongProductSecrets() {
        synchronized (lock) {
            return throttle.wrongSecretsFor(productKeys.accessKey());
        }
    }

    int failedAuthentications() {
        return failedAuthentications.get();
    }
}
