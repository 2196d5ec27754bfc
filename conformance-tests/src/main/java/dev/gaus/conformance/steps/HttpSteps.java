package dev.gaus.conformance.steps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gaus.conformance.internal.Exchange;
import dev.gaus.conformance.internal.Expect;
import dev.gaus.conformance.internal.Json;
import dev.gaus.conformance.internal.World;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Steps about HTTP itself: raw requests, statuses, headers and error bodies. */
public class HttpSteps {
    private final World world;

    public HttpSteps(World world) {
        this.world = world;
    }

    @When("a client posts to {string} the body {string}")
    public void postBody(String path, String body) {
        world.postJson(path, new Placeholders(world).fill(body), Map.of());
    }

    @When("a client sends {word} to {string}")
    public void sendWithoutBody(String method, String path) {
        world.send(method, path, Map.of(), null);
    }

    @When("a client posts to {string} a JSON body of {int} KiB")
    public void postLargeBody(String path, int kib) {
        world.postJson(path, largeRegisterBody(kib), Map.of());
    }

    @When("a client posts to {string} a JSON body of {int} KiB sent chunked")
    public void postLargeBodyChunked(String path, int kib) {
        world.postJsonChunked(path, largeRegisterBody(kib));
    }

    /** A well-formed register body padded with an unknown field, so only its size is wrong. */
    private String largeRegisterBody(int kib) {
        String head = "{\"deviceId\":\"big-body-1\",\"productAuthParameters\":{\"accessKey\":\""
                + world.context().productKeys().accessKey() + "\",\"secretKey\":\""
                + world.context().productKeys().secretKey() + "\"},\"padding\":\"";
        int padding = kib * 1024 - head.length() - 2;
        return head + "x".repeat(Math.max(0, padding)) + "\"}";
    }

    @Then("the answer status is {int}")
    public void status(int status) {
        Expect.status(world.last(), status);
    }

    @Then("the answer is a client error")
    public void clientError() {
        Expect.clientError(world.last());
    }

    @Then("the answer is {int} with a JSON object")
    public void jsonObject(int status) {
        Expect.status(world.last(), status);
        Expect.jsonObject(world.last());
    }

    @Then("its {string} is a positive whole number")
    public void positiveWholeNumber(String path) {
        Expect.positiveWholeNumber(Expect.jsonObject(world.last()), path);
    }

    @Then("its {string}, if present, is a positive whole number")
    public void optionalPositiveWholeNumber(String path) {
        JsonNode body = Expect.jsonObject(world.last());
        if (!Json.at(body, path).isMissingNode() && !Json.at(body, path).isNull()) {
            Expect.positiveWholeNumber(body, path);
        }
    }

    @Then("its {string} is a non-empty string")
    public void nonEmptyString(String path) {
        Expect.nonEmptyString(Expect.jsonObject(world.last()), path);
    }

    @Then("the answer is {int} with a problem+json body")
    public void problem(int status) {
        Exchange exchange = world.last();
        Expect.status(exchange, status);
        expectProblem(exchange);
    }

    /** An RFC 9457 body: the media type and the four members protocol.md requires. */
    static void expectProblem(Exchange exchange) {
        String type = exchange.header("Content-Type").orElse("(none)");
        Expect.that(type.toLowerCase(Locale.ROOT).startsWith("application/problem+json"),
                "expected Content-Type application/problem+json but it is " + type);
        JsonNode body = Expect.jsonObject(exchange);
        for (String member : new String[] {"type", "title", "detail"}) {
            Expect.that(Json.at(body, member).isTextual(),
                    "expected the problem member \"" + member + "\" to be a string but it is "
                            + Json.typeOf(Json.at(body, member)));
        }
        JsonNode status = body.path("status");
        Expect.that(status.isIntegralNumber() && status.asInt() == exchange.status(),
                "expected the problem member \"status\" to be " + exchange.status() + " but it is "
                        + Json.typeOf(status));
    }

    @Then("the answer does not contain {string}")
    public void doesNotContain(String text) {
        Expect.answered(world.last());
        Expect.that(!world.last().bodyText().contains(text)
                        && world.last().responseHeaders().values().stream().flatMap(List::stream)
                                .noneMatch(v -> v.contains(text)),
                "the answer echoes what the client sent as a secret");
    }

    @Then("the answer shows no stack trace")
    public void noStackTrace() {
        String body = world.last().bodyText();
        Expect.that(!body.matches("(?s).*(\\bat [a-zA-Z_$][\\w$.]*\\(|Exception:|Traceback \\(most recent|\\.java:\\d+).*"),
                "the answer shows a stack trace");
    }

    @Then("the answer has an {string} header that lists {string}")
    public void headerLists(String header, String token) {
        Exchange exchange = world.last();
        String value = String.join(",", exchange.headerValues(header));
        boolean listed = false;
        for (String part : value.split(",")) {
            listed |= part.strip().equalsIgnoreCase(token);
        }
        Expect.that(listed, "expected the header " + header + " to list " + token + " but it is \""
                + (value.isEmpty() ? "(absent)" : value) + "\"");
    }

    @Then("the answer is {int} with the header {string} starting with {string}")
    public void headerStartsWith(int status, String header, String prefix) {
        Expect.status(world.last(), status);
        String value = world.last().header(header).orElse(null);
        Expect.that(value != null && value.regionMatches(true, 0, prefix, 0, prefix.length()),
                "expected the header " + header + " to start with \"" + prefix + "\" but it is "
                        + (value == null ? "absent" : "\"" + value + "\""));
    }

    @Then("the answer has no body")
    public void noBody() {
        Expect.answered(world.last());
        Expect.that(world.last().responseBody().length == 0, "expected no body but the answer has "
                + world.last().responseBody().length + " bytes: "
                + new String(world.last().responseBody(), StandardCharsets.UTF_8));
    }
}
