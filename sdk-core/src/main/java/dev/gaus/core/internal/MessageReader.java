package dev.gaus.core.internal;

import static dev.gaus.core.internal.JsonSupport.integer;
import static dev.gaus.core.internal.JsonSupport.startArray;
import static dev.gaus.core.internal.JsonSupport.startObject;
import static dev.gaus.core.internal.JsonSupport.string;
import static dev.gaus.core.internal.JsonSupport.wrongType;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.gaus.core.GausJsonException;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.AuthenticateRequest;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.core.message.CheckForUpdatesResponse;
import dev.gaus.core.message.DataItem;
import dev.gaus.core.message.Problem;
import dev.gaus.core.message.RegisterRequest;
import dev.gaus.core.message.RegisterResponse;
import dev.gaus.core.message.ReportHeader;
import dev.gaus.core.message.ReportRequest;
import dev.gaus.core.message.ReportResponse;
import dev.gaus.core.message.Update;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads each wire record from a parser standing on the record's START_OBJECT (or null).
 * Unknown fields are skipped; a JSON null counts as an absent field.
 */
public final class MessageReader {
    private MessageReader() {}

    public static RegisterRequest registerRequest(JsonParser p) throws IOException {
        if (!startObject(p)) {
            return null;
        }
        String deviceId = null;
        AuthParameters auth = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "deviceId": deviceId = string(p); break;
                case "productAuthParameters": auth = authParameters(p); break;
                default: p.skipChildren();
            }
        }
        try {
            return new RegisterRequest(deviceId, auth);
        } catch (InvalidFieldException e) {
            throw invalid(p, e);
        }
    }

    public static RegisterResponse registerResponse(JsonParser p) throws IOException {
        if (!startObject(p)) {
            return null;
        }
        Long pollIntervalSeconds = null;
        Long pollInterval = null;
        AuthParameters auth = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "pollIntervalSeconds": pollIntervalSeconds = integer(p); break;
                case "pollInterval": pollInterval = integer(p); break;
                case "deviceAuthParameters": auth = authParameters(p); break;
                default: p.skipChildren();
            }
        }
        Long interval = pollIntervalSeconds != null ? pollIntervalSeconds : pollInterval;
        if (interval == null) {
            throw new GausJsonException(JsonSupport.pathOfField(p, "pollIntervalSeconds"), "is required");
        }
        try {
            return new RegisterResponse(interval, auth);
        } catch (InvalidFieldException e) {
            throw invalid(p, e);
        }
    }

    public static AuthenticateRequest authenticateRequest(JsonParser p) throws IOException {
        if (!startObject(p)) {
            return null;
        }
        AuthParameters auth = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (name.equals("deviceAuthParameters")) {
                auth = authParameters(p);
            } else {
                p.skipChildren();
            }
        }
        try {
            return new AuthenticateRequest(auth);
        } catch (InvalidFieldException e) {
            throw invalid(p, e);
        }
    }

    public static AuthenticateResponse authenticateResponse(JsonParser p) throws IOException {
        if (!startObject(p)) {
            return null;
        }
        String deviceGuid = null;
        String productGuid = null;
        String token = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "deviceGUID": deviceGuid = string(p); break;
                case "productGUID": productGuid = string(p); break;
                case "token": token = string(p); break;
                default: p.skipChildren();
            }
        }
        try {
            return new AuthenticateResponse(deviceGuid, productGuid, token);
        } catch (InvalidFieldException e) {
            throw invalid(p, e);
        }
    }

    public static AuthParameters authParameters(JsonParser p) throws IOException {
        if (!startObject(p)) {
            return null;
        }
        String accessKey = null;
        String secretKey = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "accessKey": accessKey = string(p); break;
                case "secretKey": secretKey = string(p); break;
                default: p.skipChildren();
            }
        }
        try {
            return new AuthParameters(accessKey, secretKey);
        } catch (InvalidFieldException e) {
            throw invalid(p, e);
        }
    }

    public static CheckForUpdatesResponse checkForUpdatesResponse(JsonParser p) throws IOException {
        if (!startObject(p)) {
            return null;
        }
        List<Update> updates = null;
        Long pollIntervalSeconds = null;
        Long pollInterval = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "updates": updates = updates(p); break;
                case "pollIntervalSeconds": pollIntervalSeconds = integer(p); break;
                case "pollInterval": pollInterval = integer(p); break;
                default: p.skipChildren();
            }
        }
        try {
            return new CheckForUpdatesResponse(updates,
                    pollIntervalSeconds != null ? pollIntervalSeconds : pollInterval);
        } catch (InvalidFieldException e) {
            throw invalid(p, e);
        }
    }

    private static List<Update> updates(JsonParser p) throws IOException {
        if (!startArray(p)) {
            return null;
        }
        List<Update> updates = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            Update update = update(p);
            if (update == null) {
                throw wrongType(p, "an object");
            }
            updates.add(update);
        }
        return updates;
    }

    public static Update update(JsonParser p) throws IOException {
        if (!startObject(p)) {
            return null;
        }
        String updateId = null;
        String updateType = null;
        String version = null;
        String packageType = null;
        String downloadUrl = null;
        Long size = null;
        String md5 = null;
        Map<String, String> metadata = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "updateId": updateId = string(p); break;
                case "updateType": updateType = string(p); break;
                case "version": version = string(p); break;
                case "packageType": packageType = string(p); break;
                case "downloadUrl": downloadUrl = string(p); break;
                case "size": size = integer(p); break;
                case "md5": md5 = string(p); break;
                case "metadata": metadata = stringMap(p); break;
                default: p.skipChildren();
            }
        }
        if (size == null) {
            throw new GausJsonException(JsonSupport.pathOfField(p, "size"), "is required");
        }
        try {
            return new Update(updateId, updateType, version, packageType, downloadUrl, size, md5, metadata);
        } catch (InvalidFieldException e) {
            throw invalid(p, e);
        }
    }

    public static ReportRequest reportRequest(JsonParser p) throws IOException {
        if (!startObject(p)) {
            return null;
        }
        String version = null;
        ReportHeader header = null;
        List<DataItem> data = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "version": version = string(p); break;
                case "header": header = reportHeader(p); break;
                case "data": data = dataItems(p); break;
                default: p.skipChildren();
            }
        }
        try {
            return new ReportRequest(version, header, data);
        } catch (InvalidFieldException e) {
            throw invalid(p, e);
        }
    }

    private static ReportHeader reportHeader(JsonParser p) throws IOException {
        if (!startObject(p)) {
            return null;
        }
        Long seqNo = null;
        String ts = null;
        Map<String, String> tags = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "seqNo": seqNo = integer(p); break;
                case "ts": ts = string(p); break;
                case "tags": tags = stringMap(p); break;
                default: p.skipChildren();
            }
        }
        try {
            return new ReportHeader(seqNo, ts, tags);
        } catch (InvalidFieldException e) {
            throw invalid(p, e);
        }
    }

    private static List<DataItem> dataItems(JsonParser p) throws IOException {
        if (!startArray(p)) {
            return null;
        }
        List<DataItem> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            DataItem item = dataItem(p);
            if (item == null) {
                throw wrongType(p, "an object");
            }
            items.add(item);
        }
        return items;
    }

    private static DataItem dataItem(JsonParser p) throws IOException {
        if (!startObject(p)) {
            return null;
        }
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
                case "type": type = string(p); break;
                case "ts": ts = string(p); break;
                case "v_strings": vStrings = stringMap(p); break;
                case "v_ints": vInts = integerMap(p); break;
                case "v_floats": vFloats = numberMap(p); break;
                case "data": data = string(p); break;
                case "tags": tags = stringMap(p); break;
                default: p.skipChildren();
            }
        }
        try {
            return new DataItem(type, ts, vStrings, vInts, vFloats, data, tags);
        } catch (InvalidFieldException e) {
            throw invalid(p, e);
        }
    }

    public static Problem problem(JsonParser p) throws IOException {
        if (!startObject(p)) {
            return null;
        }
        String type = null;
        String title = null;
        Long status = null;
        String detail = null;
        String instance = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "type": type = string(p); break;
                case "title": title = string(p); break;
                case "status": status = integer(p); break;
                case "detail": detail = string(p); break;
                case "instance": instance = string(p); break;
                default: p.skipChildren();
            }
        }
        int code = status == null ? 0 : (int) Math.max(-1, Math.min(1000, status));
        try {
            return new Problem(type, title, code, detail, instance);
        } catch (InvalidFieldException e) {
            throw invalid(p, e);
        }
    }

    public static ReportResponse reportResponse(JsonParser p) throws IOException {
        if (!startObject(p)) {
            return null;
        }
        p.skipChildren();
        return ReportResponse.INSTANCE;
    }

    private static Map<String, String> stringMap(JsonParser p) throws IOException {
        return JsonSupport.map(p, JsonSupport::string, "a string");
    }

    private static Map<String, Long> integerMap(JsonParser p) throws IOException {
        return JsonSupport.map(p, JsonSupport::integer, "an integer");
    }

    private static Map<String, Double> numberMap(JsonParser p) throws IOException {
        return JsonSupport.map(p, JsonSupport::number, "a number");
    }

    /** A record constructor refused a field of the object whose END_OBJECT the parser stands on. */
    private static GausJsonException invalid(JsonParser p, InvalidFieldException e) {
        return new GausJsonException(JsonSupport.pathOfField(p, e.field()), e.problem());
    }
}
