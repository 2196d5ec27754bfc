package dev.gaus.conformance.blind;

import static dev.gaus.conformance.blind.BlindMutations.authParameters;
import static dev.gaus.conformance.blind.BlindMutations.credentials;
import static dev.gaus.conformance.blind.BlindMutations.learn;
import static dev.gaus.conformance.blind.BlindMutations.text;

import dev.gaus.conformance.blind.BlindHttp.Response;
import java.io.IOException;

/** Faults of the throttling of guesses ("Decided here"). The rule each breaks is on its {@link BlindFault} constant. */
final class ThrottleFaults {
    private ThrottleFaults() {}

    static Response retryAfterMissing(BlindExchange x) throws IOException {
        Response r = x.forward();
        if (r.status == 429) {
            r.removeHeader("Retry-After");
        }
        return r;
    }

    static Response retryAfterInMilliseconds(BlindExchange x) throws IOException {
        Response r = x.forward();
        String ra = r.header("Retry-After");
        if (r.status == 429 && ra != null && ra.trim().matches("\\d+")) {
            r.setHeader("Retry-After", String.valueOf(Long.parseLong(ra.trim()) * 1000));
        }
        return r;
    }

    static Response sameWrongSecretCounted(BlindExchange x) throws IOException {
        String key = text(authParameters(x.request), "accessKey");
        if (!credentials(x.request) || key == null) {
            return learn(x, x.forward());
        }
        String counter = "fail:" + x.request.client.getHostAddress() + ":" + key;
        if (x.state.count(counter) >= 20) {
            return BlindMutations.throttled();
        }
        Response r = learn(x, x.forward());
        if (r.status == 401) {
            x.state.increment(counter);
        }
        return r;
    }

    static Response throttleAfterSecretCheck(BlindExchange x) throws IOException {
        Response r = learn(x, x.forward());
        String right = BlindMutations.knownSecret(x);
        if (r.status == 429 && right != null && right.equals(text(authParameters(x.request), "secretKey"))) {
            return learn(x, x.forwardFrom(x.request, "127.0.0.199"));
        }
        return r;
    }

    static Response throttlePerKeyOnly(BlindExchange x) throws IOException {
        return learn(x, credentials(x.request) ? x.forwardFrom(x.request, "127.0.0.1") : x.forward());
    }

    static Response badRequestsCounted(BlindExchange x) throws IOException {
        if (!credentials(x.request)) {
            return x.forward();
        }
        String counter = "bad:" + x.request.client.getHostAddress();
        if (x.state.count(counter) >= 20) {
            return BlindMutations.throttled();
        }
        Response r = learn(x, x.forward());
        if (r.status == 400) {
            x.state.increment(counter);
        }
        return r;
    }

    static Response sprayLocksProvenKeys(BlindExchange x) throws IOException {
        String key = text(authParameters(x.request), "accessKey");
        if (!credentials(x.request) || key == null) {
            return x.forward();
        }
        String set = "sprayed:" + x.request.client.getHostAddress();
        if (x.state.sets.containsKey(set) && x.state.sets.get(set).size() > 100) {
            return BlindMutations.throttled();
        }
        Response r = learn(x, x.forward());
        if (r.status == 401 || r.status == 429) {
            x.state.addTo(set, key);
        }
        return r;
    }
}
