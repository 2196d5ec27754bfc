package dev.gaus.conformance.internal;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request the kit sent and the answer it got: what a failing scenario prints so the
 * server's implementer sees exactly what broke. Secrets are masked only when it is described.
 *
 * @param status the HTTP status, or -1 when no answer came (the failure is then in {@code error})
 */
public record Exchange(
        String method,
        URI uri,
        Map<String, List<String>> requestHeaders,
        byte[] requestBody,
        int status,
        Map<String, List<String>> responseHeaders,
        byte[] responseBody,
        Duration elapsed,
        String error) {

    public Exchange {
        requestHeaders = Map.copyOf(requestHeaders);
        responseHeaders = Map.copyOf(responseHeaders);
        requestBody = requestBody == null ? new byte[0] : requestBody;
        responseBody = responseBody == null ? new byte[0] : responseBody;
    }

    public String bodyText() {
        return new String(responseBody, StandardCharsets.UTF_8);
    }

    /** The first value of a response header, looked up without regard to case. */
    public Optional<String> header(String name) {
        return values(responseHeaders, name).stream().findFirst();
    }

    public List<String> headerValues(String name) {
        return values(responseHeaders, name);
    }

    static List<String> values(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return List.of();
    }

    /** A readable account of the request and the answer with every known secret masked. */
    public String describe(Masker masker) {
        StringBuilder out = new StringBuilder();
        out.append("> ").append(method).append(' ').append(masker.mask(uri.toString())).append('\n');
        appendHeaders(out, "> ", requestHeaders, masker);
        appendBody(out, "> ", requestHeaders, requestBody, masker);
        if (status < 0) {
            out.append("< (no answer: ").append(error).append(")\n");
            return out.toString();
        }
        out.append("< HTTP ").append(status).append(" (").append(elapsed.toMillis()).append(" ms)\n");
        appendHeaders(out, "< ", responseHeaders, masker);
        appendBody(out, "< ", responseHeaders, responseBody, masker);
        return out.toString();
    }

    private static void appendHeaders(StringBuilder out, String prefix, Map<String, List<String>> headers,
            Masker masker) {
        headers.entrySet().stream()
                .filter(e -> !e.getKey().startsWith(":"))
                .sorted(Map.Entry.comparingByKey(String.CASE_INSENSITIVE_ORDER))
                .forEach(e -> {
                    for (String value : e.getValue()) {
                        out.append(prefix).append(e.getKey()).append(": ")
                                .append(masker.maskHeader(e.getKey(), value)).append('\n');
                    }
                });
    }

    private static final int MAX_BODY_SHOWN = 2000;
    private static final int BINARY_PREFIX_SHOWN = 32;

    private static void appendBody(StringBuilder out, String prefix, Map<String, List<String>> headers, byte[] body,
            Masker masker) {
        if (body.length == 0) {
            return;
        }
        out.append(prefix.strip()).append('\n');
        if (!isText(headers, body)) {
            // A download: its length and first bytes say enough, kilobytes of raw bytes say nothing.
            out.append(prefix).append("(").append(body.length).append(" bytes of binary data, starting ")
                    .append(HexFormat.of().formatHex(body, 0, Math.min(body.length, BINARY_PREFIX_SHOWN)))
                    .append(body.length > BINARY_PREFIX_SHOWN ? "...)" : ")").append('\n');
            return;
        }
        String text = new String(body, 0, Math.min(body.length, MAX_BODY_SHOWN), StandardCharsets.UTF_8);
        for (String line : masker.mask(text).split("\n", -1)) {
            out.append(prefix).append(line).append('\n');
        }
        if (body.length > MAX_BODY_SHOWN) {
            out.append(prefix).append("... (").append(body.length - MAX_BODY_SHOWN).append(" more bytes)\n");
        }
    }

    /** Text by its content type, or else by its bytes: valid UTF-8 without control characters but tab and newlines. */
    static boolean isText(Map<String, List<String>> headers, byte[] body) {
        String type = values(headers, "Content-Type").stream().findFirst().orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.startsWith("application/x-www-form-urlencoded")) {
            return true;
        }
        if (type.startsWith("application/octet-stream") || type.startsWith("image/") || type.startsWith("video/")) {
            return false;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        int length = Math.min(body.length, MAX_BODY_SHOWN);
        // Where the body was cut for showing, up to three bytes of one character may be cut off.
        int mayDrop = length < body.length ? 3 : 0;
        for (int drop = 0; drop <= mayDrop; drop++) {
            try {
                String text = decoder.decode(ByteBuffer.wrap(body, 0, length - drop)).toString();
                return text.chars().noneMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r');
            } catch (CharacterCodingException e) {
                // not UTF-8 up to here: try a shorter prefix, if the cut may be to blame
            }
        }
        return false;
    }
}
