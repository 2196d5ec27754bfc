package dev.gaus.conformance.steps;

import dev.gaus.conformance.internal.Device;
import dev.gaus.conformance.internal.World;
import io.cucumber.java.en.When;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Steps that send one kind of request to a named endpoint ({@code register}, {@code authenticate},
 * {@code check-for-updates}, {@code report}), for the Decided-here statuses that apply to every
 * endpoint: a server right on the one it tested first and wrong on the others fails these.
 * Device endpoints get the device's own path and token, so only the property under test is wrong.
 */
public class EndpointSteps {
    private static final String MINIMAL_REPORT =
            "{\"version\":\"1.0.0\",\"header\":{\"ts\":\"2014-08-16T02:08:00.000Z\"},\"data\":[]}";

    private final World world;

    public EndpointSteps(World world) {
        this.world = world;
    }

    @When("{string} sends {word} to {word} with its token")
    public void sendWithMethod(String alias, String method, String endpoint) {
        Device device = world.authenticatedDevice(alias);
        byte[] body = method.equals("GET") ? null : usualBody(device, endpoint).getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>(World.bearer(device.token()));
        if (body != null) {
            headers.put("Content-Type", World.JSON);
        }
        world.send(method, path(device, endpoint), headers, body);
    }

    @When("{string} posts to {word} a JSON body of {int} KiB with its token")
    public void postLargeBody(String alias, String endpoint, int kib) {
        Device device = world.authenticatedDevice(alias);
        String usual = usualBody(device, endpoint);
        // The usual body with an unknown field padding it out, so only its size is wrong.
        String head = usual.substring(0, usual.length() - 1) + ",\"padding\":\"";
        String padded = head + "x".repeat(Math.max(0, kib * 1024 - head.length() - 2)) + "\"}";
        world.postJson(path(device, endpoint), padded, World.bearer(device.token()));
    }

    @When("{string} posts its usual body to {word} as {string} with its token")
    public void postWithContentType(String alias, String endpoint, String contentType) {
        Device device = world.authenticatedDevice(alias);
        Map<String, String> headers = new LinkedHashMap<>(World.bearer(device.token()));
        headers.put("Content-Type", contentType);
        world.send("POST", path(device, endpoint), headers,
                usualBody(device, endpoint).getBytes(StandardCharsets.UTF_8));
    }

    private static String path(Device device, String endpoint) {
        return switch (endpoint) {
            case "register", "authenticate" -> "/" + endpoint;
            case "check-for-updates", "report" -> device.path(endpoint);
            default -> throw new IllegalArgumentException("no endpoint named " + endpoint);
        };
    }

    /** A body the endpoint would accept. */
    private String usualBody(Device device, String endpoint) {
        return switch (endpoint) {
            case "register" -> World.registerBody(device.deviceId() + "-again",
                    world.context().productKeys().accessKey(), world.context().productKeys().secretKey());
            case "authenticate" -> World.authenticateBody(device.accessKey(), device.secretKey());
            case "report", "check-for-updates" -> MINIMAL_REPORT;
            default -> throw new IllegalArgumentException("no endpoint named " + endpoint);
        };
    }
}
