package dev.gaus.conformance.fake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Locale;

/** The checks every body goes through before its endpoint sees it: content type (415), size (413), JSON (400). */
final class FakeBodies {
    private static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectMapper LENIENT = new ObjectMapper();

    private final Defects defects;

    FakeBodies(Defects defects) {
        this.defects = defects;
    }

    private boolean has(Defect defect) {
        return defects.has(defect);
    }

    /** The body of a request to {@code path} as a JSON object, or the answer its first flaw gets. */
    JsonNode json(HttpExchange exchange, String path) throws IOException, Answer {
        boolean register = path.equals("/register");
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null && has(Defect.CONTENT_TYPE_REQUIRED)) {
            throw new Answer(415, "Unsupported Media Type", "send application/json");
        }
        if (type != null && !has(Defect.ANY_CONTENT_TYPE) && (register || !has(Defect.CONTENT_TYPE_ON_REGISTER_ONLY))
                && !isJson(type)) {
            throw new Answer(415, "Unsupported Media Type", "send application/json");
        }
        boolean limited = !has(Defect.NO_BODY_LIMIT) && (register || !has(Defect.BODY_LIMIT_ON_REGISTER_ONLY));
        byte[] body;
        if (limited && has(Defect.CHUNKED_BODY_UNLIMITED)) {
            String length = exchange.getRequestHeaders().getFirst("Content-Length");
            if (length != null && Long.parseLong(length.strip()) > FakeHttp.MAX_BODY) {
                // Read before refusing, as the other path does: a client still sending its body
                // when the connection closes sees a reset, not the 413, on a slow machine.
                FakeHttp.readBody(exchange.getRequestBody());
                throw tooLarge();
            }
            body = exchange.getRequestBody().readAllBytes();
        } else {
            body = FakeHttp.readBody(exchange.getRequestBody());
            if (limited && body.length > FakeHttp.MAX_BODY) {
                throw tooLarge();
            }
        }
        return parse(body);
    }

    private static Answer tooLarge() {
        return new Answer(413, "Content Too Large", "bodies are limited to 64 KiB");
    }

    /** application/json or application/*+json, parameters such as charset allowed, case ignored. */
    private boolean isJson(String contentType) {
        String media;
        if (has(Defect.JSON_CHARSET_REFUSED)) {
            media = contentType.strip().toLowerCase(Locale.ROOT);
        } else {
            media = contentType.split(";")[0].strip();
            media = has(Defect.MEDIA_TYPE_CASE_SENSITIVE) ? media : media.toLowerCase(Locale.ROOT);
        }
        return media.equals("application/json") || media.startsWith("application/") && media.endsWith("+json");
    }

    private JsonNode parse(byte[] body) throws Answer {
        JsonNode node;
        try {
            node = (has(Defect.DUPLICATE_KEYS_LAST_WINS) ? LENIENT : STRICT).readTree(body);
        } catch (IOException e) {
            if (has(Defect.SERVER_ERROR_ON_BAD_JSON)) {
                throw new IllegalStateException("cannot parse request", e);
            }
            throw Answer.badRequest("the body is not JSON");
        }
        if (node == null || node.isMissingNode()) {
            if (has(Defect.SERVER_ERROR_ON_BAD_JSON)) {
                throw new NullPointerException("body");
            }
            throw Answer.badRequest("the body is empty");
        }
        if (!node.isObject()) {
            if (has(Defect.NON_OBJECT_BODY_CRASHES)) {
                throw new ClassCastException(node.getClass().getName() + " cannot be cast to ObjectNode");
            }
            throw Answer.badRequest("the body is not a JSON object");
        }
        return node;
    }
}
