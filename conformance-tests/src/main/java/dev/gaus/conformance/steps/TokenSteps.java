package dev.gaus.conformance.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gaus.conformance.internal.Device;
import dev.gaus.conformance.internal.Expect;
import dev.gaus.conformance.internal.Jwt;
import dev.gaus.conformance.internal.World;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Steps of protocol.md §2 about what a token opens, and the tokens a server must refuse. */
public class TokenSteps {
    private static final String STATUS_REPORT = "{\"version\":\"1.0.0\",\"header\":{\"ts\":\"2014-08-16T02:08:00.000Z\"},"
            + "\"data\":[{\"type\":\"event.update.Status\",\"ts\":\"2014-08-16T02:08:00.000Z\","
            + "\"v_strings\":{\"phase\":\"download\",\"status\":\"success\",\"updateId\":\"kit-update-1\"}}]}";

    private final World world;

    public TokenSteps(World world) {
        this.world = world;
    }

    @When("{string} checks for updates")
    public void checksForUpdates(String alias) {
        Device device = world.device(alias);
        world.checkForUpdates(device, "", World.bearer(device.token()));
    }

    @When("{string} checks for updates without a token")
    public void withoutToken(String alias) {
        world.checkForUpdates(world.device(alias), "", Map.of());
    }

    @When("{string} checks for updates with the token {string}")
    public void withToken(String alias, String token) {
        world.checkForUpdates(world.device(alias), "", World.bearer(token));
    }

    @When("{string} checks for updates with its token under the scheme {string}")
    public void withScheme(String alias, String scheme) {
        Device device = world.device(alias);
        world.checkForUpdates(device, "", Map.of("Authorization", scheme + " " + device.token()));
    }

    @When("{string} checks for updates with a garbled token")
    public void withGarbledToken(String alias) {
        withToken(alias, "garbled.kit.token");
    }

    @When("{string} checks for updates with its token's claims signed with a key of the kit's own")
    public void withForgedToken(String alias) {
        Device device = world.device(alias);
        world.checkForUpdates(device, "", World.bearer(Jwt.forgedHs256(Jwt.claims(device.token()))));
    }

    @When("{string} checks for updates with its token's claims unsigned")
    public void withUnsignedToken(String alias) {
        Device device = world.device(alias);
        world.checkForUpdates(device, "", World.bearer(Jwt.unsigned(Jwt.claims(device.token()))));
    }

    @When("{string} checks for updates of {string} with its own token rewritten to name {string}")
    public void withRewrittenToken(String alias, String target, String named) {
        Device device = world.device(alias);
        Device other = world.device(target);
        JsonNode claims = Jwt.claimsOf(Jwt.claims(device.token()), other.productGUID(), other.deviceGUID(),
                other.deviceId());
        world.checkForUpdates(other, "", World.bearer(Jwt.withClaims(device.token(), claims)));
    }

    @When("{string} checks for updates on the path of {string}")
    public void onForeignPath(String alias, String target) {
        world.checkForUpdates(world.device(target), "", World.bearer(world.device(alias).token()));
    }

    @When("{string} sends a status report on the path of {string}")
    public void reportOnForeignPath(String alias, String target) {
        world.report(world.device(target), "", STATUS_REPORT, World.bearer(world.device(alias).token()));
    }

    @When("{string} checks for updates on its own path under another productGUID")
    public void underAnotherProduct(String alias) {
        Device device = world.device(alias);
        world.send("GET", "/device/" + UUID.randomUUID() + "/" + device.deviceGUID() + "/check-for-updates",
                World.bearer(device.token()), null);
    }

    @When("{string} sends a status report without a token")
    public void reportWithoutToken(String alias) {
        world.report(world.device(alias), "", STATUS_REPORT, Map.of());
    }

    @When("the token lifetime given to the kit has passed")
    public void tokenLifetimePassed() throws InterruptedException {
        Duration ttl = world.context().tokenTtl().orElseThrow(() -> new IllegalStateException(
                "this scenario needs the server's token lifetime (--token-ttl-seconds)"));
        // exp is in whole seconds: one more second makes sure it lies in the past.
        Thread.sleep(ttl.plusSeconds(1).toMillis());
    }

    @Then("the request is refused with 401, 403 or 404")
    public void refused() {
        Expect.status(world.last(), 401, 403, 404);
    }
}
