package dev.gaus.conformance.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gaus.conformance.internal.Device;
import dev.gaus.conformance.internal.Exchange;
import dev.gaus.conformance.internal.Expect;
import dev.gaus.conformance.internal.Json;
import dev.gaus.conformance.internal.Jwt;
import dev.gaus.conformance.internal.World;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Steps of protocol.md §2: authenticating and the token's claims. */
public class AuthenticationSteps {
    private final World world;

    public AuthenticationSteps(World world) {
        this.world = world;
    }

    @Given("the device {string} is registered and authenticated")
    public void registeredAndAuthenticated(String deviceId) {
        world.authenticated(world.registered(deviceId, deviceId));
    }

    @Given("the device {string} is registered and authenticated as {string}")
    public void registeredAndAuthenticatedAs(String deviceId, String alias) {
        world.authenticated(world.registered(alias, deviceId));
    }

    @When("{string} authenticates with its device keys")
    public void authenticatesWithItsKeys(String alias) {
        Device device = world.device(alias);
        world.authenticate(device.accessKey(), device.secretKey());
    }

    @When("{string} authenticates again as {string}")
    public void authenticatesAgainAs(String deviceId, String alias) {
        Device earlier = world.onlyDevice();
        Device again = new Device(alias, deviceId, earlier.accessKey(), earlier.secretKey());
        world.remember(again);
        world.authenticated(again);
    }

    @Then("its {string} is a compact JWT")
    public void compactJwt(String path) {
        Jwt.claims(Expect.nonEmptyString(Expect.jsonObject(world.last()), path).asText());
    }

    @Then("the token of {string} has the claim {string} equal to {string}")
    public void claimEquals(String alias, String claim, String expected) {
        Device device = world.device(alias);
        String value = expected.replace("<productGUID>", device.productGUID())
                .replace("<deviceGUID>", device.deviceGUID());
        JsonNode actual = Jwt.claims(device.token()).path(claim);
        Expect.that(actual.isTextual() && actual.asText().equals(value),
                "expected the claim \"" + claim + "\" to be \"" + value + "\" but it is " + Json.typeOf(actual));
    }

    @Then("the token of {string} has a non-empty string claim {string}")
    public void nonEmptyClaim(String alias, String claim) {
        JsonNode actual = Jwt.claims(world.device(alias).token()).path(claim);
        Expect.that(actual.isTextual() && !actual.asText().isEmpty(),
                "expected the claim \"" + claim + "\" to be a non-empty string but it is " + Json.typeOf(actual));
    }

    @Then("the token of {string} has numeric claims {string} and {string} with {string} after {string}")
    public void numericClaims(String alias, String first, String second, String later, String earlier) {
        JsonNode claims = Jwt.claims(world.device(alias).token());
        for (String claim : new String[] {first, second}) {
            Expect.that(claims.path(claim).isNumber(), "expected the claim \"" + claim
                    + "\" to be a number of seconds but it is " + Json.typeOf(claims.path(claim)));
        }
        Expect.that(claims.path(later).asDouble() > claims.path(earlier).asDouble(),
                "expected \"" + later + "\" after \"" + earlier + "\"");
    }

    @Then("{string} and {string} have the same deviceGUID and productGUID")
    public void sameDevice(String a, String b) {
        Device first = world.device(a);
        Device second = world.device(b);
        Expect.that(first.deviceGUID().equals(second.deviceGUID()) && first.productGUID().equals(second.productGUID()),
                "one device's keys authenticated as two different devices");
    }

    @Then("{string} and {string} have tokens with different {string} claims")
    public void differentClaims(String a, String b, String claim) {
        JsonNode first = Jwt.claims(world.device(a).token()).path(claim);
        JsonNode second = Jwt.claims(world.device(b).token()).path(claim);
        Expect.that(!first.isMissingNode() && !first.equals(second),
                "two tokens carry the same claim \"" + claim + "\": " + Json.typeOf(first));
    }

    /**
     * Compared with the answer's Date header, the server's own clock, so that a kit on a machine
     * whose clock is off still judges right; without a Date, with the kit's clock and a day's slack.
     * Either way milliseconds (a thousand times too large) cannot pass.
     */
    @Then("the token of {string} was issued at the time of the answer, in seconds since the epoch")
    public void issuedNowInSeconds(String alias) {
        JsonNode iat = Jwt.claims(world.device(alias).token()).path("iat");
        Expect.that(iat.isNumber(), "expected the claim \"iat\" to be a number of seconds but it is " + Json.typeOf(iat));
        Optional<Instant> date = world.last().header("Date").flatMap(AuthenticationSteps::httpDate);
        long reference = date.orElseGet(Instant::now).getEpochSecond();
        long slack = date.isPresent() ? 600 : 86_400;
        Expect.that(Math.abs(iat.asLong() - reference) <= slack, "the token's iat is " + iat.asLong()
                + " but the answer came at " + reference + " seconds since the epoch ("
                + (date.isPresent() ? "its Date header" : "the kit's clock") + "): iat and exp are seconds, not milliseconds");
    }

    private static Optional<Instant> httpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Then("the token of {string} lives for the token lifetime given to the kit")
    public void livesForTtl(String alias) {
        Duration ttl = world.context().tokenTtl().orElseThrow();
        JsonNode claims = Jwt.claims(world.device(alias).token());
        long lifetime = claims.path("exp").asLong() - claims.path("iat").asLong();
        Expect.that(Math.abs(lifetime - ttl.toSeconds()) <= 1, "the token lives " + lifetime
                + " s (exp - iat) but the kit was told the server's token lifetime is " + ttl.toSeconds() + " s");
    }

    // ---- wrong keys -----------------------------------------------------------------------------

    @When("a device registers with the product access key and a wrong secret key")
    public void wrongProductSecret() {
        wrongProductSecret("kit-wrong-" + world.context().productKeys().secretKey().hashCode());
    }

    @When("a device registers with the product access key and the wrong secret key {string}")
    public void wrongProductSecret(String secret) {
        world.register("wrong-keys-1", world.context().productKeys().accessKey(), secret, Map.of());
    }

    @When("a device registers with an unknown access key and the product secret key")
    public void unknownProductAccessKey() {
        // The same unknown keys every run, so that runs in a row never add up to spraying.
        world.register("wrong-keys-1", "kit-unknown-product-access-key",
                world.context().productKeys().secretKey(), Map.of());
    }

    @When("a device registers with the product keys swapped")
    public void swappedProductKeys() {
        world.register("wrong-keys-1", world.context().productKeys().secretKey(),
                world.context().productKeys().accessKey(), Map.of());
    }

    @When("a device registers with empty product keys")
    public void emptyProductKeys() {
        world.register("wrong-keys-1", "", "", Map.of());
    }

    @When("a device registers with the device keys of {string} as product keys")
    public void deviceKeysAsProductKeys(String alias) {
        Device device = world.device(alias);
        world.register("wrong-keys-1", device.accessKey(), device.secretKey(), Map.of());
    }

    @When("a device authenticates with the product keys")
    public void authenticatesWithProductKeys() {
        world.authenticate(world.context().productKeys().accessKey(), world.context().productKeys().secretKey());
    }

    @When("{string} authenticates with its access key and a wrong secret key")
    public void wrongDeviceSecret(String alias) {
        Device device = world.device(alias);
        world.authenticate(device.accessKey(), lastCharacterChanged(device.secretKey()));
    }

    @When("a device authenticates with the access key of {string} and the secret key of {string}")
    public void crossedDeviceKeys(String a, String b) {
        world.authenticate(world.device(a).accessKey(), world.device(b).secretKey());
    }

    // ---- secrets compared whole and exactly --------------------------------------------------------

    @When("a device registers with the product secret key changed in its last character")
    public void productSecretLastCharacterChanged() {
        registerWithProductSecret(lastCharacterChanged(world.context().productKeys().secretKey()));
    }

    @When("a device registers with the product secret key one character short")
    public void productSecretOneShort() {
        String secret = world.context().productKeys().secretKey();
        registerWithProductSecret(secret.substring(0, secret.length() - 1));
    }

    @When("a device registers with the product secret key and one character more")
    public void productSecretOneMore() {
        registerWithProductSecret(world.context().productKeys().secretKey() + "0");
    }

    @When("{string} authenticates with its secret key in upper case")
    public void deviceSecretUpperCase(String alias) {
        Device device = world.device(alias);
        String upper = device.secretKey().toUpperCase(Locale.ROOT);
        world.authenticate(device.accessKey(), upper.equals(device.secretKey()) ? lastCharacterChanged(upper) : upper);
    }

    @When("{string} authenticates with its secret key one character short")
    public void deviceSecretOneShort(String alias) {
        Device device = world.device(alias);
        world.authenticate(device.accessKey(), device.secretKey().substring(0, device.secretKey().length() - 1));
    }

    @When("{string} authenticates with its secret key and one character more")
    public void deviceSecretOneMore(String alias) {
        Device device = world.device(alias);
        world.authenticate(device.accessKey(), device.secretKey() + "0");
    }

    @When("a device authenticates with an unknown access key")
    public void unknownDeviceAccessKey() {
        world.authenticate("kit-unknown-device-access-key", "kit-unknown-secret");
    }

    private void registerWithProductSecret(String secret) {
        world.register("wrong-keys-1", world.context().productKeys().accessKey(), secret, Map.of());
    }

    private static String lastCharacterChanged(String secret) {
        char last = secret.charAt(secret.length() - 1);
        return secret.substring(0, secret.length() - 1) + (last == '0' ? '1' : '0');
    }

    @Then("the request is refused with a client error and no device keys")
    public void refusedWithoutDeviceKeys() {
        refusedWithout("deviceAuthParameters");
    }

    @Then("the request is refused with a client error and no token")
    public void refusedWithoutToken() {
        refusedWithout("token");
    }

    private void refusedWithout(String member) {
        Exchange exchange = world.last();
        Expect.clientError(exchange);
        Expect.that(!exchange.bodyText().contains("\"" + member + "\""),
                "the refusal still carries \"" + member + "\"");
    }
}
