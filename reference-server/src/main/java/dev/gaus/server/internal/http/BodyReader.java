package dev.gaus.server.internal.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.Content;

/**
 * Reads a request body without blocking a thread: chunks are taken as they arrive and, when
 * none is there, the reader asks to be called back. Stops at {@code limit} bytes; past it, keeps
 * reading and dropping up to {@code drainLimit} so the client, still sending, sees the 413.
 */
final class BodyReader implements Runnable {
    /** The outcome; exactly one method is called once. */
    interface Listener {
        void onBody(byte[] body);

        void onTooLarge();

        void onFailure(Throwable failure);
    }

    private final Content.Source source;
    private final int limit;
    private final long drainLimit;
    private final Listener listener;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private long seen;

    private BodyReader(Content.Source source, int limit, long drainLimit, Listener listener) {
        this.source = source;
        this.limit = limit;
        this.drainLimit = drainLimit;
        this.listener = listener;
    }

    static void read(Content.Source source, int limit, long drainLimit, Listener listener) {
        new BodyReader(source, limit, drainLimit, listener).run();
    }

    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = source.read();
            if (chunk == null) {
                source.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                listener.onFailure(chunk.getFailure());
                return;
            }
            ByteBuffer buffer = chunk.getByteBuffer();
            int n = buffer.remaining();
            seen += n;
            if (seen <= limit) {
                byte[] bytes = new byte[n];
                buffer.get(bytes);
                body.write(bytes, 0, n);
            }
            boolean last = chunk.isLast();
            chunk.release();
            if (seen > limit && (last || seen >= drainLimit)) {
                listener.onTooLarge();
                return;
            }
            if (last) {
                listener.onBody(body.toByteArray());
                return;
            }
        }
    }
}
