package dev.gaus.conformance.blind;

import static dev.gaus.conformance.blind.BlindMutations.authParameters;
import static dev.gaus.conformance.blind.BlindMutations.authenticate;
import static dev.gaus.conformance.blind.BlindMutations.devicePath;
import static dev.gaus.conformance.blind.BlindMutations.learn;
import static dev.gaus.conformance.blind.BlindMutations.object;
import static dev.gaus.conformance.blind.BlindMutations.problem;
import static dev.gaus.conformance.blind.BlindMutations.register;
import static dev.gaus.conformance.blind.BlindMutations.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gaus.conformance.blind.BlindHttp.Response;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/** Faults of bodies, methods, paths and problems ("Decided here"). The rule each breaks is on its {@link BlindFault} constant. */
final class RequestFaults {
    private RequestFaults() {}

    static Response duplicateKeysLastWins(BlindExchange x) throws IOException {
        JsonNode b = authenticate(x.request) ? x.request.json() : null;
        if (b != null) {
            x.request.json(b);
        }
        return learn(x, x.forward());
    }

    static Response deepNestingAccepted(BlindExchange x) throws IOException {
        ObjectNode b = register(x.request) ? object(x.request) : null;
        if (b != null) {
            b.retain("deviceId", "productAuthParameters");
            x.request.json(b);
        }
        return x.forward();
    }

    static Response nullDeviceIdAsText(BlindExchange x) throws IOException {
        ObjectNode b = object(x.request);
        if (register(x.request) && b != null && b.has("deviceId") && b.get("deviceId").isNull()) {
            b.put("deviceId", "null");
            x.request.json(b);
        }
        return x.forward();
    }

    static Response numericDeviceIdCoerced(BlindExchange x) throws IOException {
        ObjectNode b = object(x.request);
        if (register(x.request) && b != null && b.path("deviceId").isNumber()) {
            b.put("deviceId", b.get("deviceId").asText());
            x.request.json(b);
        }
        return x.forward();
    }

    static Response unknownFieldRefused(BlindExchange x) throws IOException {
        ObjectNode b = authenticate(x.request) ? object(x.request) : null;
        if (b != null) {
            for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!f.equals("deviceAuthParameters")) {
                    return problem(400, "invalid-request", "$." + f + ": unknown field");
                }
            }
        }
        return x.forward();
    }

    static Response problemEchoesDeviceId(BlindExchange x) throws IOException {
        String id = text(object(x.request), "deviceId");
        Response r = x.forward();
        ObjectNode p = object(r);
        if (register(x.request) && r.status == 400 && id != null && p != null) {
            p.put("detail", text(p, "detail") + " (deviceId \"" + id + "\")");
            r.json(p);
        }
        return r;
    }

    static Response problemEchoesSecret(BlindExchange x) throws IOException {
        String secret = text(authParameters(x.request), "secretKey");
        Response r = x.forward();
        ObjectNode p = object(r);
        if (authenticate(x.request) && r.status == 401 && secret != null && p != null) {
            p.put("detail", "wrong secret key " + secret);
            r.json(p);
        }
        return r;
    }

    static Response methodNotAllowedAsPlainJson(BlindExchange x) throws IOException {
        Response r = x.forward();
        if (r.status == 405) {
            r.setHeader("Content-Type", "application/json");
        }
        return r;
    }

    static Response bodyTooLargeStatusAsText(BlindExchange x) throws IOException {
        Response r = x.forward();
        ObjectNode p = object(r);
        if (r.status == 413 && p != null) {
            p.put("status", "413");
            r.json(p);
        }
        return r;
    }

    static Response unsupportedMediaTypeWithoutDetail(BlindExchange x) throws IOException {
        Response r = x.forward();
        ObjectNode p = object(r);
        if (r.status == 415 && p != null) {
            p.remove("detail");
            r.json(p);
        }
        return r;
    }

    static Response allowMissingOnReport(BlindExchange x) throws IOException {
        Response r = x.forward();
        if (r.status == 405 && devicePath(x.request, "report")) {
            r.removeHeader("Allow");
        }
        return r;
    }

    static Response optionsOnRegisterAnswered(BlindExchange x) throws IOException {
        if (x.request.method.equals("OPTIONS") && x.request.path().equals("/register")) {
            Response r = Response.of(204, "No Content");
            r.setHeader("Allow", "POST, OPTIONS");
            return r;
        }
        return x.forward();
    }

    static Response unknownMethod501(BlindExchange x) throws IOException {
        if (x.request.path().equals("/authenticate") && !List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH",
                "OPTIONS", "TRACE", "CONNECT").contains(x.request.method)) {
            return problem(501, "not-implemented", "this method is not implemented");
        }
        return x.forward();
    }

    static Response trailingSlashRouted(BlindExchange x) throws IOException {
        if (x.request.path().equals("/register/")) {
            x.request.target = "/register" + x.request.target.substring("/register/".length());
        }
        return x.forward();
    }

    static Response pathCaseInsensitive(BlindExchange x) throws IOException {
        if (x.request.path().equalsIgnoreCase("/authenticate")) {
            x.request.target = "/authenticate" + x.request.target.substring("/authenticate".length());
        }
        return learn(x, x.forward());
    }

    static Response contentTypeParametersRefused(BlindExchange x) throws IOException {
        String ct = x.request.header("Content-Type");
        if (register(x.request) && ct != null && ct.contains(";")) {
            return problem(415, "unsupported-media-type", "the body must be application/json");
        }
        return x.forward();
    }

    static Response missingContentTypeRefused(BlindExchange x) throws IOException {
        if (authenticate(x.request) && x.request.header("Content-Type") == null) {
            return problem(415, "unsupported-media-type", "the body must be application/json");
        }
        return learn(x, x.forward());
    }

    static Response bodyOf64KibRefused(BlindExchange x) throws IOException {
        if (register(x.request) && x.request.body.length == 65_536) {
            return problem(413, "body-too-large", "the body exceeds 65536 bytes");
        }
        return x.forward();
    }

    static Response chunkedBodyNotLimited(BlindExchange x) throws IOException {
        if (authenticate(x.request) && x.request.chunked && x.request.body.length > 65_536) {
            JsonNode b = x.request.json();
            if (b != null) {
                x.request.json(b);
            }
        }
        return learn(x, x.forward());
    }
}
