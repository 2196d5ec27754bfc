package dev.gaus.conformance.steps;

import dev.gaus.conformance.internal.Device;
import dev.gaus.conformance.internal.Exchange;
import dev.gaus.conformance.internal.Expect;
import dev.gaus.conformance.internal.World;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.ArrayList;
import java.util.List;

/** Steps for the 429 rule of protocol.md's "Decided here" (@rate-limit). */
public class ThrottlingSteps {
    private final World world;
    private int attemptsUntil429;
    private final List<Exchange> retries = new ArrayList<>();

    public ThrottlingSteps(World world) {
        this.world = world;
    }

    @When("{string} authenticates with distinct wrong secret keys up to {int} times until answered 429")
    public void guessUntil429(String alias, int limit) {
        Device device = world.device(alias);
        for (int attempt = 1; attempt <= limit; attempt++) {
            world.authenticate(device.accessKey(), wrongSecret(device, attempt));
            attemptsUntil429 = attempt;
            if (world.last().status() == 429) {
                return;
            }
        }
    }

    @When("{string} authenticates with one wrong secret key {int} times")
    public void retryOneWrongSecret(String alias, int times) {
        Device device = world.device(alias);
        String stale = wrongSecret(device, 0xbad);
        for (int i = 0; i < times; i++) {
            retries.add(world.authenticate(device.accessKey(), stale));
        }
    }

    @Then("every one of those answers is 401")
    public void every401() {
        for (int i = 0; i < retries.size(); i++) {
            Exchange exchange = retries.get(i);
            if (exchange.status() != 401) {
                world.last(exchange);
                Expect.that(false, "retry " + (i + 1) + " of one wrong secret key was answered " + exchange.status()
                        + ", not 401: retrying one stale secret is not guessing");
            }
        }
    }

    @Then("the last answer is 429 with a Retry-After header")
    public void answered429() {
        Exchange exchange = world.last();
        Expect.status(exchange, 429);
        String retryAfter = exchange.header("Retry-After").orElse(null);
        Expect.that(retryAfter != null, "the 429 carries no Retry-After header");
        Expect.that(retryAfter.strip().matches("\\d+") || retryAfter.contains("GMT"),
                "Retry-After is neither seconds nor an HTTP date: " + retryAfter);
    }

    @Then("the 429 came after no more than {int} wrong secret keys")
    public void cameSoonEnough(int attempts) {
        Expect.that(attemptsUntil429 <= attempts, "the 429 came only at wrong secret key " + attemptsUntil429);
    }

    /** The device's secret with its last six characters replaced by {@code n} in hex: same length, not the secret. */
    private static String wrongSecret(Device device, int n) {
        String secret = device.secretKey();
        String wrong = secret.substring(0, Math.max(0, secret.length() - 6)) + String.format("%06x", n);
        return wrong.equals(secret) ? wrong + "0" : wrong;
    }
}
