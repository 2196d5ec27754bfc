package dev.gaus.server.internal.http;

import dev.gaus.core.GausJson;
import dev.gaus.core.message.ReportRequest;
import dev.gaus.core.message.ReportResponse;
import dev.gaus.server.internal.store.GausStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** {@code POST /device/{p}/{d}/report} (protocol section 4): validated, stored as sent, answered {@code {}}. */
final class ReportEndpoint implements Endpoint {
    private final GausStore store;
    private final Clock clock;

    ReportEndpoint(GausStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Reply handle(Exchange exchange) {
        Json.decode(exchange.body(), ReportRequest.class);
        store.saveReport(exchange.productGuid(), exchange.deviceGuid(), clock.millis(), exchange.rawQuery(),
                new String(exchange.body(), StandardCharsets.UTF_8));
        return Reply.json(GausJson.encode(ReportResponse.INSTANCE));
    }
}
