package dev.gaus.conformance.blind;

import dev.gaus.conformance.blind.BlindHttp.Request;
import dev.gaus.conformance.blind.BlindHttp.Response;
import java.io.IOException;
import java.net.InetAddress;

/** One request in the mutant: the request, what the mutant knows, and the way to the real server. */
final class BlindExchange {
    final Request request;
    final BlindState state;
    private final BlindProxy proxy;

    BlindExchange(Request request, BlindState state, BlindProxy proxy) {
        this.request = request;
        this.state = state;
        this.proxy = proxy;
    }

    /** The server's answer to {@code r}, sent from the client's address. */
    Response forward(Request r) throws IOException {
        return proxy.forward(r, r.client);
    }

    Response forward() throws IOException {
        return forward(request);
    }

    /** The server's answer to {@code r} as sent from another loopback address. */
    Response forwardFrom(Request r, String loopbackAddress) throws IOException {
        return proxy.forward(r, InetAddress.getByName(loopbackAddress));
    }
}
