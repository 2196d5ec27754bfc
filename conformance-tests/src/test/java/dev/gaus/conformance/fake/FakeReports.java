package dev.gaus.conformance.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/** report of the fake: the mandatory fields of protocol.md §4 checked, the rest accepted, answered {}. */
final class FakeReports {
    private static final Set<String> PHASES = Set.of("download", "verify", "install");

    private final Defects defects;

    FakeReports(Defects defects) {
        this.defects = defects;
    }

    private boolean has(Defect defect) {
        return defects.has(defect);
    }

    void report(HttpExchange exchange, JsonNode body) throws IOException, Answer {
        if (has(Defect.REPORT_QUERY_REFUSED) && exchange.getRequestURI().getRawQuery() != null) {
            throw Answer.badRequest("report takes no query parameters");
        }
        if (!has(Defect.REPORT_UNCHECKED)) {
            validate(body);
        }
        if (has(Defect.REPORT_ANSWERED_204)) {
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        FakeHttp.send(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private void validate(JsonNode body) throws Answer {
        FakeHttp.text(body, "version");
        if (has(Defect.REPORT_HEADER_TS_UNCHECKED)) {
            if (!body.path("header").isObject()) {
                throw Answer.badRequest("header must be an object");
            }
        } else {
            FakeHttp.text(body, "header.ts");
        }
        if (has(Defect.REPORT_SEQNO_REQUIRED) && !body.path("header").path("seqNo").isIntegralNumber()) {
            throw Answer.badRequest("header.seqNo must be a number");
        }
        JsonNode data = body.path("data");
        if (!data.isArray()) {
            throw Answer.badRequest("data must be a list");
        }
        if (data.isEmpty() && has(Defect.REPORT_EMPTY_DATA_REFUSED)) {
            throw Answer.badRequest("data must not be empty");
        }
        for (JsonNode item : data) {
            if (!item.isObject()) {
                throw Answer.badRequest("each data item must be an object");
            }
            String type = FakeHttp.text(item, "type");
            if (!has(Defect.REPORT_ITEM_TS_UNCHECKED)) {
                FakeHttp.text(item, "ts");
            }
            if (has(Defect.REPORT_METRICS_REFUSED) && !type.startsWith("event.")) {
                throw Answer.badRequest("unknown item type " + type);
            }
            String phase = item.path("v_strings").path("phase").asText(null);
            if (has(Defect.REPORT_PHASE_INSTALLATION_REFUSED) && phase != null && !PHASES.contains(phase)) {
                throw Answer.badRequest("unknown phase " + phase);
            }
        }
    }
}
