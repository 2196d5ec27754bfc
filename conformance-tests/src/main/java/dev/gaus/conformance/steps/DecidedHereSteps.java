package dev.gaus.conformance.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gaus.conformance.internal.Device;
import dev.gaus.conformance.internal.Exchange;
import dev.gaus.conformance.internal.Expect;
import dev.gaus.conformance.internal.World;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Steps for the behaviour protocol.md decides where the public API is silent (@strict). */
public class DecidedHereSteps {
    private final World world;
    private final AuthenticationSteps authentication;

    public DecidedHereSteps(World world, AuthenticationSteps authentication) {
        this.world = world;
        this.authentication = authentication;
    }

    @When("the kit sends a register body that is not JSON")
    public void registerBodyNotJson() {
        world.postJson("/register", "register me please", Map.of());
    }

    @When("the kit sends a registration with a wrong secret key")
    public void registrationWithWrongSecret() {
        authentication.wrongProductSecret();
    }

    @When("the kit sends a check for updates without a token")
    public void checkWithoutToken() {
        world.checkForUpdates(world.onlyDevice(), "", Map.of());
    }

    @When("the kit sends a check for updates on a foreign path")
    public void checkOnForeignPath() {
        Device own = world.onlyDevice();
        Device foreign = world.authenticated(world.registered("problem-unit-2", "problem-unit-2"));
        world.checkForUpdates(foreign, "", World.bearer(own.token()));
    }

    @When("the kit sends a GET of an unknown path")
    public void unknownPath() {
        world.send("GET", "/kit-no-such-path", Map.of(), null);
    }

    @When("the kit sends a GET of \\/register")
    public void getRegister() {
        world.send("GET", "/register", Map.of(), null);
    }

    @Then("both answers are 401 with the same problem type, title and detail")
    public void sameProblem() {
        List<Exchange> exchanges = world.exchanges();
        Exchange unknownKey = exchanges.get(exchanges.size() - 2);
        Exchange wrongSecret = exchanges.get(exchanges.size() - 1);
        for (Exchange exchange : List.of(unknownKey, wrongSecret)) {
            world.last(exchange);
            Expect.status(exchange, 401);
            HttpSteps.expectProblem(exchange);
        }
        JsonNode a = Expect.jsonObject(unknownKey);
        JsonNode b = Expect.jsonObject(wrongSecret);
        for (String member : new String[] {"type", "title", "detail"}) {
            Expect.that(Objects.equals(a.path(member), b.path(member)),
                    "an unknown access key and a wrong secret key get different \"" + member + "\": "
                            + a.path(member) + " and " + b.path(member) + " (this tells which access keys exist)");
        }
        Expect.that(Objects.equals(unknownKey.header("Content-Type"), wrongSecret.header("Content-Type")),
                "an unknown access key and a wrong secret key get different content types");
    }

    /**
     * Compares the fastest of three answers each: network and scheduling noise only ever add
     * time, so minimums show a server that does more work for a known key (a slow hash, say).
     */
    @Then("both answers took roughly the same time")
    public void roughlySameTime() {
        List<Exchange> exchanges = world.exchanges();
        Duration unknownKey = exchanges.get(exchanges.size() - 2).elapsed();
        Duration wrongSecret = exchanges.get(exchanges.size() - 1).elapsed();
        for (int i = 0; i < 2; i++) {
            authentication.unknownProductAccessKey();
            unknownKey = min(unknownKey, world.last().elapsed());
            authentication.wrongProductSecret();
            wrongSecret = min(wrongSecret, world.last().elapsed());
        }
        long a = unknownKey.toMillis();
        long b = wrongSecret.toMillis();
        long allowed = 25 + Math.max(a, b) / 2;
        Expect.that(Math.abs(a - b) <= allowed, "the fastest answer to an unknown access key took " + a
                + " ms and to a wrong secret key " + b + " ms: the difference tells which access keys exist");
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
