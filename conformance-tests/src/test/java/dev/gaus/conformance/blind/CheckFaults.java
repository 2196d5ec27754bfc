package dev.gaus.conformance.blind;

import static dev.gaus.conformance.blind.BlindMutations.bearer;
import static dev.gaus.conformance.blind.BlindMutations.check;
import static dev.gaus.conformance.blind.BlindMutations.devicePath;
import static dev.gaus.conformance.blind.BlindMutations.editUpdates;
import static dev.gaus.conformance.blind.BlindMutations.object;
import static dev.gaus.conformance.blind.BlindMutations.offerWhen;
import static dev.gaus.conformance.blind.BlindMutations.params;
import static dev.gaus.conformance.blind.BlindMutations.problem;
import static dev.gaus.conformance.blind.BlindMutations.query;
import static dev.gaus.conformance.blind.BlindMutations.setQuery;
import static dev.gaus.conformance.blind.BlindMutations.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gaus.conformance.blind.BlindHttp.Request;
import dev.gaus.conformance.blind.BlindHttp.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Faults of check-for-updates (protocol.md section 3). The rule each breaks is on its {@link BlindFault} constant. */
final class CheckFaults {
    private CheckFaults() {}

    static Response equalVersionOffered(BlindExchange x) throws IOException {
        return check(x.request) ? offerWhen(x, String::equals) : x.forward();
    }

    static Response versionsComparedAsText(BlindExchange x) throws IOException {
        return check(x.request) ? offerWhen(x, (sent, newest) -> sent.compareTo(newest) < 0) : x.forward();
    }

    static Response olderVersionOffered(BlindExchange x) throws IOException {
        return check(x.request) ? offerWhen(x, (sent, newest) -> BlindMutations.readable(sent)
                && BlindMutations.compareVersions(sent, newest) > 0) : x.forward();
    }

    static Response unreadableVersionGetsNewest(BlindExchange x) throws IOException {
        return check(x.request) ? offerWhen(x, (sent, newest) -> !BlindMutations.readable(sent)) : x.forward();
    }

    static Response prereleaseEqualsRelease(BlindExchange x) throws IOException {
        Response r = x.forward();
        ObjectNode b = object(r);
        if (check(x.request) && r.status == 200 && b != null && b.get("updates") instanceof ArrayNode updates) {
            Iterator<JsonNode> it = updates.iterator();
            while (it.hasNext()) {
                JsonNode u = it.next();
                String sent = BlindMutations.sentVersion(x.request, text(u, "updateType"));
                if (sent != null && sent.startsWith(text(u, "version") + "-")) {
                    it.remove();
                }
            }
            r.json(b);
        }
        return r;
    }

    static Response missingVersionGetsNothing(BlindExchange x) throws IOException {
        Response r = x.forward();
        ObjectNode b = object(r);
        if (check(x.request) && r.status == 200 && b != null && b.get("updates") instanceof ArrayNode updates) {
            updates.removeIf(u -> BlindMutations.sentVersion(x.request, text(u, "updateType")) == null);
            r.json(b);
        }
        return r;
    }

    static Response repeatedVersionLastWins(BlindExchange x) throws IOException {
        if (check(x.request)) {
            List<String[]> ps = params(x.request.query());
            Map<String, String[]> last = new java.util.LinkedHashMap<>();
            for (String[] p : ps) {
                if (p[0].endsWith("-version")) {
                    last.put(p[0], p);
                }
            }
            List<String[]> out = new ArrayList<>(ps);
            out.removeIf(p -> p[0].endsWith("-version"));
            out.addAll(0, last.values());
            setQuery(x.request, query(out));
        }
        return x.forward();
    }

    static Response percentEscapesNotDecoded(BlindExchange x) throws IOException {
        if (check(x.request) && x.request.query().contains("%")) {
            setQuery(x.request, x.request.query().replace("%", "%25"));
        }
        return x.forward();
    }

    static Response unencodedQueryRefused(BlindExchange x) throws IOException {
        if (check(x.request) && !x.request.query().matches("([A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})*")) {
            return problem(400, "invalid-request", "the query is not a valid URI query");
        }
        return x.forward();
    }

    static Response duplicateUpdateOfOneType(BlindExchange x) throws IOException {
        Response r = x.forward();
        ObjectNode b = object(r);
        if (check(x.request) && r.status == 200 && b != null && b.get("updates") instanceof ArrayNode u && u.size() > 0) {
            u.insert(0, u.get(0).deepCopy());
            r.json(b);
        }
        return r;
    }

    static Response noUpdatesAsNull(BlindExchange x) throws IOException {
        Response r = x.forward();
        ObjectNode b = object(r);
        if (check(x.request) && r.status == 200 && b != null && b.path("updates").isArray() && b.get("updates").isEmpty()) {
            b.set("updates", NullNode.getInstance());
            r.json(b);
        }
        return r;
    }

    static Response pollIntervalZeroInCheck(BlindExchange x) throws IOException {
        Response r = x.forward();
        ObjectNode b = object(r);
        if (check(x.request) && r.status == 200 && b != null) {
            b.put("pollIntervalSeconds", 0).put("pollInterval", 0);
            r.json(b);
        }
        return r;
    }

    static Response md5InUpperCase(BlindExchange x) throws IOException {
        return editUpdates(x, u -> u.put("md5", u.path("md5").asText().toUpperCase(Locale.ROOT)));
    }

    static Response sizeAsString(BlindExchange x) throws IOException {
        return editUpdates(x, u -> u.put("size", u.path("size").asText()));
    }

    static Response downloadUrlRelative(BlindExchange x) throws IOException {
        return editUpdates(x, u -> u.put("downloadUrl", java.net.URI.create(u.path("downloadUrl").asText()).getPath()));
    }

    static Response checkEtagStrong(BlindExchange x) throws IOException {
        Response r = x.forward();
        String tag = r.header("ETag");
        if (check(x.request) && tag != null && tag.startsWith("W/")) {
            r.setHeader("ETag", tag.substring(2));
        }
        return r;
    }

    static Response checkEtagOfPathOnly(BlindExchange x) throws IOException {
        if (!check(x.request)) {
            return x.forward();
        }
        String tag = "W/\"" + md5Hex(x.request.path()) + "\"";
        String inm = x.request.header("If-None-Match");
        x.request.removeHeader("If-None-Match");
        Response r = x.forward();
        if (r.status == 200 && inm != null && inm.contains(tag.substring(2))) {
            Response nm = Response.of(304, "Not Modified");
            nm.setHeader("ETag", tag);
            return nm;
        }
        if (r.status == 200) {
            r.setHeader("ETag", tag);
        }
        return r;
    }

    static Response ifNoneMatchNeedsWeakPrefix(BlindExchange x) throws IOException {
        String inm = x.request.header("If-None-Match");
        if (check(x.request) && inm != null) {
            List<String> kept = new ArrayList<>();
            for (String t : inm.split(",")) {
                if (t.trim().startsWith("W/")) {
                    kept.add(t.trim());
                }
            }
            x.request.removeHeader("If-None-Match");
            if (!kept.isEmpty()) {
                x.request.setHeader("If-None-Match", String.join(", ", kept));
            }
        }
        return x.forward();
    }

    static Response ifNoneMatchFirstTagOnly(BlindExchange x) throws IOException {
        String inm = x.request.header("If-None-Match");
        if (check(x.request) && inm != null && inm.contains(",")) {
            x.request.setHeader("If-None-Match", inm.substring(0, inm.indexOf(',')).trim());
        }
        return x.forward();
    }

    static Response ifNoneMatchStarIgnored(BlindExchange x) throws IOException {
        if (check(x.request) && "*".equals(String.valueOf(x.request.header("If-None-Match")).trim())) {
            x.request.removeHeader("If-None-Match");
        }
        return x.forward();
    }

    static Response notModifiedWithoutEtag(BlindExchange x) throws IOException {
        Response r = x.forward();
        if (check(x.request) && r.status == 304) {
            r.removeHeader("ETag");
        }
        return r;
    }

    static Response otherDevicePathAllowed(BlindExchange x) throws IOException {
        String token = bearer(x.request);
        ObjectNode claims = token == null ? null : BlindMutations.jwtPayload(token);
        String[] seg = x.request.path().split("/");
        if (claims != null && seg.length == 5 && seg[1].equals("device") && seg[2].equals(text(claims, "pgu"))
                && !seg[3].equals(text(claims, "dgu"))) {
            String q = x.request.query();
            x.request.target = "/device/" + seg[2] + "/" + text(claims, "dgu") + "/" + seg[4] + (q.isEmpty() ? "" : "?" + q);
        }
        return x.forward();
    }

    static Response forbiddenAnswered401(BlindExchange x) throws IOException {
        Response r = x.forward();
        if (r.status == 403 && x.request.path().startsWith("/device/")) {
            Response u = problem(401, "invalid-token",
                    "the token is malformed, expired, not signed by this server or its device is revoked");
            u.setHeader("WWW-Authenticate", "Bearer realm=\"gaus\", error=\"invalid_token\"");
            return u;
        }
        return r;
    }

    static Response missingTokenWithoutChallenge(BlindExchange x) throws IOException {
        Response r = x.forward();
        if (r.status == 401 && x.request.header("Authorization") == null) {
            r.removeHeader("WWW-Authenticate");
        }
        return r;
    }

    static Response bearerSchemeCaseSensitive(BlindExchange x) throws IOException {
        String a = x.request.header("Authorization");
        if (a != null && !a.startsWith("Bearer ")) {
            x.request.removeHeader("Authorization");
        }
        return x.forward();
    }

    static Response invalidTokenChallengeWithoutError(BlindExchange x) throws IOException {
        Response r = x.forward();
        if (r.status == 401 && r.header("WWW-Authenticate") != null) {
            r.setHeader("WWW-Authenticate", "Bearer realm=\"gaus\"");
        }
        return r;
    }

    static Response headOnCheckAnswered(BlindExchange x) throws IOException {
        if (x.request.method.equals("HEAD") && devicePath(x.request, "check-for-updates")) {
            Request get = x.request.copy();
            get.method = "GET";
            Response r = x.forward(get);
            r.setHeader("Content-Length", String.valueOf(r.body.length));
            r.head = true;
            return r;
        }
        return x.forward();
    }

    private static String md5Hex(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder();
            for (byte v : d) {
                b.append(String.format("%02x", v));
            }
            return b.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
