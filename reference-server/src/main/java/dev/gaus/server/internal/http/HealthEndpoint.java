package dev.gaus.server.internal.http;

import dev.gaus.server.internal.store.Stores;

/** {@code GET /health}: 200 while the store answers, 503 otherwise. */
final class HealthEndpoint implements Endpoint {
    private final Stores store;

    HealthEndpoint(Stores store) {
        this.store = store;
    }

    @Override
    public Reply handle(Exchange exchange) {
        if (!store.ping()) {
            throw Problems.storeUnavailable();
        }
        return Reply.json("{\"status\":\"ok\"}").header("Cache-Control", "no-store");
    }
}
