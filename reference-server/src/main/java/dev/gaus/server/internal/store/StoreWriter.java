package dev.gaus.server.internal.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that writes, with group commit: it takes every write waiting in its queue,
 * runs them in one transaction and commits once. A caller's future completes only after that
 * commit, so a {@code 200} built on it means the row is on disk, while many concurrent writers
 * share one fsync. SQLite allows one writer at a time anyway; batching turns that limit into
 * throughput.
 *
 * <p>The writer is the bottleneck of registrations, so its per-write cost is kept to the bound
 * statements themselves: statements are prepared once per connection, and a batch runs without
 * savepoints. Should one write fail (rare: an idempotency key taken by a concurrent retry), the
 * batch is rolled back and its writes are run again one transaction each, so only the failing
 * one fails.
 *
 * <p>A committed batch's futures are completed on other threads, not the writer's: what waits on
 * them (a parked request thread, or an answer written to its socket) then runs while the writer
 * already takes the next batch. The batch is split between several completion threads because
 * each answer's socket write wakes its client, which often takes the core from the thread that
 * wrote it, and the rest of the batch would wait behind that (measured in
 * {@code docs/performance-history.md}, section StoreWriter).
 */
final class StoreWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreWriter.class);
    private static final int MAX_BATCH = 512;
    /** How long a caller waits for its commit before the request is answered 503. */
    static final long WAIT_SECONDS = 30;

    /** One write, run on the writer's connection inside the batch transaction. */
    @FunctionalInterface
    public interface Write<T> {
        T apply(Session session) throws SQLException;
    }

    /** What a write may use: statements prepared once and kept for the connection's life. */
    public interface Session {
        /** A prepared statement for {@code sql}; the caller binds it and must not close it. */
        PreparedStatement prepare(String sql) throws SQLException;
    }

    private static final class Pending<T> {
        final Write<T> write;
        final CompletableFuture<T> future = new CompletableFuture<>();
        T result;

        Pending(Write<T> write) {
            this.write = write;
        }
    }

    private final Database db;
    private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    /** Threads that complete committed writes: their work is short, non-blocking socket writes. */
    static final int COMPLETION_THREADS = Math.min(16, Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
    private final AtomicInteger completionThreadCount = new AtomicInteger();
    private final ExecutorService completions = Executors.newFixedThreadPool(COMPLETION_THREADS, r -> {
        Thread t = new Thread(r, "gaus-store-completions-" + completionThreadCount.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private final WriterConnection connection;
    private final CommitObserver observer;
    private volatile boolean running = true;
    /** True while a commit is on its way: its outcome is unknown if it fails, so no retry. */
    private boolean committing;

    public StoreWriter(Database db, CommitObserver observer) {
        this.db = db;
        this.observer = observer;
        this.connection = new WriterConnection(db);
        this.thread = new Thread(this::run, "gaus-store-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a write; the future completes after the transaction holding it has committed. */
    public <T> CompletableFuture<T> submit(Write<T> write) {
        Pending<T> p = new Pending<>(write);
        if (!running) {
            p.future.completeExceptionally(new StoreException("the store is closed"));
            return p.future;
        }
        queue.add(p);
        return p.future;
    }

    /** Runs a write and waits for its commit. */
    public <T> T write(Write<T> write) {
        CompletableFuture<T> f = submit(write);
        try {
            return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the store");
        } catch (TimeoutException e) {
            throw notCommittedInTime();
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
    }

    /**
     * Queues a write without waiting: the future completes after its commit, or fails with the
     * {@link RuntimeException} {@link #write} would have thrown, a {@link StoreException} after
     * {@link #WAIT_SECONDS} included.
     */
    public <T> CompletableFuture<T> writeLater(Write<T> write) {
        CompletableFuture<T> bounded = new CompletableFuture<>();
        submit(write).orTimeout(WAIT_SECONDS, TimeUnit.SECONDS).whenComplete((result, e) -> {
            if (e == null) {
                bounded.complete(result);
            } else {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                bounded.completeExceptionally(cause instanceof TimeoutException ? notCommittedInTime() : failure(cause));
            }
        });
        return bounded;
    }

    private static StoreException notCommittedInTime() {
        return new StoreException("the store did not commit within " + WAIT_SECONDS + " s");
    }

    private static RuntimeException failure(Throwable cause) {
        if (cause instanceof RuntimeException) {
            return (RuntimeException) cause;
        }
        return new StoreException("write failed: " + cause.getMessage(), cause);
    }

    private void run() {
        List<Pending<?>> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                runBatch(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    queue.drainTo(batch);
                    runBatch(batch);
                    break;
                }
            } catch (RuntimeException | Error e) {
                LOG.error("store writer failed", e);
                fail(batch, new StoreException("write failed", e));
            } finally {
                batch.clear();
            }
        }
        connection.drop();
    }

    private void runBatch(List<Pending<?>> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            if (!runTogether(batch)) {
                runOneByOne(batch);
            }
        } catch (SQLException | RuntimeException first) {
            Exception e = first;
            boolean reconnect = !committing && !connection.isUsable();
            connection.drop();
            if (reconnect) {
                // The connection died while the store was away (a restart, a failover): nothing
                // of this batch was committed, so it is safe to run it again on a new connection.
                try {
                    if (!runTogether(batch)) {
                        runOneByOne(batch);
                    }
                    return;
                } catch (SQLException | RuntimeException retry) {
                    connection.drop();
                    e = retry;
                }
            }
            LOG.warn("store commit failed: {}", e.toString());
            fail(batch, new StoreException("commit failed: " + e.getMessage(), e));
        }
    }

    /**
     * Runs every write in one transaction and completes the futures after the commit.
     *
     * @return false when a write failed; the transaction is then rolled back and nothing completed
     * @throws SQLException when the transaction itself failed (begin or commit)
     */
    private boolean runTogether(List<Pending<?>> batch) throws SQLException {
        committing = false;
        Connection c = connection.get();
        long start = System.nanoTime();
        db.begin(c);
        for (Pending<?> p : batch) {
            try {
                apply(p);
            } catch (SQLException | RuntimeException e) {
                if (batch.size() == 1) {
                    db.rollback(c);
                    fail(batch, refusal(e));
                    return true;
                }
                db.rollback(c);
                return false;
            }
        }
        commit(c);
        observer.committed(batch.size(), System.nanoTime() - start);
        succeed(batch);
        finishCheckpoint(c);
        return true;
    }

    /**
     * After a failed batch: each write in its own transaction; answers only after all commits.
     * Never throws: what was committed is answered as done, and if the connection fails midway
     * the rest is refused rather than run again (a retry could apply a committed write twice).
     */
    private void runOneByOne(List<Pending<?>> batch) {
        List<Pending<?>> done = new ArrayList<>(batch.size());
        List<Pending<?>> refused = new ArrayList<>();
        List<RuntimeException> reasons = new ArrayList<>();
        int i = 0;
        try {
            Connection c = connection.get();
            for (; i < batch.size(); i++) {
                Pending<?> p = batch.get(i);
                committing = false;
                db.begin(c);
                try {
                    apply(p);
                } catch (SQLException | RuntimeException e) {
                    db.rollback(c);
                    refused.add(p);
                    reasons.add(refusal(e));
                    continue;
                }
                commit(c);
                done.add(p);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("store commit failed: {}", e.toString());
            connection.drop();
            for (; i < batch.size(); i++) {
                refused.add(batch.get(i));
                reasons.add(new StoreException("commit failed: " + e.getMessage(), e));
            }
        }
        // Only now: a caller whose write was refused (say, for a key taken by another write of
        // this batch) must be able to read what the others wrote.
        succeed(done);
        List<Pending<?>> refusedCopy = List.copyOf(refused);
        List<RuntimeException> why = List.copyOf(reasons);
        onCompletionsThread(() -> {
            for (int k = 0; k < refusedCopy.size(); k++) {
                refusedCopy.get(k).future.completeExceptionally(why.get(k));
            }
        });
    }

    private void commit(Connection c) throws SQLException {
        committing = true;
        db.commit(c);
        committing = false;
    }

    private static RuntimeException refusal(Exception e) {
        return e instanceof SQLException ? new StoreException("write failed: " + e.getMessage(), e) : (RuntimeException) e;
    }

    private <T> void apply(Pending<T> p) throws SQLException {
        p.result = p.write.apply(connection);
    }

    /** After the batch is answered; a failure here must not be taken for a failed batch. */
    private void finishCheckpoint(Connection c) {
        try {
            db.finishCheckpoint(c);
        } catch (SQLException e) {
            LOG.warn("WAL checkpoint failed: {}", e.toString());
        }
    }

    /** Completes a committed batch, in slices that the completion threads run side by side. */
    private void succeed(List<Pending<?>> committed) {
        List<Pending<?>> copy = List.copyOf(committed);
        int slices = Math.min(COMPLETION_THREADS, copy.size());
        for (int k = 0; k < slices; k++) {
            List<Pending<?>> slice = copy.subList(k * copy.size() / slices, (k + 1) * copy.size() / slices);
            onCompletionsThread(() -> slice.forEach(StoreWriter::complete));
        }
    }

    private void fail(List<Pending<?>> writes, RuntimeException reason) {
        List<Pending<?>> copy = List.copyOf(writes);
        onCompletionsThread(() -> copy.forEach(p -> p.future.completeExceptionally(reason)));
    }

    /**
     * On a completion thread; on this one once they have stopped (closing). Completions may run in
     * any order: each is of a write already committed, so whoever reads after its own answer
     * (a write refused for a key another write of the batch took) finds the others' rows.
     */
    private void onCompletionsThread(Runnable completion) {
        try {
            completions.execute(completion);
        } catch (RejectedExecutionException e) {
            completion.run();
        }
    }

    private static <T> void complete(Pending<T> p) {
        p.future.complete(p.result);
    }

    /** Commits what is queued, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(WAIT_SECONDS * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        completions.shutdown();
        try {
            completions.awaitTermination(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending<?> p;
        while ((p = queue.poll()) != null) {
            p.future.completeExceptionally(new StoreException("the store is closed"));
        }
    }
}
