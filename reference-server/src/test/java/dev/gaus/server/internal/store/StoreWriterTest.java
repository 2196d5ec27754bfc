package dev.gaus.server.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The group-commit writer on a real SQLite file. */
class StoreWriterTest {
    @TempDir
    Path dir;
    private Database db;
    private StoreWriter writer;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void open() {
        db = Database.open(dir, null);
        writer = new StoreWriter(db, CommitObserver.NONE);
    }

    @AfterEach
    void close() {
        release.countDown();
        writer.close();
        db.close();
    }

    @Test
    void committedBatch_isAnsweredOnSeveralThreadsAtOnce() throws Exception {
        holdTheWriter();
        // Both wait in the queue, so they are committed in one batch; each completion then waits
        // for the other, which only a second completion thread can run meanwhile.
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            answers.add(writer.submit(s -> "written").thenApply(result -> {
                try {
                    together.await(5, TimeUnit.SECONDS);
                    return result;
                } catch (Exception e) {
                    throw new IllegalStateException("the other answer of the batch was not being completed", e);
                }
            }));
        }
        release.countDown();

        for (CompletableFuture<String> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("written");
        }
    }

    @Test
    void everyWriteOfALargeBatch_getsItsOwnResult() throws Exception {
        holdTheWriter();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        int writes = 3 * StoreWriter.COMPLETION_THREADS + 1;
        for (int i = 0; i < writes; i++) {
            int n = i;
            results.add(writer.submit(s -> {
                var ps = s.prepare("INSERT INTO server_key (name, value) VALUES (?, ?)");
                ps.setString(1, "batch-" + n);
                ps.setString(2, Integer.toString(n));
                ps.executeUpdate();
                return n;
            }));
        }
        release.countDown();

        for (int i = 0; i < writes; i++) {
            assertThat(results.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
        }
        try (Connection c = db.read()) {
            int stored = db.withStatement(c, "SELECT COUNT(*) FROM server_key WHERE name LIKE 'batch-%'", ps -> {
                try (var rows = ps.executeQuery()) {
                    rows.next();
                    return rows.getInt(1);
                }
            });
            assertThat(stored).isEqualTo(writes);
        }
    }

    /** Keeps the writer inside a batch until {@link #release}, so what is submitted meanwhile queues up. */
    private void holdTheWriter() throws InterruptedException {
        CountDownLatch inside = new CountDownLatch(1);
        writer.submit(s -> {
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
    }
}
