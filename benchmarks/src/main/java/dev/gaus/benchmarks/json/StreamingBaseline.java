package dev.gaus.benchmarks.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.core.message.CheckForUpdatesResponse;
import dev.gaus.core.message.DataItem;
import dev.gaus.core.message.RegisterRequest;
import dev.gaus.core.message.RegisterResponse;
import dev.gaus.core.message.ReportHeader;
import dev.gaus.core.message.ReportRequest;
import dev.gaus.core.message.Update;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The floor for the codec: jackson-core streaming written by hand for exactly one message each,
 * building the same records. It has the codec's factory strictness (duplicate keys rejected, the
 * whole body read) but none of its generality: no type dispatch, no JSON paths, no null handling,
 * no error mapping. Whatever the codec costs above this is the price of that generality.
 */
public final class StreamingBaseline {
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private StreamingBaseline() {}

    public static RegisterRequest registerRequest(byte[] body) throws IOException {
        try (JsonParser p = start(body)) {
            String deviceId = null;
            AuthParameters auth = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "deviceId": deviceId = p.getText(); break;
                    case "productAuthParameters": auth = authParameters(p); break;
                    default: p.skipChildren();
                }
            }
            end(p);
            return new RegisterRequest(deviceId, auth);
        }
    }

    public static byte[] registerResponse(RegisterResponse m) throws IOException {
        try (ByteArrayBuilder out = new ByteArrayBuilder(256)) {
            try (JsonGenerator g = FACTORY.createGenerator(out)) {
                g.writeStartObject();
                g.writeNumberField("pollIntervalSeconds", m.pollIntervalSeconds());
                g.writeObjectFieldStart("deviceAuthParameters");
                g.writeStringField("accessKey", m.deviceAuthParameters().accessKey());
                g.writeStringField("secretKey", m.deviceAuthParameters().secretKey());
                g.writeEndObject();
                g.writeEndObject();
            }
            return out.toByteArray();
        }
    }

    public static AuthenticateResponse authenticateResponse(byte[] body) throws IOException {
        try (JsonParser p = start(body)) {
            String deviceGuid = null;
            String productGuid = null;
            String token = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "deviceGUID": deviceGuid = p.getText(); break;
                    case "productGUID": productGuid = p.getText(); break;
                    case "token": token = p.getText(); break;
                    default: p.skipChildren();
                }
            }
            end(p);
            return new AuthenticateResponse(deviceGuid, productGuid, token);
        }
    }

    public static CheckForUpdatesResponse checkForUpdatesResponse(byte[] body) throws IOException {
        try (JsonParser p = start(body)) {
            List<Update> updates = null;
            Long pollIntervalSeconds = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "updates":
                        updates = new ArrayList<>();
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            updates.add(update(p));
                        }
                        break;
                    case "pollIntervalSeconds": pollIntervalSeconds = p.getLongValue(); break;
                    default: p.skipChildren();
                }
            }
            end(p);
            return new CheckForUpdatesResponse(updates, pollIntervalSeconds);
        }
    }

    private static Update update(JsonParser p) throws IOException {
        String updateId = null;
        String updateType = null;
        String version = null;
        String packageType = null;
        String downloadUrl = null;
        long size = -1;
        String md5 = null;
        Map<String, String> metadata = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "updateId": updateId = p.getText(); break;
                case "updateType": updateType = p.getText(); break;
                case "version": version = p.getText(); break;
                case "packageType": packageType = p.getText(); break;
                case "downloadUrl": downloadUrl = p.getText(); break;
                case "size": size = p.getLongValue(); break;
                case "md5": md5 = p.getText(); break;
                case "metadata": metadata = stringMap(p); break;
                default: p.skipChildren();
            }
        }
        return new Update(updateId, updateType, version, packageType, downloadUrl, size, md5, metadata);
    }

    public static ReportRequest report(byte[] body) throws IOException {
        try (JsonParser p = start(body)) {
            String version = null;
            ReportHeader header = null;
            List<DataItem> data = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "version": version = p.getText(); break;
                    case "header": header = reportHeader(p); break;
                    case "data":
                        data = new ArrayList<>();
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            data.add(dataItem(p));
                        }
                        break;
                    default: p.skipChildren();
                }
            }
            end(p);
            return new ReportRequest(version, header, data);
        }
    }

    private static ReportHeader reportHeader(JsonParser p) throws IOException {
        Long seqNo = null;
        String ts = null;
        Map<String, String> tags = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "seqNo": seqNo = p.getLongValue(); break;
                case "ts": ts = p.getText(); break;
                case "tags": tags = stringMap(p); break;
                default: p.skipChildren();
            }
        }
        return new ReportHeader(seqNo, ts, tags);
    }

    private static DataItem dataItem(JsonParser p) throws IOException {
        String type = null;
        String ts = null;
        Map<String, String> vStrings = null;
        Map<String, Long> vInts = null;
        Map<String, Double> vFloats = null;
        String data = null;
        Map<String, String> tags = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "type": type = p.getText(); break;
                case "ts": ts = p.getText(); break;
                case "v_strings": vStrings = stringMap(p); break;
                case "v_ints":
                    vInts = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        p.nextToken();
                        vInts.put(key, p.getLongValue());
                    }
                    break;
                case "v_floats":
                    vFloats = new LinkedHashMap<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String key = p.currentName();
                        p.nextToken();
                        vFloats.put(key, p.getDoubleValue());
                    }
                    break;
                case "data": data = p.getText(); break;
                case "tags": tags = stringMap(p); break;
                default: p.skipChildren();
            }
        }
        return new DataItem(type, ts, vStrings, vInts, vFloats, data, tags);
    }

    private static AuthParameters authParameters(JsonParser p) throws IOException {
        String accessKey = null;
        String secretKey = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "accessKey": accessKey = p.getText(); break;
                case "secretKey": secretKey = p.getText(); break;
                default: p.skipChildren();
            }
        }
        return new AuthParameters(accessKey, secretKey);
    }

    private static Map<String, String> stringMap(JsonParser p) throws IOException {
        Map<String, String> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            map.put(key, p.getText());
        }
        return map;
    }

    private static JsonParser start(byte[] body) throws IOException {
        JsonParser p = FACTORY.createParser(body);
        if (p.nextToken() != JsonToken.START_OBJECT) {
            p.close();
            throw new IOException("expected a JSON object");
        }
        return p;
    }

    /** Reads to the end of the body, as the codec does, so trailing content is not ignored. */
    private static void end(JsonParser p) throws IOException {
        if (p.nextToken() != null) {
            throw new IOException("unexpected content after the JSON object");
        }
    }
}
