package dev.gaus.conformance.blind;

import static dev.gaus.conformance.blind.BlindMutations.acceptSecretWhen;
import static dev.gaus.conformance.blind.BlindMutations.authParameters;
import static dev.gaus.conformance.blind.BlindMutations.authenticate;
import static dev.gaus.conformance.blind.BlindMutations.bearer;
import static dev.gaus.conformance.blind.BlindMutations.learn;
import static dev.gaus.conformance.blind.BlindMutations.object;
import static dev.gaus.conformance.blind.BlindMutations.problem;
import static dev.gaus.conformance.blind.BlindMutations.rewriteClaims;
import static dev.gaus.conformance.blind.BlindMutations.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gaus.conformance.blind.BlindHttp.Request;
import dev.gaus.conformance.blind.BlindHttp.Response;
import java.io.IOException;

/** Faults of authentication and tokens (protocol.md section 2). The rule each breaks is on its {@link BlindFault} constant. */
final class AuthenticateFaults {
    private AuthenticateFaults() {}

    static Response authenticateUnknownKey404(BlindExchange x) throws IOException {
        Response r = learn(x, x.forward());
        String key = text(authParameters(x.request), "accessKey");
        if (authenticate(x.request) && r.status == 401 && key != null && !x.state.deviceSecrets.containsKey(key)) {
            return problem(404, "not-found", "no device has this access key");
        }
        return r;
    }

    static Response deviceSecretCaseInsensitive(BlindExchange x) throws IOException {
        return acceptSecretWhen(x, (sent, right) -> authenticate(x.request) && sent.equalsIgnoreCase(right));
    }

    static Response deviceSecretShortAccepted(BlindExchange x) throws IOException {
        return acceptSecretWhen(x, (sent, right) -> authenticate(x.request) && !sent.isEmpty() && right.startsWith(sent));
    }

    static Response tokenSubReversed(BlindExchange x) throws IOException {
        return rewriteClaims(x, c -> c.put("sub", text(c, "dgu") + ":" + text(c, "pgu")));
    }

    static Response tokenAudMissing(BlindExchange x) throws IOException {
        return rewriteClaims(x, c -> {
            c.remove("aud");
            return c;
        });
    }

    static Response tokenTimesInMilliseconds(BlindExchange x) throws IOException {
        return rewriteClaims(x, c -> c.put("iat", c.path("iat").asLong() * 1000).put("exp", c.path("exp").asLong() * 1000));
    }

    static Response tokenJtiRepeated(BlindExchange x) throws IOException {
        return rewriteClaims(x, c -> c.put("jti", text(c, "dgu")));
    }

    static Response tokenDidIsDeviceGuid(BlindExchange x) throws IOException {
        return rewriteClaims(x, c -> c.put("did", text(c, "dgu")));
    }

    static Response tokenPayloadNotVerified(BlindExchange x) throws IOException {
        String sent = bearer(x.request);
        if (sent != null && sent.split("\\.").length == 3) {
            String real = x.state.notes.get("signature:" + sent.split("\\.")[2]);
            if (real != null) {
                x.request.setHeader("Authorization", "Bearer " + real);
            }
        }
        return learn(x, x.forward());
    }

    static Response tokenAlgNoneAccepted(BlindExchange x) throws IOException {
        String sent = bearer(x.request);
        if (sent != null) {
            String[] parts = sent.split("\\.", -1);
            ObjectNode header = parts.length >= 2 ? BlindMutations.jwtPayload("x." + parts[0]) : null;
            ObjectNode claims = BlindMutations.jwtPayload(sent);
            if (header != null && "none".equalsIgnoreCase(text(header, "alg")) && claims != null) {
                String real = x.state.notes.get("token-of:" + text(claims, "dgu"));
                if (real != null) {
                    x.request.setHeader("Authorization", "Bearer " + real);
                }
            }
        }
        return learn(x, x.forward());
    }

    static Response expiredTokenAccepted(BlindExchange x) throws IOException {
        Response r = learn(x, x.forward());
        String sent = bearer(x.request);
        String key = sent == null ? null : x.state.notes.get("key-of:" + sent);
        if (r.status == 401 && key != null && x.state.deviceSecrets.containsKey(key)) {
            Request auth = x.request.copy();
            auth.method = "POST";
            auth.target = "/authenticate";
            auth.removeHeader("Authorization");
            auth.setHeader("Content-Type", "application/json");
            auth.json(BlindHttp.JSON.createObjectNode().set("deviceAuthParameters",
                    BlindHttp.JSON.createObjectNode().put("accessKey", key).put("secretKey", x.state.deviceSecrets.get(key))));
            String fresh = text(object(x.forward(auth)), "token");
            if (fresh != null) {
                x.request.setHeader("Authorization", "Bearer " + fresh);
                return x.forward();
            }
        }
        return r;
    }
}
