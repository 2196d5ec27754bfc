package dev.gaus.server.durability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.GausJson;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.RegisterResponse;
import dev.gaus.server.GausServer;
import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.ServerFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A 200 from /register means the device is on disk: a server in a child JVM is killed with
 * {@code destroyForcibly()} (SIGKILL) right after the registration that reaches the target
 * count, while other registrations are still in flight; every key pair that got a 200 must
 * authenticate after a restart on the same data directory.
 */
class KillDashNineTest {
    private static final int THREADS = 12;
    private static final int TARGET = 300;
    private static final Pattern READY = Pattern.compile("ready at (http://\\S+)");

    @Test
    void everyRegistrationAnswered200_survivesKillDashNine() throws Exception {
        Path dir = Files.createTempDirectory("gaus-kill9");
        Process child = startChild(dir);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            URI url = awaitReady(child);
            Api api = new Api(url);
            AuthParameters product = Api.productKeys(dir.resolve("bootstrap.conf"));
            Queue<AuthParameters> acknowledged = new ConcurrentLinkedQueue<>();
            AtomicBoolean killed = new AtomicBoolean();
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String deviceId = "durable-" + t;
                workers.add(CompletableFuture.runAsync(() -> {
                    while (!killed.get()) {
                        HttpResponse<String> r;
                        try {
                            r = api.register(deviceId, product);
                        } catch (RuntimeException e) {
                            return; // the server is gone
                        }
                        if (r.statusCode() == 200) {
                            acknowledged.add(GausJson.decode(r.body(), RegisterResponse.class).deviceAuthParameters());
                            if (acknowledged.size() >= TARGET && killed.compareAndSet(false, true)) {
                                child.destroyForcibly();
                            }
                        }
                    }
                }, pool));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(killed).isTrue();
            List<AuthParameters> survivors = new ArrayList<>(acknowledged);
            assertThat(survivors).hasSizeGreaterThanOrEqualTo(TARGET);

            try (GausServer restarted = GausServer.builder().host("127.0.0.1").port(0).dataDir(dir).start()) {
                Api again = new Api(restarted.url());
                List<AuthParameters> lost = new ArrayList<>();
                for (AuthParameters keys : survivors) {
                    if (again.authenticate(keys).statusCode() != 200) {
                        lost.add(keys);
                    }
                }
                assertThat(lost).as("acknowledged registrations lost after kill -9").isEmpty();
            }
        } finally {
            pool.shutdownNow();
            child.destroyForcibly();
            ServerFixture.deleteRecursively(dir);
        }
    }

    private static Process startChild(Path dir) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", classpath,
                "dev.gaus.server.internal.cli.ServerCli", "serve", "--host", "127.0.0.1", "--port", "0",
                "--data-dir", dir.toString());
        pb.redirectErrorStream(true);
        return pb.start();
    }

    /** Reads the child's log until its ready line, then keeps draining it so it never blocks. */
    private static URI awaitReady(Process child) throws Exception {
        CompletableFuture<URI> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    Matcher m = READY.matcher(line);
                    if (m.find()) {
                        ready.complete(URI.create(m.group(1)));
                    }
                }
            } catch (Exception e) {
                // the child was killed
            }
            ready.completeExceptionally(new IllegalStateException("the child server exited before it was ready"));
        }, "child-log");
        reader.setDaemon(true);
        reader.start();
        return ready.get(60, TimeUnit.SECONDS);
    }
}
