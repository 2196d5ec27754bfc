package dev.gaus.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import dev.gaus.core.GausJsonException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one configured Jackson factory and the helpers the readers share. */
public final class JsonSupport {
    public static final int MAX_NESTING_DEPTH = 32;
    public static final int MAX_DOCUMENT_LENGTH = 8 * 1024 * 1024;

    public static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxDocumentLength(MAX_DOCUMENT_LENGTH)
                    .maxStringLength(1024 * 1024)
                    .maxNameLength(1024)
                    .maxNumberLength(64)
                    .build())
            .streamWriteConstraints(StreamWriteConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .build())
            .build();

    private JsonSupport() {}

    /** The JSONPath of the value the parser stands on, e.g. {@code $.data[3].ts}. */
    public static String pathOf(JsonParser p) {
        JsonStreamContext context = p.getParsingContext();
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            context = context.getParent();
        }
        return render(context);
    }

    /** The JSONPath of a field of the object whose END_OBJECT the parser stands on. */
    public static String pathOfField(JsonParser p, String field) {
        String object = render(p.getParsingContext());
        return object + "." + field;
    }

    private static String render(JsonStreamContext context) {
        if (context == null || context.inRoot()) {
            return "$";
        }
        String parent = render(context.getParent());
        if (context.inArray()) {
            return parent + "[" + context.getCurrentIndex() + "]";
        }
        String name = context.getCurrentName();
        return name == null ? parent : parent + "." + name;
    }

    public static GausJsonException wrongType(JsonParser p, String expected) {
        return new GausJsonException(pathOf(p), "expected " + expected + ", found " + describe(p.currentToken()));
    }

    static String describe(JsonToken token) {
        if (token == null) {
            return "the end of the body";
        }
        switch (token) {
            case START_OBJECT: return "an object";
            case START_ARRAY: return "an array";
            case VALUE_STRING: return "a string";
            case VALUE_NUMBER_INT: return "an integer";
            case VALUE_NUMBER_FLOAT: return "a decimal number";
            case VALUE_TRUE:
            case VALUE_FALSE: return "a boolean";
            case VALUE_NULL: return "null";
            default: return "unexpected JSON";
        }
    }

    /** A string value; null when the JSON value is null (the field then counts as absent). */
    public static String string(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw wrongType(p, "a string");
    }

    /** An integer value; null when the JSON value is null. */
    public static Long integer(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw new GausJsonException(pathOf(p), "integer out of range");
            }
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw wrongType(p, "an integer");
    }

    /** A number value; null when the JSON value is null. */
    public static Double number(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            double value = p.getDoubleValue();
            if (Double.isInfinite(value)) {
                throw new GausJsonException(pathOf(p), "number out of range");
            }
            return value;
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw wrongType(p, "a number");
    }

    /** True when the parser stands on the start of an object, false on null, else a type error. */
    public static boolean startObject(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            return true;
        }
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        throw wrongType(p, "an object");
    }

    /** True when the parser stands on the start of an array, false on null, else a type error. */
    public static boolean startArray(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_ARRAY) {
            return true;
        }
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        throw wrongType(p, "an array");
    }

    /** Reads one JSON value; null when it is JSON null or of another type. */
    @FunctionalInterface
    interface ValueReader<T> {
        T read(JsonParser p) throws IOException;
    }

    /**
     * An object whose values all have one type, in the order sent, or null when absent; a value
     * {@code value} cannot read is refused as not {@code expected} ("a string").
     */
    static <T> Map<String, T> map(JsonParser p, ValueReader<T> value, String expected) throws IOException {
        if (!startObject(p)) {
            return null;
        }
        Map<String, T> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            T v = value.read(p);
            if (v == null) {
                throw wrongType(p, expected);
            }
            map.put(key, v);
        }
        return map;
    }
}
