package dev.gaus.conformance.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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
        appendBody(out, "> ", requestBody, masker);
        if (status < 0) {
            out.append("< (no answer: ").append(error).append(")\n");
            return out.toString();
        }
        out.append("< HTTP ").append(status).append(" (").append(elapsed.toMillis()).append(" ms)\n");
        appendHeaders(out, "< ", responseHeaders, masker);
        appendBody(out, "< ", responseBody, masker);
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

    private static void appendBody(StringBuilder out, String prefix, byte[] body, Masker masker) {
        if (body.length == 0) {
            return;
        }
        String text = new String(body, 0, Math.min(body.length, MAX_BODY_SHOWN), StandardCharsets.UTF_8);
        out.append(prefix.strip()).append('\n');
        for (String line : masker.mask(text).split("\n", -1)) {
            out.append(prefix).append(line).append('\n');
        }
        if (body.length > MAX_BODY_SHOWN) {
            out.append(prefix).append("... (").append(body.length - MAX_BODY_SHOWN).append(" more bytes)\n");
        }
    }
}
