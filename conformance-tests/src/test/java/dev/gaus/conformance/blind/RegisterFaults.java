package dev.gaus.conformance.blind;

import static dev.gaus.conformance.blind.BlindMutations.acceptSecretWhen;
import static dev.gaus.conformance.blind.BlindMutations.authParameters;
import static dev.gaus.conformance.blind.BlindMutations.authenticate;
import static dev.gaus.conformance.blind.BlindMutations.learn;
import static dev.gaus.conformance.blind.BlindMutations.object;
import static dev.gaus.conformance.blind.BlindMutations.problem;
import static dev.gaus.conformance.blind.BlindMutations.register;
import static dev.gaus.conformance.blind.BlindMutations.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gaus.conformance.blind.BlindHttp.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Faults of registration (protocol.md section 1). The rule each breaks is on its {@link BlindFault} constant. */
final class RegisterFaults {
    private RegisterFaults() {}

    static Response deviceIdOf129Accepted(BlindExchange x) throws IOException {
        ObjectNode b = object(x.request);
        String id = text(b, "deviceId");
        if (register(x.request) && id != null && id.length() == 129) {
            b.put("deviceId", id.substring(0, 128));
            x.request.json(b);
        }
        return x.forward();
    }

    static Response deviceIdLimitInBytes(BlindExchange x) throws IOException {
        String id = text(object(x.request), "deviceId");
        if (register(x.request) && id != null && id.getBytes(StandardCharsets.UTF_8).length > 128) {
            return problem(400, "invalid-request", "$.deviceId: is longer than 128 characters");
        }
        return x.forward();
    }

    static Response deviceIdLimitInCodePoints(BlindExchange x) throws IOException {
        ObjectNode b = object(x.request);
        String id = text(b, "deviceId");
        if (register(x.request) && id != null && id.length() > 128 && id.codePointCount(0, id.length()) <= 128) {
            b.put("deviceId", "cp-" + Integer.toHexString(id.hashCode()));
            x.request.json(b);
        }
        return x.forward();
    }

    static Response deviceIdC1ControlsAccepted(BlindExchange x) throws IOException {
        ObjectNode b = object(x.request);
        String id = text(b, "deviceId");
        if (register(x.request) && id != null && id.chars().anyMatch(c -> c >= 0x7f && c <= 0x9f)) {
            b.put("deviceId", id.replaceAll("[\\x7f-\\x9f]", "_"));
            x.request.json(b);
        }
        return x.forward();
    }

    static Response reregistrationReturnsFirstDevice(BlindExchange x) throws IOException {
        String id = text(object(x.request), "deviceId");
        Response r = learn(x, x.forward());
        if (register(x.request) && r.status == 200 && id != null) {
            Response first = x.state.answers.putIfAbsent("device:" + id, r);
            return first == null ? r : first;
        }
        return r;
    }

    static Response deviceKeysInUpperCase(BlindExchange x) throws IOException {
        ObjectNode p = authParameters(x.request);
        if (authenticate(x.request) && p != null) {
            for (String f : List.of("accessKey", "secretKey")) {
                String v = text(p, f);
                if (v != null && v.matches("[0-9A-F]{64}")) {
                    p.put(f, v.toLowerCase(Locale.ROOT));
                }
            }
            x.request.json(object(x.request).set("deviceAuthParameters", p));
        }
        Response r = x.forward();
        ObjectNode b = object(r);
        if (register(x.request) && r.status == 200 && b != null && b.get("deviceAuthParameters") instanceof ObjectNode k) {
            k.put("accessKey", text(k, "accessKey").toUpperCase(Locale.ROOT));
            k.put("secretKey", text(k, "secretKey").toUpperCase(Locale.ROOT));
            r.json(b);
        }
        return r;
    }

    static Response pollIntervalAliasOnly(BlindExchange x) throws IOException {
        Response r = x.forward();
        ObjectNode b = object(r);
        if (register(x.request) && r.status == 200 && b != null) {
            b.remove("pollIntervalSeconds");
            r.json(b);
        }
        return r;
    }

    static Response pollIntervalAsString(BlindExchange x) throws IOException {
        Response r = x.forward();
        ObjectNode b = object(r);
        if (register(x.request) && r.status == 200 && b != null && b.has("pollIntervalSeconds")) {
            b.put("pollIntervalSeconds", b.get("pollIntervalSeconds").asText());
            r.json(b);
        }
        return r;
    }

    static Response idempotencyKeyIgnored(BlindExchange x) throws IOException {
        if (register(x.request)) {
            x.request.removeHeader("Idempotency-Key");
        }
        return x.forward();
    }

    static Response idempotencyKeyNotBoundToBody(BlindExchange x) throws IOException {
        String key = x.request.header("Idempotency-Key");
        Response r = x.forward();
        if (register(x.request) && key != null) {
            if (r.status == 200) {
                x.state.answers.putIfAbsent("idem:" + key, r);
            } else if (r.status == 422 && x.state.answers.containsKey("idem:" + key)) {
                Response first = x.state.answers.get("idem:" + key);
                first.setHeader("Idempotent-Replayed", "true");
                return first;
            }
        }
        return r;
    }

    static Response idempotencyKeyOf256Accepted(BlindExchange x) throws IOException {
        String key = x.request.header("Idempotency-Key");
        if (register(x.request) && key != null && key.length() == 256) {
            x.request.setHeader("Idempotency-Key", key.substring(0, 255));
        }
        return x.forward();
    }

    static Response idempotentReplayUnmarked(BlindExchange x) throws IOException {
        Response r = x.forward();
        r.removeHeader("Idempotent-Replayed");
        return r;
    }

    static Response productSecretTrimmed(BlindExchange x) throws IOException {
        ObjectNode p = authParameters(x.request);
        if (register(x.request) && text(p, "secretKey") != null) {
            p.put("secretKey", text(p, "secretKey").strip());
            x.request.json(object(x.request).set("productAuthParameters", p));
        }
        return x.forward();
    }

    static Response productSecretPrefixCompared(BlindExchange x) throws IOException {
        return acceptSecretWhen(x, (sent, right) -> register(x.request) && sent.startsWith(right));
    }

    static Response registerUnknownKeyNamed(BlindExchange x) throws IOException {
        Response r = x.forward();
        String key = text(authParameters(x.request), "accessKey");
        if (register(x.request) && r.status == 401 && key != null && !key.equals(x.state.productAccessKey)) {
            return problem(401, "unauthorized", "unknown access key");
        }
        return r;
    }
}
