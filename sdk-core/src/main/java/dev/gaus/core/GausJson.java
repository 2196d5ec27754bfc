package dev.gaus.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.gaus.core.internal.JsonSupport;
import dev.gaus.core.internal.Messages;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON codec for every GAUS wire message, on jackson-core's streaming API.
 *
 * <p>Strict where the protocol needs it: a body that is not JSON, not an object, has content
 * after the object, a missing, empty or mistyped required field, a duplicate key, or nesting and
 * sizes past {@link #MAX_NESTING_DEPTH} and {@link #MAX_DOCUMENT_LENGTH} raise
 * {@link GausJsonException} naming the JSON path. Lenient where the API promises it: unknown
 * fields are ignored, a JSON null counts as an absent field, and {@code pollInterval} is read as
 * {@code pollIntervalSeconds}. Thread-safe; all methods are static.
 */
public final class GausJson {
    public static final int MAX_NESTING_DEPTH = JsonSupport.MAX_NESTING_DEPTH;
    public static final int MAX_DOCUMENT_LENGTH = JsonSupport.MAX_DOCUMENT_LENGTH;

    private GausJson() {}

    /**
     * Decodes {@code body} (UTF-8 JSON) as the given message type: one of the records in
     * {@code dev.gaus.core.message}.
     *
     * @throws GausJsonException when the body is not a valid message of that type
     */
    public static <T> T decode(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw new GausJsonException("$", "empty body, expected a JSON object");
        }
        Messages.Reader<T> reader = Messages.of(type).reader();
        try (JsonParser p = JsonSupport.FACTORY.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw JsonSupport.wrongType(p, "a JSON object");
            }
            T message = reader.read(p);
            if (p.nextToken() != null) {
                throw new GausJsonException("$", "unexpected content after the JSON object");
            }
            return message;
        } catch (StreamConstraintsException e) {
            throw new GausJsonException("$", "body exceeds the JSON limits (nesting depth "
                    + MAX_NESTING_DEPTH + ", document " + MAX_DOCUMENT_LENGTH + " bytes)");
        } catch (InputCoercionException e) {
            throw new GausJsonException(pathOf(e), "number out of range");
        } catch (JsonProcessingException e) {
            // Jackson's own message may quote the body (and a secret in it): never pass it on.
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate")) {
                throw new GausJsonException(pathOf(e), "duplicate key");
            }
            throw new GausJsonException("$", "malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new GausJsonException("$", "unreadable body");
        }
    }

    /** Decodes a UTF-8 JSON string; see {@link #decode(byte[], Class)}. */
    public static <T> T decode(String body, Class<T> type) {
        return decode(body == null ? null : body.getBytes(StandardCharsets.UTF_8), type);
    }

    /** Encodes a message as compact UTF-8 JSON. */
    public static byte[] encode(Object message) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(256)) {
            encode(message, out);
            return out.toByteArray();
        }
    }

    /** Encodes a message as compact UTF-8 JSON into {@code out}, which stays open. */
    public static void encode(Object message, OutputStream out) {
        try (JsonGenerator g = JsonSupport.FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            Messages.write(g, message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Encodes a message as a JSON string. */
    public static String encodeToString(Object message) {
        return new String(encode(message), StandardCharsets.UTF_8);
    }

    private static String pathOf(JsonProcessingException e) {
        Object processor = e.getProcessor();
        return processor instanceof JsonParser ? JsonSupport.pathOf((JsonParser) processor) : "$";
    }
}
