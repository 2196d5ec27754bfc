package dev.gaus.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
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
import java.util.Map;

/** Writes each wire record ({@link Messages} says which is which); absent optional fields are left out. */
public final class MessageWriter {
    private MessageWriter() {}

    public static void reportResponse(JsonGenerator g, ReportResponse m) throws IOException {
        g.writeStartObject();
        g.writeEndObject();
    }

    public static void registerRequest(JsonGenerator g, RegisterRequest m) throws IOException {
        g.writeStartObject();
        g.writeStringField("deviceId", m.deviceId());
        g.writeFieldName("productAuthParameters");
        authParameters(g, m.productAuthParameters());
        g.writeEndObject();
    }

    public static void registerResponse(JsonGenerator g, RegisterResponse m) throws IOException {
        g.writeStartObject();
        g.writeNumberField("pollIntervalSeconds", m.pollIntervalSeconds());
        g.writeFieldName("deviceAuthParameters");
        authParameters(g, m.deviceAuthParameters());
        g.writeEndObject();
    }

    public static void authenticateRequest(JsonGenerator g, AuthenticateRequest m) throws IOException {
        g.writeStartObject();
        g.writeFieldName("deviceAuthParameters");
        authParameters(g, m.deviceAuthParameters());
        g.writeEndObject();
    }

    public static void authenticateResponse(JsonGenerator g, AuthenticateResponse m) throws IOException {
        g.writeStartObject();
        g.writeStringField("deviceGUID", m.deviceGUID());
        g.writeStringField("productGUID", m.productGUID());
        g.writeStringField("token", m.token());
        g.writeEndObject();
    }

    private static void authParameters(JsonGenerator g, AuthParameters m) throws IOException {
        g.writeStartObject();
        g.writeStringField("accessKey", m.accessKey());
        g.writeStringField("secretKey", m.secretKey());
        g.writeEndObject();
    }

    public static void checkForUpdatesResponse(JsonGenerator g, CheckForUpdatesResponse m) throws IOException {
        g.writeStartObject();
        g.writeArrayFieldStart("updates");
        for (Update update : m.updates()) {
            update(g, update);
        }
        g.writeEndArray();
        if (m.pollIntervalSeconds() != null) {
            g.writeNumberField("pollIntervalSeconds", m.pollIntervalSeconds());
        }
        g.writeEndObject();
    }

    public static void update(JsonGenerator g, Update m) throws IOException {
        g.writeStartObject();
        g.writeStringField("updateId", m.updateId());
        g.writeStringField("updateType", m.updateType());
        g.writeStringField("version", m.version());
        g.writeStringField("packageType", m.packageType());
        g.writeStringField("downloadUrl", m.downloadUrl());
        g.writeNumberField("size", m.size());
        g.writeStringField("md5", m.md5());
        g.writeFieldName("metadata");
        stringMap(g, m.metadata());
        g.writeEndObject();
    }

    public static void reportRequest(JsonGenerator g, ReportRequest m) throws IOException {
        g.writeStartObject();
        g.writeStringField("version", m.version());
        g.writeFieldName("header");
        reportHeader(g, m.header());
        g.writeArrayFieldStart("data");
        for (DataItem item : m.data()) {
            dataItem(g, item);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void reportHeader(JsonGenerator g, ReportHeader m) throws IOException {
        g.writeStartObject();
        if (m.seqNo() != null) {
            g.writeNumberField("seqNo", m.seqNo());
        }
        g.writeStringField("ts", m.ts());
        if (m.tags() != null) {
            g.writeFieldName("tags");
            stringMap(g, m.tags());
        }
        g.writeEndObject();
    }

    private static void dataItem(JsonGenerator g, DataItem m) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", m.type());
        g.writeStringField("ts", m.ts());
        if (m.vStrings() != null) {
            g.writeFieldName("v_strings");
            stringMap(g, m.vStrings());
        }
        if (m.vInts() != null) {
            g.writeObjectFieldStart("v_ints");
            for (Map.Entry<String, Long> e : m.vInts().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        if (m.vFloats() != null) {
            g.writeObjectFieldStart("v_floats");
            for (Map.Entry<String, Double> e : m.vFloats().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        if (m.data() != null) {
            g.writeStringField("data", m.data());
        }
        if (m.tags() != null) {
            g.writeFieldName("tags");
            stringMap(g, m.tags());
        }
        g.writeEndObject();
    }

    public static void problem(JsonGenerator g, Problem m) throws IOException {
        g.writeStartObject();
        if (m.type() != null) {
            g.writeStringField("type", m.type());
        }
        if (m.title() != null) {
            g.writeStringField("title", m.title());
        }
        if (m.status() != 0) {
            g.writeNumberField("status", m.status());
        }
        if (m.detail() != null) {
            g.writeStringField("detail", m.detail());
        }
        if (m.instance() != null) {
            g.writeStringField("instance", m.instance());
        }
        g.writeEndObject();
    }

    private static void stringMap(JsonGenerator g, Map<String, String> map) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, String> e : map.entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }
}
