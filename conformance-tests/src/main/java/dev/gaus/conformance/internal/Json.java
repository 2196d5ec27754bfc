package dev.gaus.conformance.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;

/** JSON as trees, so that the kit can judge a wrong type that a strict codec would only refuse. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** Parses a body, failing the scenario when it is not JSON. */
    public static JsonNode parse(byte[] body, String what) {
        if (body.length == 0) {
            throw new AssertionError(what + " has an empty body, expected JSON");
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(what + " is not JSON: " + (e instanceof JsonProcessingException j
                    ? j.getOriginalMessage() : e.getMessage()));
        }
    }

    /** The node at a dotted path such as {@code deviceAuthParameters.accessKey}; missing if absent. */
    public static JsonNode at(JsonNode root, String dottedPath) {
        JsonNode node = root;
        for (String name : dottedPath.split("\\.")) {
            node = node == null ? MissingNode.getInstance() : node.path(name);
        }
        return node;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A short name of a node's JSON type for failure messages. */
    public static String typeOf(JsonNode node) {
        if (node.isMissingNode()) {
            return "absent";
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT)
                + (node.isValueNode() ? " " + node : "");
    }
}
