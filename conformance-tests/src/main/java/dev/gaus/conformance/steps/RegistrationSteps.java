package dev.gaus.conformance.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gaus.conformance.internal.Device;
import dev.gaus.conformance.internal.Exchange;
import dev.gaus.conformance.internal.Expect;
import dev.gaus.conformance.internal.Json;
import dev.gaus.conformance.internal.Jwt;
import dev.gaus.conformance.internal.World;
import dev.gaus.core.Credentials;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Steps of protocol.md §1: registering devices. */
public class RegistrationSteps {
    private final World world;
    private final List<Exchange> batch = new ArrayList<>();
    private String idempotencyKey;

    public RegistrationSteps(World world) {
        this.world = world;
    }

    @When("the device {string} registers with the product keys")
    public void registers(String deviceId) {
        Exchange exchange = world.registerWithProductKeys(deviceId);
        if (exchange.status() == 200) {
            world.deviceFrom(exchange, deviceId, deviceId);
        }
    }

    @Given("the device {string} is registered")
    public void registered(String deviceId) {
        world.registered(deviceId, deviceId);
    }

    @Given("the device {string} is registered as {string}")
    @When("the device {string} is registered again as {string}")
    public void registeredAs(String deviceId, String alias) {
        world.registered(alias, deviceId);
    }

    @Then("the device keys are not the product keys")
    public void deviceKeysAreNotProductKeys() {
        JsonNode body = Expect.jsonObject(world.last());
        String accessKey = Json.at(body, "deviceAuthParameters.accessKey").asText();
        String secretKey = Json.at(body, "deviceAuthParameters.secretKey").asText();
        Set<String> productKeys = Set.of(world.context().productKeys().accessKey(),
                world.context().productKeys().secretKey());
        Expect.that(!productKeys.contains(accessKey) && !productKeys.contains(secretKey),
                "the server handed out the product's own keys as device keys");
        Expect.that(!accessKey.equals(secretKey), "the device access key and secret key are the same");
    }

    @When("{int} devices register {int} times each with the product keys")
    public void manyRegistrations(int devices, int times) {
        for (int round = 0; round < times; round++) {
            for (int i = 1; i <= devices; i++) {
                batch.add(world.registerWithProductKeys("fleet-unit-" + i));
            }
        }
    }

    @Then("all {int} registrations answer 200")
    public void allAnswer200(int count) {
        Expect.that(batch.size() == count, "the scenario made " + batch.size() + " registrations, not " + count);
        for (Exchange exchange : batch) {
            world.last(exchange);
            Expect.status(exchange, 200);
        }
    }

    @Then("all {int} device keys are distinct")
    public void allKeysDistinct(int count) {
        Set<String> keys = new HashSet<>();
        for (Exchange exchange : batch) {
            world.last(exchange);
            JsonNode body = Expect.jsonObject(exchange);
            for (String path : List.of("deviceAuthParameters.accessKey", "deviceAuthParameters.secretKey")) {
                String key = Expect.nonEmptyString(body, path).asText();
                world.context().masker().add(key);
                Expect.that(keys.add(key), "the server issued a device key it had issued before in this scenario ("
                        + path + " of registration " + (batch.indexOf(exchange) + 1) + " of " + batch.size() + ")");
            }
        }
        Expect.that(keys.size() == count, "expected " + count + " keys but saw " + keys.size());
    }

    @When("the device {string} registers {int} times at once")
    public void concurrentRegistrations(String deviceId, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Exchange>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return world.registerWithProductKeys(deviceId);
                }));
            }
            start.countDown();
            for (Future<Exchange> future : futures) {
                batch.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).status() == 200) {
                world.deviceFrom(batch.get(i), "concurrent " + (i + 1), deviceId);
            }
        }
    }

    @Then("every one of the {int} registrations answers 200 with device keys of its own")
    public void everyRegistrationHasItsOwnKeys(int count) {
        allAnswer200(count);
        allKeysDistinct(2 * count);
    }

    @Then("every one of the {int} registrations authenticates as a device of its own")
    public void everyRegistrationAuthenticates(int count) {
        Set<String> deviceGUIDs = new HashSet<>();
        Set<String> productGUIDs = new HashSet<>();
        for (int i = 1; i <= count; i++) {
            Device device = world.authenticated(world.device("concurrent " + i));
            Expect.that(deviceGUIDs.add(device.deviceGUID()), "two concurrent registrations of one deviceId "
                    + "authenticate as the same deviceGUID: the server merged them into one device");
            productGUIDs.add(device.productGUID());
            expectDid(device);
        }
        Expect.that(productGUIDs.size() == 1, "devices of one product have " + productGUIDs.size() + " productGUIDs");
    }

    @Then("{string} and {string} have different device keys")
    public void differentKeys(String a, String b) {
        Device first = world.device(a);
        Device second = world.device(b);
        Expect.that(!first.accessKey().equals(second.accessKey()) && !first.secretKey().equals(second.secretKey()),
                "\"" + a + "\" and \"" + b + "\" got the same device keys");
    }

    @Then("{string} and {string} have the same device keys")
    public void sameKeys(String a, String b) {
        Device first = world.device(a);
        Device second = world.device(b);
        Expect.that(first.accessKey().equals(second.accessKey()) && first.secretKey().equals(second.secretKey()),
                "\"" + a + "\" and \"" + b + "\" got different device keys");
    }

    @Then("{string} and {string} both authenticate")
    public void bothAuthenticate(String a, String b) {
        world.authenticated(world.device(a));
        world.authenticated(world.device(b));
    }

    @Then("{string} and {string} have different deviceGUIDs and the same productGUID")
    public void differentDevicesSameProduct(String a, String b) {
        Device first = world.authenticatedDevice(a);
        Device second = world.authenticatedDevice(b);
        Expect.that(!first.deviceGUID().equals(second.deviceGUID()),
                "\"" + a + "\" and \"" + b + "\" are the same device (deviceGUID " + first.deviceGUID()
                        + "): the server merged the registrations");
        Expect.that(first.productGUID().equals(second.productGUID()),
                "\"" + a + "\" and \"" + b + "\" have different productGUIDs: " + first.productGUID() + " and "
                        + second.productGUID());
    }

    @Then("the tokens of {string} and {string} both carry the did {string}")
    public void bothCarryDid(String a, String b, String deviceId) {
        for (String alias : List.of(a, b)) {
            Device device = world.authenticatedDevice(alias);
            Expect.that(device.deviceId().equals(deviceId), "the scenario registered \"" + alias + "\" as "
                    + device.deviceId());
            expectDid(device);
        }
    }

    static void expectDid(Device device) {
        JsonNode did = Jwt.claims(device.token()).path("did");
        Expect.that(did.isTextual() && did.asText().equals(device.deviceId()),
                "the token of \"" + device.alias() + "\" should carry did \"" + device.deviceId() + "\" but carries "
                        + Json.typeOf(did));
    }

    @When("the device {string} registers with a new Idempotency-Key as {string}")
    public void registersWithNewIdempotencyKey(String deviceId, String alias) {
        idempotencyKey = "kit-" + Credentials.newKey().substring(0, 24);
        registerIdempotently(deviceId, alias);
    }

    @When("the device {string} registers with the same Idempotency-Key as {string}")
    public void registersWithSameIdempotencyKey(String deviceId, String alias) {
        registerIdempotently(deviceId, alias);
    }

    @When("the device {string} registers with the same Idempotency-Key")
    public void registersWithSameIdempotencyKeyAnswerKept(String deviceId) {
        var keys = world.context().productKeys();
        world.register(deviceId, keys.accessKey(), keys.secretKey(), Map.of("Idempotency-Key", idempotencyKey));
    }

    /** protocol.md fixes only the same body's retry; another body must at least not get someone else's device. */
    @Then("the answer is a client error or device keys other than those of {string}")
    public void notTheRegistrationOf(String alias) {
        Exchange exchange = world.last();
        Expect.answered(exchange);
        if (exchange.status() >= 400 && exchange.status() <= 499) {
            return;
        }
        Expect.that(exchange.status() == 200, "expected a client error, or 200 with a device of its own, but the server "
                + "answered " + exchange.status() + " to a registration with another deviceId under a used Idempotency-Key");
        JsonNode body = Expect.jsonObject(exchange);
        String accessKey = Json.at(body, "deviceAuthParameters.accessKey").asText("");
        Expect.that(!accessKey.equals(world.device(alias).accessKey()), "a registration with another deviceId under the "
                + "Idempotency-Key of \"" + alias + "\" got the device keys of \"" + alias + "\"");
    }

    private void registerIdempotently(String deviceId, String alias) {
        var keys = world.context().productKeys();
        world.deviceFrom(world.register(deviceId, keys.accessKey(), keys.secretKey(),
                Map.of("Idempotency-Key", idempotencyKey)), alias, deviceId);
    }

    @When("a device with a deviceId of {int} characters registers with the product keys")
    public void registersWithLongDeviceId(int length) {
        String deviceId = ("long-device-id-" + "0123456789".repeat(length / 10 + 2)).substring(0, length);
        world.registerWithProductKeys(deviceId);
    }

    @When("a device registers with the product keys sending the content type {string}")
    public void registersWithContentType(String contentType) {
        registerWithHeaders(Map.of("Content-Type", contentType));
    }

    @When("a device registers with the product keys sending no content type")
    public void registersWithoutContentType() {
        registerWithHeaders(Map.of());
    }

    private void registerWithHeaders(Map<String, String> headers) {
        var keys = world.context().productKeys();
        world.send("POST", "/register", new LinkedHashMap<>(headers),
                World.registerBody("content-type-unit-1", keys.accessKey(), keys.secretKey())
                        .getBytes(StandardCharsets.UTF_8));
    }
}
