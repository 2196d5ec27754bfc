package dev.gaus.conformance.blind;

import static dev.gaus.conformance.blind.BlindMutations.object;
import static dev.gaus.conformance.blind.BlindMutations.problem;
import static dev.gaus.conformance.blind.BlindMutations.report;
import static dev.gaus.conformance.blind.BlindMutations.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gaus.conformance.blind.BlindHttp.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Faults of reports (protocol.md section 4). The rule each breaks is on its {@link BlindFault} constant. */
final class ReportFaults {
    private ReportFaults() {}

    static Response reportHeaderTsOptional(BlindExchange x) throws IOException {
        ObjectNode b = object(x.request);
        if (report(x.request) && b != null && b.get("header") instanceof ObjectNode h && (h.get("ts") == null || h.get("ts").isNull())) {
            h.put("ts", "1970-01-01T00:00:00.000Z");
            x.request.json(b);
        }
        return x.forward();
    }

    static Response reportOnlyFirstItemChecked(BlindExchange x) throws IOException {
        ObjectNode b = object(x.request);
        if (report(x.request) && b != null && b.get("data") instanceof ArrayNode items) {
            for (int i = 1; i < items.size(); i++) {
                if (items.get(i) instanceof ObjectNode item) {
                    if (!item.path("type").isTextual()) {
                        item.put("type", "event.unknown");
                    }
                    if (!item.path("ts").isTextual()) {
                        item.put("ts", "1970-01-01T00:00:00.000Z");
                    }
                }
            }
            x.request.json(b);
        }
        return x.forward();
    }

    static Response reportDecimalIntsTruncated(BlindExchange x) throws IOException {
        ObjectNode b = object(x.request);
        if (report(x.request) && b != null && b.get("data") instanceof ArrayNode items) {
            for (JsonNode item : items) {
                if (item.get("v_ints") instanceof ObjectNode ints) {
                    ints.fields().forEachRemaining(e -> {
                        if (e.getValue().isFloatingPointNumber()) {
                            e.setValue(ints.numberNode(e.getValue().longValue()));
                        }
                    });
                }
            }
            x.request.json(b);
        }
        return x.forward();
    }

    static Response reportEmptyDataRefused(BlindExchange x) throws IOException {
        ObjectNode b = object(x.request);
        if (report(x.request) && b != null && b.path("data").isArray() && b.get("data").isEmpty()) {
            return problem(400, "invalid-request", "$.data: must not be empty");
        }
        return x.forward();
    }

    static Response reportAnswered204(BlindExchange x) throws IOException {
        Response r = x.forward();
        if (report(x.request) && r.status == 200) {
            Response n = Response.of(204, "No Content");
            return n;
        }
        return r;
    }

    static Response reportNullMapValuesDropped(BlindExchange x) throws IOException {
        ObjectNode b = object(x.request);
        if (report(x.request) && b != null) {
            dropNullValues(b.path("header").path("tags"));
            for (JsonNode item : b.path("data")) {
                dropNullValues(item.path("v_strings"));
                dropNullValues(item.path("tags"));
            }
            x.request.json(b);
        }
        return x.forward();
    }

    static Response reportSeqnoStringCoerced(BlindExchange x) throws IOException {
        ObjectNode b = object(x.request);
        if (report(x.request) && b != null && b.get("header") instanceof ObjectNode h && h.path("seqNo").isTextual()
                && h.get("seqNo").asText().matches("-?\\d{1,18}")) {
            h.put("seqNo", Long.parseLong(h.get("seqNo").asText()));
            x.request.json(b);
        }
        return x.forward();
    }

    static Response textLimitInCodePoints(BlindExchange x) throws IOException {
        ObjectNode b = object(x.request);
        String v = text(b, "version");
        if (report(x.request) && v != null && v.length() > 4096 && v.codePointCount(0, v.length()) <= 4096) {
            b.put("version", "1.0.0");
            x.request.json(b);
        }
        return x.forward();
    }

    static Response reportTrailingDataAccepted(BlindExchange x) throws IOException {
        JsonNode first = report(x.request) ? BlindMutations.firstValueWithTrailingData(x.request.body) : null;
        if (first != null) {
            x.request.json(first);
        }
        return x.forward();
    }

    static Response reportTextPlainAccepted(BlindExchange x) throws IOException {
        if (report(x.request) && !BlindMutations.jsonType(x.request.header("Content-Type"))) {
            x.request.removeHeader("Content-Type");
        }
        return x.forward();
    }

    static Response reportJsonSuffixRefused(BlindExchange x) throws IOException {
        String ct = x.request.header("Content-Type");
        if (report(x.request) && ct != null && !ct.toLowerCase(Locale.ROOT).startsWith("application/json")
                && BlindMutations.jsonType(ct)) {
            return problem(415, "unsupported-media-type", "the body must be application/json");
        }
        return x.forward();
    }

    static Response reportBodyLimitOffByOne(BlindExchange x) throws IOException {
        byte[] body = x.request.body;
        if (report(x.request) && body.length == 65_537 && Character.isWhitespace(body[body.length - 1])) {
            x.request.body = java.util.Arrays.copyOf(body, 65_536);
        }
        return x.forward();
    }

    private static void dropNullValues(JsonNode map) {
        if (map instanceof ObjectNode o) {
            List<String> nulls = new ArrayList<>();
            o.fields().forEachRemaining(e -> {
                if (e.getValue().isNull()) {
                    nulls.add(e.getKey());
                }
            });
            o.remove(nulls);
        }
    }
}
