package dev.gaus.conformance.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Locale;

/** The checks scenarios make, each failing with a message that says what the server did instead. */
public final class Expect {
    private Expect() {}

    public static void that(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    public static void answered(Exchange exchange) {
        if (exchange.status() < 0) {
            throw new AssertionError("the server gave no answer to " + exchange.method() + " "
                    + exchange.uri().getRawPath() + ": " + exchange.error());
        }
    }

    public static void status(Exchange exchange, int... expected) {
        answered(exchange);
        if (Arrays.stream(expected).noneMatch(s -> s == exchange.status())) {
            throw new AssertionError("expected HTTP " + join(expected) + " but the server answered "
                    + exchange.status() + " to " + exchange.method() + " " + exchange.uri().getRawPath());
        }
    }

    /** A 4xx: HTTP's answer to a request the client got wrong, never a 2xx or a 5xx. */
    public static void clientError(Exchange exchange) {
        answered(exchange);
        int status = exchange.status();
        if (status < 400 || status > 499) {
            throw new AssertionError("expected a client error (4xx) but the server answered " + status
                    + " to " + exchange.method() + " " + exchange.uri().getRawPath()
                    + (status >= 500 ? " (a server error: bad input must never crash the server)" : ""));
        }
    }

    /** The answer's body as a JSON object. */
    public static JsonNode jsonObject(Exchange exchange) {
        answered(exchange);
        JsonNode body = Json.parse(exchange.responseBody(), "the answer");
        that(body.isObject(), "the answer is JSON but not an object: " + Json.typeOf(body));
        return body;
    }

    public static JsonNode nonEmptyString(JsonNode root, String path) {
        JsonNode node = Json.at(root, path);
        boolean secret = path.toLowerCase(Locale.ROOT).contains("secret") || path.endsWith("token");
        that(node.isTextual() && !node.asText().isEmpty(), "expected \"" + path + "\" to be a non-empty string but it is "
                + (secret && !node.isMissingNode() ? node.getNodeType().name().toLowerCase(Locale.ROOT)
                        : Json.typeOf(node)));
        return node;
    }

    public static long positiveWholeNumber(JsonNode root, String path) {
        JsonNode node = Json.at(root, path);
        that(node.isIntegralNumber() && node.canConvertToLong() && node.asLong() > 0,
                "expected \"" + path + "\" to be a positive whole JSON number but it is " + Json.typeOf(node));
        return node.asLong();
    }

    private static String join(int[] statuses) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < statuses.length; i++) {
            out.append(i == 0 ? "" : i == statuses.length - 1 ? " or " : ", ").append(statuses[i]);
        }
        return out.toString();
    }
}
