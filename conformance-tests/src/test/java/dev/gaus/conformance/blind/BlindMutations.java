package dev.gaus.conformance.blind;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gaus.conformance.blind.BlindHttp.Request;
import dev.gaus.conformance.blind.BlindHttp.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The building blocks of the faults: which endpoint a request is for, its JSON, its query, tokens. */
final class BlindMutations {
    private static final Pattern DEVICE_PATH = Pattern.compile("^/device/([^/]+)/([^/]+)/([^/?]+)$");
    private static final Pattern SEMVER = Pattern.compile(
            "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$");
    private static final Pattern RANGE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");

    private BlindMutations() {}

    static boolean register(Request r) {
        return r.method.equals("POST") && r.path().equals("/register");
    }

    static boolean authenticate(Request r) {
        return r.method.equals("POST") && r.path().equals("/authenticate");
    }

    static boolean credentials(Request r) {
        return register(r) || authenticate(r);
    }

    static boolean devicePath(Request r, String action) {
        Matcher m = DEVICE_PATH.matcher(r.path());
        return m.matches() && m.group(3).equals(action);
    }

    static boolean check(Request r) {
        return r.method.equals("GET") && devicePath(r, "check-for-updates");
    }

    static boolean report(Request r) {
        return r.method.equals("POST") && devicePath(r, "report");
    }

    static boolean download(Request r) {
        return r.path().startsWith("/download/");
    }

    /** The body as an object, or null. */
    static ObjectNode object(BlindHttp.Message m) {
        JsonNode n = m.json();
        return n instanceof ObjectNode o ? o : null;
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** The secret sent on /register or /authenticate, or null. */
    static ObjectNode authParameters(Request r) {
        ObjectNode body = object(r);
        if (body == null) {
            return null;
        }
        JsonNode p = body.get(register(r) ? "productAuthParameters" : "deviceAuthParameters");
        return p instanceof ObjectNode o ? o : null;
    }

    /** The secret that belongs to the access key sent, as the mutant learned it, or null. */
    static String knownSecret(BlindExchange x) {
        ObjectNode p = authParameters(x.request);
        String key = text(p, "accessKey");
        if (key == null) {
            return null;
        }
        return register(x.request) ? (key.equals(x.state.productAccessKey) ? x.state.productSecretKey : null)
                : x.state.deviceSecrets.get(key);
    }

    /** Replaces the sent secret by the right one when {@code accept(sent, right)} holds, then forwards. */
    static Response acceptSecretWhen(BlindExchange x, java.util.function.BiPredicate<String, String> accept)
            throws IOException {
        String right = knownSecret(x);
        ObjectNode body = object(x.request);
        JsonNode params = body == null ? null : body.get(register(x.request) ? "productAuthParameters" : "deviceAuthParameters");
        ObjectNode p = params instanceof ObjectNode o ? o : null;
        String sent = text(p, "secretKey");
        if (right != null && sent != null && !sent.equals(right) && accept.test(sent, right)) {
            p.put("secretKey", right);
            x.request.json(body);
        }
        return learn(x, x.forward());
    }

    /** Notes the device keys and tokens the server hands out. */
    static Response learn(BlindExchange x, Response r) {
        if (r.status == 200 && register(x.request)) {
            JsonNode keys = object(r) == null ? null : object(r).get("deviceAuthParameters");
            if (text(keys, "accessKey") != null && text(keys, "secretKey") != null) {
                x.state.deviceSecrets.put(text(keys, "accessKey"), text(keys, "secretKey"));
            }
        }
        if (r.status == 200 && authenticate(x.request)) {
            ObjectNode body = object(r);
            String token = text(body, "token");
            ObjectNode p = authParameters(x.request);
            if (token != null && p != null) {
                x.state.notes.put("key-of:" + token, text(p, "accessKey"));
                x.state.notes.put("token-of:" + text(body, "deviceGUID"), token);
                String[] parts = token.split("\\.");
                if (parts.length == 3) {
                    x.state.notes.put("signature:" + parts[2], token);
                }
            }
        }
        return r;
    }

    // ---- query strings, kept raw ----

    static List<String[]> params(String query) {
        List<String[]> out = new ArrayList<>();
        if (query.isEmpty()) {
            return out;
        }
        for (String p : query.split("&", -1)) {
            int eq = p.indexOf('=');
            out.add(eq < 0 ? new String[] {p, null} : new String[] {p.substring(0, eq), p.substring(eq + 1)});
        }
        return out;
    }

    static String query(List<String[]> params) {
        StringBuilder b = new StringBuilder();
        for (String[] p : params) {
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(p[0]);
            if (p[1] != null) {
                b.append('=').append(p[1]);
            }
        }
        return b.toString();
    }

    static void setQuery(Request r, String query) {
        r.target = r.path() + (query.isEmpty() ? "" : "?" + query);
    }

    /** The first value sent for {@code <type>-version}, or null. */
    static String sentVersion(Request r, String type) {
        for (String[] p : params(r.query())) {
            if (p[0].equals(type + "-version")) {
                return p[1] == null ? "" : p[1];
            }
        }
        return null;
    }

    static boolean readable(String version) {
        return SEMVER.matcher(version).matches() || version.matches("\\d+");
    }

    /** Compares two versions as a scheme would: numbers, or semver cores (pre-releases ignored). */
    static int compareVersions(String a, String b) {
        if (a.matches("\\d+") && b.matches("\\d+")) {
            return new java.math.BigInteger(a).compareTo(new java.math.BigInteger(b));
        }
        String[] x = a.split("[-+]")[0].split("\\.");
        String[] y = b.split("[-+]")[0].split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = new java.math.BigInteger(x[i]).compareTo(new java.math.BigInteger(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    interface Offer {
        boolean test(String sent, String newest);
    }

    /**
     * Forwards a check; for each update type whose version the device sent but which the server
     * did not offer, asks again without that version and adds the newest update when {@code offer}
     * holds for (sent version, newest version).
     */
    static Response offerWhen(BlindExchange x, Offer offer) throws IOException {
        Response r = x.forward();
        ObjectNode body = object(r);
        if (r.status != 200 || body == null || !(body.get("updates") instanceof ArrayNode updates)) {
            return r;
        }
        List<String[]> params = params(x.request.query());
        boolean changed = false;
        for (String[] p : params) {
            if (!p[0].endsWith("-version") || p[1] == null) {
                continue;
            }
            String type = p[0].substring(0, p[0].length() - "-version".length());
            boolean offered = false;
            for (JsonNode u : updates) {
                offered |= type.equals(text(u, "updateType"));
            }
            if (offered) {
                continue;
            }
            Request without = x.request.copy();
            List<String[]> rest = new ArrayList<>(params);
            rest.removeIf(q -> q[0].equals(p[0]));
            setQuery(without, query(rest));
            ObjectNode all = object(x.forward(without));
            if (all == null || !(all.get("updates") instanceof ArrayNode newest)) {
                continue;
            }
            for (JsonNode u : newest) {
                String sent = sentVersion(x.request, type);
                if (type.equals(text(u, "updateType")) && offer.test(sent, text(u, "version"))) {
                    updates.add(u);
                    changed = true;
                }
            }
        }
        if (changed) {
            List<JsonNode> sorted = new ArrayList<>();
            updates.forEach(sorted::add);
            sorted.sort(Comparator.comparing(u -> text(u, "updateType")));
            updates.removeAll();
            sorted.forEach(updates::add);
            r.json(body);
        }
        return r;
    }

    /** Applies {@code edit} to each update of a 200 check answer. */
    static Response editUpdates(BlindExchange x, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        Response r = x.forward();
        ObjectNode body = object(r);
        if (check(x.request) && r.status == 200 && body != null && body.get("updates") instanceof ArrayNode updates) {
            updates.forEach(u -> edit.accept((ObjectNode) u));
            r.json(body);
        }
        return r;
    }

    // ---- tokens ----

    static ObjectNode jwtPayload(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try {
            JsonNode n = BlindHttp.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return n instanceof ObjectNode o ? o : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    static String bearer(Request r) {
        String a = r.header("Authorization");
        return a != null && a.regionMatches(true, 0, "Bearer ", 0, 7) ? a.substring(7).trim() : null;
    }

    /**
     * Hands out tokens whose claims {@code edit} changed (the signature is the server's, which a
     * device cannot check), and takes them back for the server's own on later calls.
     */
    static Response rewriteClaims(BlindExchange x, UnaryOperator<ObjectNode> edit) throws IOException {
        String sent = bearer(x.request);
        if (sent != null && x.state.tokens.containsKey(sent)) {
            x.request.setHeader("Authorization", "Bearer " + x.state.tokens.get(sent));
        }
        Response r = learn(x, x.forward());
        ObjectNode body = object(r);
        String token = text(body, "token");
        if (authenticate(x.request) && r.status == 200 && token != null) {
            String[] parts = token.split("\\.");
            ObjectNode claims = jwtPayload(token);
            if (claims != null && parts.length == 3) {
                String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                        edit.apply(claims).toString().getBytes(StandardCharsets.UTF_8));
                String shown = parts[0] + "." + payload + "." + parts[2];
                x.state.tokens.put(shown, token);
                body.put("token", shown);
                r.json(body);
            }
        }
        return r;
    }

    // ---- ranges ----

    /** {first, last} of a single {@code bytes=} range ({@code -1} for an absent end), or null. */
    static long[] range(String header) {
        if (header == null) {
            return null;
        }
        Matcher m = RANGE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        return new long[] {m.group(1).isEmpty() ? -1 : Long.parseLong(m.group(1)),
                m.group(2).isEmpty() ? -1 : Long.parseLong(m.group(2))};
    }

    /** The size in {@code Content-Range: bytes .../size}, or -1. */
    static long totalSize(Response r) {
        String cr = r.header("Content-Range");
        if (cr == null || cr.lastIndexOf('/') < 0) {
            return -1;
        }
        try {
            return Long.parseLong(cr.substring(cr.lastIndexOf('/') + 1).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static boolean jsonType(String contentType) {
        if (contentType == null) {
            return true;
        }
        String t = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        return t.equals("application/json") || (t.startsWith("application/") && t.endsWith("+json"));
    }

    /** The first JSON value of the body when more follows it, else null. */
    static JsonNode firstValueWithTrailingData(byte[] body) {
        try (JsonParser p = BlindHttp.JSON.getFactory().createParser(body)) {
            JsonNode first = BlindHttp.JSON.readTree(p);
            if (first == null) {
                return null;
            }
            long end = p.getCurrentLocation().getByteOffset();
            for (long i = end; i < body.length; i++) {
                if (!Character.isWhitespace(body[(int) i])) {
                    return first;
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    static Response problem(int status, String kind, String detail) {
        String reason = switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 501 -> "Not Implemented";
            default -> "Error";
        };
        return Response.problem(status, reason, kind, detail);
    }

    static Response throttled() {
        Response r = problem(429, "too-many-failed-authentications",
                "too many failed authentications for this access key or from this address; retry after Retry-After seconds");
        r.setHeader("Retry-After", "600");
        return r;
    }
}
