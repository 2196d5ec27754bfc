package dev.gaus.core.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.gaus.core.message.AuthenticateRequest;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.core.message.CheckForUpdatesResponse;
import dev.gaus.core.message.Problem;
import dev.gaus.core.message.RegisterRequest;
import dev.gaus.core.message.RegisterResponse;
import dev.gaus.core.message.ReportRequest;
import dev.gaus.core.message.ReportResponse;
import dev.gaus.core.message.Update;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Every wire message type with its reader and writer: the one place a new message is added. */
public final class Messages {
    /** Reads one message whose opening brace is the parser's current token. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(JsonParser p) throws IOException;
    }

    /** Writes one message as a JSON object. */
    @FunctionalInterface
    public interface Writer<T> {
        void write(JsonGenerator g, T message) throws IOException;
    }

    /** How one message type is read and written. */
    public record Codec<T>(Class<T> type, Reader<T> reader, Writer<T> writer) {
    }

    private static final Map<Class<?>, Codec<?>> TABLE = Stream.of(
            codec(RegisterRequest.class, MessageReader::registerRequest, MessageWriter::registerRequest),
            codec(RegisterResponse.class, MessageReader::registerResponse, MessageWriter::registerResponse),
            codec(AuthenticateRequest.class, MessageReader::authenticateRequest, MessageWriter::authenticateRequest),
            codec(AuthenticateResponse.class, MessageReader::authenticateResponse, MessageWriter::authenticateResponse),
            codec(CheckForUpdatesResponse.class, MessageReader::checkForUpdatesResponse,
                    MessageWriter::checkForUpdatesResponse),
            codec(Update.class, MessageReader::update, MessageWriter::update),
            codec(ReportRequest.class, MessageReader::reportRequest, MessageWriter::reportRequest),
            codec(ReportResponse.class, MessageReader::reportResponse, MessageWriter::reportResponse),
            codec(Problem.class, MessageReader::problem, MessageWriter::problem))
            .collect(Collectors.toUnmodifiableMap(Codec::type, Function.identity()));

    private Messages() {}

    /** The codec of {@code type}, one of the records in {@code dev.gaus.core.message}. */
    @SuppressWarnings("unchecked")
    public static <T> Codec<T> of(Class<T> type) {
        Codec<?> codec = type == null ? null : TABLE.get(type);
        if (codec == null) {
            throw new IllegalArgumentException("not a GAUS message type: " + (type == null ? "null" : type.getName()));
        }
        return (Codec<T>) codec;
    }

    /** Writes {@code message} with the codec of its type. */
    @SuppressWarnings("unchecked")
    public static void write(JsonGenerator g, Object message) throws IOException {
        Codec<Object> codec = (Codec<Object>) of(message == null ? null : message.getClass());
        codec.writer().write(g, message);
    }

    private static <T> Codec<T> codec(Class<T> type, Reader<T> reader, Writer<T> writer) {
        return new Codec<>(type, reader, writer);
    }
}
