package dev.gaus.benchmarks.server;

import java.io.Closeable;
import java.io.IOException;

/** One client connection, kept alive between requests; used by one load worker at a time. */
interface HttpConnection extends Closeable {

    /** One answer: its status, its {@code ETag} (or null) and its body (empty when none). */
    record Response(int status, String etag, byte[] body) {}

    /**
     * Sends one request and waits for the whole answer.
     *
     * @param ifNoneMatch an {@code If-None-Match} value, or null
     * @param body a JSON body for POST, or null for GET
     */
    Response send(String method, String target, String authorization, String ifNoneMatch, byte[] body)
            throws IOException;

    @Override
    void close();
}
