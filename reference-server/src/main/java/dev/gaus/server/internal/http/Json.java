package dev.gaus.server.internal.http;

import dev.gaus.core.GausJson;
import dev.gaus.core.GausJsonException;

/** Decodes request bodies with the sdk-core codec; a bad body is a 400 naming the JSON path. */
final class Json {
    private Json() {}

    static <T> T decode(byte[] body, Class<T> type) {
        try {
            return GausJson.decode(body, type);
        } catch (GausJsonException e) {
            // The codec's messages name the path and the problem, never a value from the body.
            throw Problems.invalidBody(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw Problems.invalidBody("$: the body is not a valid message");
        }
    }
}
