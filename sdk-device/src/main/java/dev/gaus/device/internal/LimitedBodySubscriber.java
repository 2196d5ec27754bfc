package dev.gaus.device.internal;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Collects a response body into a byte array, but no more than a limit and no later than a
 * deadline: a server (or something posing as one) can make the device neither buffer an endless
 * body nor wait for ever on one that dribbles or stalls.
 */
final class LimitedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final int limit;
    private final long deadline;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private byte[] buffer = new byte[512];
    private int size;
    private Flow.Subscription subscription;
    private ScheduledFuture<?> expiry;

    /** @param deadline the {@link System#nanoTime()} by which the whole body must have come */
    LimitedBodySubscriber(int limit, long deadline) {
        this.limit = limit;
        this.deadline = deadline;
    }

    static HttpResponse.BodyHandler<byte[]> handler(int limit, long deadline) {
        return info -> new LimitedBodySubscriber(limit, deadline);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            fail(new BodyTimeoutException());
            return;
        }
        expiry = Timer.INSTANCE.schedule(this::expire, left, TimeUnit.NANOSECONDS);
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            int n = item.remaining();
            if (size + n > limit) {
                fail(new BodyTooLargeException(limit));
                return;
            }
            if (size + n > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(limit, Math.max(size + n, buffer.length * 2)));
            }
            item.get(buffer, size, n);
            size += n;
        }
    }

    @Override
    public synchronized void onError(Throwable throwable) {
        cancelExpiry();
        result.completeExceptionally(throwable);
    }

    @Override
    public synchronized void onComplete() {
        cancelExpiry();
        result.complete(Arrays.copyOf(buffer, size));
    }

    private synchronized void expire() {
        if (!result.isDone()) {
            fail(new BodyTimeoutException());
        }
    }

    private void fail(IOException failure) {
        cancelExpiry();
        subscription.cancel();
        result.completeExceptionally(failure);
    }

    private void cancelExpiry() {
        if (expiry != null) {
            expiry.cancel(false);
        }
    }

    /** One daemon thread for the deadlines of every client, started with the first body. */
    private static final class Timer {
        static final ScheduledThreadPoolExecutor INSTANCE = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "gaus-body-deadline");
            t.setDaemon(true);
            return t;
        });

        static {
            // Most deadlines are cancelled: without this, each would stay queued until it was due.
            INSTANCE.setRemoveOnCancelPolicy(true);
        }
    }

    /** The body passed the limit. */
    static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(int limit) {
            super("response body larger than " + limit + " bytes");
        }
    }

    /** The body had not come whole by the deadline. */
    static final class BodyTimeoutException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTimeoutException() {
            super("response body not complete in time");
        }

        /** True when {@code failure} or one of its causes is a body deadline passing. */
        static boolean in(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof BodyTimeoutException) {
                    return true;
                }
            }
            return false;
        }
    }
}
