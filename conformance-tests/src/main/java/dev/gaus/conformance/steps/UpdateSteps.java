package dev.gaus.conformance.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gaus.conformance.internal.Device;
import dev.gaus.conformance.internal.Exchange;
import dev.gaus.conformance.internal.Expect;
import dev.gaus.conformance.internal.Json;
import dev.gaus.conformance.internal.World;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Steps of protocol.md §3: check-for-updates, its answer and its ETag. */
public class UpdateSteps {
    private final World world;
    private String keptEtag;

    public UpdateSteps(World world) {
        this.world = world;
    }

    @When("{string} checks for updates with {string}")
    public void checksWith(String alias, String query) {
        Device device = world.device(alias);
        world.checkForUpdates(device, query, World.bearer(device.token()));
    }

    @Given("{string} has checked for updates with {string} and kept the ETag")
    public void keptEtag(String alias, String query) {
        checksWith(alias, query);
        Expect.status(world.last(), 200);
        keptEtag = weakEtag(world.last());
    }

    @When("{string} checks for updates with {string} and If-None-Match of the kept ETag")
    public void withKeptEtag(String alias, String query) {
        conditional(alias, query, keptEtag);
    }

    @When("{string} checks for updates with {string} and If-None-Match of the kept ETag without W\\/")
    public void withKeptEtagStrong(String alias, String query) {
        conditional(alias, query, keptEtag.substring(2));
    }

    @When("{string} checks for updates with {string} and If-None-Match of another tag and the kept ETag")
    public void withKeptEtagInList(String alias, String query) {
        conditional(alias, query, "W/\"kit-other-tag\", " + keptEtag);
    }

    @When("{string} checks for updates with {string} and If-None-Match *")
    public void withStar(String alias, String query) {
        conditional(alias, query, "*");
    }

    @When("{string} checks for updates with {string} and If-None-Match W\\/{string}")
    public void withStaleEtag(String alias, String query, String opaque) {
        conditional(alias, query, "W/\"" + opaque + "\"");
    }

    private void conditional(String alias, String query, String etag) {
        Device device = world.device(alias);
        Map<String, String> headers = new LinkedHashMap<>(World.bearer(device.token()));
        headers.put("If-None-Match", etag);
        world.checkForUpdates(device, query, headers);
    }

    @Then("the answer carries a weak ETag")
    public void carriesWeakEtag() {
        weakEtag(world.last());
    }

    private static String weakEtag(Exchange exchange) {
        String etag = exchange.header("ETag").orElse(null);
        Expect.that(etag != null, "the 200 carries no ETag header");
        Expect.that(etag.matches("W/\"[^\"]*\""), "expected a weak ETag W/\"...\" but it is " + etag);
        return etag;
    }

    @Then("its {string} is a list of well-formed updates, at most one per updateType")
    public void wellFormedUpdates(String path) {
        JsonNode updates = Json.at(Expect.jsonObject(world.last()), path);
        Expect.that(updates.isArray(), "expected \"" + path + "\" to be a list but it is " + Json.typeOf(updates));
        Set<String> types = new HashSet<>();
        int index = 0;
        for (JsonNode update : updates) {
            String at = path + "[" + index++ + "]";
            Expect.that(update.isObject(), "expected " + at + " to be an object but it is " + Json.typeOf(update));
            for (String field : new String[] {"updateId", "updateType", "version", "packageType", "downloadUrl", "md5"}) {
                Expect.nonEmptyString(update, field);
            }
            JsonNode size = update.path("size");
            Expect.that(size.isIntegralNumber() && size.asLong() >= 0,
                    "expected " + at + ".size to be a whole number of bytes but it is " + Json.typeOf(size));
            JsonNode metadata = update.path("metadata");
            if (!metadata.isMissingNode()) {
                Expect.that(metadata.isObject(), "expected " + at + ".metadata to be an object");
                metadata.fields().forEachRemaining(e -> Expect.that(e.getValue().isTextual(),
                        "expected " + at + ".metadata." + e.getKey() + " to be a string"));
            }
            Expect.that(types.add(update.path("updateType").asText()),
                    "two updates of the updateType " + update.path("updateType").asText());
        }
    }
}
