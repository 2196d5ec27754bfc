package dev.gaus.conformance.blind;

import dev.gaus.conformance.blind.BlindHttp.Response;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** What a mutant learned from earlier answers and counts of its own, shared by all its connections. */
final class BlindState {
    final String productAccessKey;
    final String productSecretKey;
    /** Device access key to device secret, from register answers. */
    final Map<String, String> deviceSecrets = new ConcurrentHashMap<>();
    /** Token shown to the client to the token the server issued. */
    final Map<String, String> tokens = new ConcurrentHashMap<>();
    /** Named answers kept for replay. */
    final Map<String, Response> answers = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> counters = new ConcurrentHashMap<>();
    final Map<String, Set<String>> sets = new ConcurrentHashMap<>();
    /** Anything else worth remembering: device access key of a deviceGUID, token of a device, and so on. */
    final Map<String, String> notes = new ConcurrentHashMap<>();

    BlindState(String productAccessKey, String productSecretKey) {
        this.productAccessKey = productAccessKey;
        this.productSecretKey = productSecretKey;
    }

    int increment(String counter) {
        return counters.computeIfAbsent(counter, k -> new AtomicInteger()).incrementAndGet();
    }

    int count(String counter) {
        AtomicInteger c = counters.get(counter);
        return c == null ? 0 : c.get();
    }

    /** Adds to a named set and returns its size. */
    int addTo(String set, String value) {
        Set<String> s = sets.computeIfAbsent(set, k -> ConcurrentHashMap.newKeySet());
        s.add(value);
        return s.size();
    }
}
