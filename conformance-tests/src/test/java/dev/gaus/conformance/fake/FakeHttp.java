package dev.gaus.conformance.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/** What every part of the fake needs to read a request and write an answer. */
final class FakeHttp {
    static final int MAX_BODY = 64 * 1024;

    private FakeHttp() {}

    static void send(HttpExchange exchange, int status, String type, byte[] body, Map<String, String> headers)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        headers.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    static void sendJson(HttpExchange exchange, JsonNode body) throws IOException {
        send(exchange, 200, "application/json", body.toString().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** Reads a body, stopping a little past twice the limit: enough to tell that it is too large. */
    static byte[] readBody(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0 && out.size() <= 2 * MAX_BODY) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** The non-empty string at a dotted path of the body, or 400. */
    static String text(JsonNode node, String path) throws Answer {
        JsonNode value = node;
        for (String name : path.split("\\.")) {
            value = value.path(name);
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw Answer.badRequest(path + " must be a non-empty string");
        }
        return value.asText();
    }

    static String clientAddress(HttpExchange exchange) {
        return exchange.getRemoteAddress().getAddress().getHostAddress();
    }

    static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(String text) {
        return hex("SHA-256", text.getBytes(StandardCharsets.UTF_8));
    }
}
