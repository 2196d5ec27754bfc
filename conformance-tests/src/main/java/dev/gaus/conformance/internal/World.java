package dev.gaus.conformance.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The state of one scenario, shared by its step classes: the devices it registered and the last
 * exchange with the server. A new world is made for every scenario, so scenarios are independent.
 */
public final class World {
    public static final String JSON = "application/json";

    private final RunContext context = RunContext.current();
    private final KitHttp http = new KitHttp(context);
    private final Map<String, Device> devices = new LinkedHashMap<>();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private volatile Exchange last;

    public RunContext context() {
        return context;
    }

    /** Sends a request and makes it the scenario's last exchange. */
    public Exchange send(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
        Exchange exchange = http.send(method, pathAndQuery, headers, body);
        exchanges.add(exchange);
        last = exchange;
        return exchange;
    }

    /** Posts a JSON body chunked, without Content-Length, and makes it the scenario's last exchange. */
    public Exchange postJsonChunked(String path, String json) {
        Exchange exchange = http.sendChunked("POST", path, Map.of("Content-Type", JSON),
                json.getBytes(StandardCharsets.UTF_8));
        exchanges.add(exchange);
        last = exchange;
        return exchange;
    }

    public Exchange postJson(String path, String json, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", JSON);
        headers.putAll(extraHeaders);
        return send("POST", path, headers, json.getBytes(StandardCharsets.UTF_8));
    }

    public Exchange last() {
        if (last == null) {
            throw new IllegalStateException("the scenario has not sent a request yet");
        }
        return last;
    }

    /** Every exchange of the scenario so far, oldest first. */
    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    public boolean hasExchange() {
        return last != null;
    }

    public void last(Exchange exchange) {
        last = exchange;
    }

    // ---- register -------------------------------------------------------------------------------

    public static String registerBody(String deviceId, String accessKey, String secretKey) {
        ObjectNode body = Json.object();
        body.put("deviceId", deviceId);
        ObjectNode keys = body.putObject("productAuthParameters");
        keys.put("accessKey", accessKey);
        keys.put("secretKey", secretKey);
        return Json.write(body);
    }

    public Exchange register(String deviceId, String accessKey, String secretKey, Map<String, String> headers) {
        return postJson("/register", registerBody(deviceId, accessKey, secretKey), headers);
    }

    public Exchange registerWithProductKeys(String deviceId) {
        return register(deviceId, context.productKeys().accessKey(), context.productKeys().secretKey(), Map.of());
    }

    /** The device made from a 200 answer of {@code /register}; fails the scenario on any other. */
    public Device deviceFrom(Exchange exchange, String alias, String deviceId) {
        Expect.status(exchange, 200);
        JsonNode body = Expect.jsonObject(exchange);
        String accessKey = Expect.nonEmptyString(body, "deviceAuthParameters.accessKey").asText();
        String secretKey = Expect.nonEmptyString(body, "deviceAuthParameters.secretKey").asText();
        context.masker().add(secretKey);
        Device device = new Device(alias, deviceId, accessKey, secretKey);
        devices.put(alias, device);
        return device;
    }

    /** Registers {@code deviceId} with the product keys and remembers it as {@code alias}. */
    public Device registered(String alias, String deviceId) {
        return deviceFrom(registerWithProductKeys(deviceId), alias, deviceId);
    }

    public Device device(String alias) {
        Device device = devices.get(alias);
        if (device == null) {
            throw new IllegalStateException("the scenario has no device \"" + alias + "\"");
        }
        return device;
    }

    /** The device the scenario registered last. */
    public Device onlyDevice() {
        if (devices.isEmpty()) {
            throw new IllegalStateException("the scenario has registered no device");
        }
        Device last = null;
        for (Device device : devices.values()) {
            last = device;
        }
        return last;
    }

    /** Remembers a device under an alias of its own. */
    public void remember(Device device) {
        devices.put(device.alias(), device);
    }

    /** The named device, registered now under its name as deviceId when the scenario has none yet. */
    public Device deviceOrRegister(String alias) {
        Device device = devices.get(alias);
        return device != null ? device : registered(alias, alias);
    }

    // ---- authenticate ---------------------------------------------------------------------------

    public static String authenticateBody(String accessKey, String secretKey) {
        ObjectNode body = Json.object();
        ObjectNode keys = body.putObject("deviceAuthParameters");
        keys.put("accessKey", accessKey);
        keys.put("secretKey", secretKey);
        return Json.write(body);
    }

    public Exchange authenticate(String accessKey, String secretKey) {
        return postJson("/authenticate", authenticateBody(accessKey, secretKey), Map.of());
    }

    /** Authenticates the device, failing the scenario unless the answer is a usable 200. */
    public Device authenticated(Device device) {
        Exchange exchange = authenticate(device.accessKey(), device.secretKey());
        Expect.status(exchange, 200);
        JsonNode body = Expect.jsonObject(exchange);
        String deviceGUID = Expect.nonEmptyString(body, "deviceGUID").asText();
        String productGUID = Expect.nonEmptyString(body, "productGUID").asText();
        String token = Expect.nonEmptyString(body, "token").asText();
        context.masker().add(token);
        device.authenticated(deviceGUID, productGUID, token);
        return device;
    }

    /** The named device, registered and authenticated now if the scenario has not done so yet. */
    public Device authenticatedDevice(String alias) {
        Device device = deviceOrRegister(alias);
        return device.isAuthenticated() ? device : authenticated(device);
    }

    // ---- device endpoints -----------------------------------------------------------------------

    public static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    public Exchange checkForUpdates(Device device, String query, Map<String, String> headers) {
        return send("GET", device.path("check-for-updates") + (query.isEmpty() ? "" : "?" + query), headers, null);
    }

    public Exchange report(Device device, String query, String json, Map<String, String> headers) {
        return postJson(device.path("report") + (query.isEmpty() ? "" : "?" + query), json, headers);
    }
}
