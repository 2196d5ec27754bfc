package dev.gaus.server.openapi;

import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** The values of an exchange as the schema validator sees them: header text as JSON, bodies parsed. */
final class Values {
    // Strict: a body with a duplicate key or with content after its value is not one JSON value.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Values() {}

    /**
     * A header or parameter value as the JSON instance its schema describes: a number for a
     * numeric schema when the text is one (else the text, which the schema then reports), a
     * string otherwise.
     */
    static JsonNode scalar(Schema<?> schema, String text) {
        Set<String> types = schema.getTypes() != null ? schema.getTypes()
                : schema.getType() != null ? Set.of(schema.getType()) : Set.of();
        if (types.contains("integer") || types.contains("number")) {
            try {
                return JsonNodeFactory.instance.numberNode(new BigDecimal(text.strip()));
            } catch (NumberFormatException e) {
                return JsonNodeFactory.instance.stringNode(text);
            }
        }
        return JsonNodeFactory.instance.stringNode(text);
    }

    /** Whether the schema describes an object (a free-form query parameter, say). */
    static boolean isObject(Schema<?> schema) {
        return schema != null && (schema.getTypes() != null ? schema.getTypes().contains("object")
                : "object".equals(schema.getType()));
    }

    static Optional<JsonNode> json(byte[] body) {
        try {
            return Optional.of(JSON.readTree(body));
        } catch (JacksonException e) {
            return Optional.empty(); // the parser's message would quote the body
        }
    }

    /** The media type of a Content-Type, without parameters, in lower case. */
    static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** Whether a media type key of the document ({@code application/json}, {@code text/*}) covers {@code type}. */
    static boolean mediaTypeMatches(String key, String type) {
        String k = mediaType(key);
        return k.equals("*/*") || k.equals(type) || k.endsWith("/*") && type.startsWith(k.substring(0, k.length() - 1));
    }

    static int specificity(String key) {
        return key.equals("*/*") ? 0 : key.endsWith("/*") ? 1 : 2;
    }

    static boolean isJson(String type) {
        return type.equals("application/json") || type.endsWith("+json");
    }
}
