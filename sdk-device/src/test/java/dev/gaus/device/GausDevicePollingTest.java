package dev.gaus.device;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.GausException;
import dev.gaus.device.support.RecordingSleeper;
import dev.gaus.device.support.ScriptedServer;
import dev.gaus.server.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The poll loop of a registered device: intervals, jitter, a new interval, error backoff, executors, stop. */
@Timeout(20)
class GausDevicePollingTest {
    @RegisterExtension
    static final ScriptedServer server = new ScriptedServer();

    private static final String CHECK = "/device/prod-guid-1/dev-guid-1/check-for-updates";

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private Path bootstrap;
    private Path state;

    @BeforeEach
    void registeredDevice() throws Exception {
        bootstrap = server.writeBootstrap(dir);
        state = dir.resolve("state/device.data");
    }

    /** Waits with the recording sleeper on the fake clock: nothing really sleeps. */
    private GausDevice device() {
        return GausDevice.builder().bootstrapFile(bootstrap).stateFile(state)
                .clientOptions(c -> c.clock(clock).sleeper(sleeper).retryStrategy(RetryStrategy.builder().maxAttempts(3)
                        .build()))
                .build();
    }

    @Test
    void startPolling_checksEveryIntervalWithJitter_followsANewInterval_andStops() throws Exception {
        server.stubRegister(600);
        server.stubAuthenticate(clock.instant(), Duration.ofDays(1));
        server.wm().stubFor(get(urlPathEqualTo(CHECK)).inScenario("poll").whenScenarioStateIs(STARTED)
                .willReturn(okJson(ScriptedServer.UPDATES).withHeader("ETag", "W/\"1\"")).willSetStateTo("faster"));
        server.wm().stubFor(get(urlPathEqualTo(CHECK)).inScenario("poll").whenScenarioStateIs("faster")
                .willReturn(okJson("{\"updates\":[],\"pollIntervalSeconds\":60}").withHeader("ETag", "W/\"2\"")));
        BlockingQueue<UpdateCheck> checks = new LinkedBlockingQueue<>();
        GausDevice device = device();

        PollHandle handle = device.startPolling(Map.of("firmware-version", "1.0.0"), checks::add);
        List<UpdateCheck> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            seen.add(checks.poll(10, TimeUnit.SECONDS));
        }
        handle.stop();

        assertThat(handle.awaitStopped(Duration.ofSeconds(5))).isTrue();
        assertThat(handle.isRunning()).isFalse();
        assertThat(seen).doesNotContainNull();
        assertThat(seen.get(0).updates()).hasSize(1);
        assertThat(seen.get(1).newPollIntervalSeconds()).hasValue(60);
        List<Duration> waits = sleeper.sleeps();
        assertThat(waits.get(0)).isBetween(Duration.ofSeconds(540), Duration.ofSeconds(660));
        assertThat(waits.get(1)).isBetween(Duration.ofSeconds(54), Duration.ofSeconds(66));
        assertThat(server.wm().findAll(getRequestedFor(urlPathEqualTo(CHECK))).get(1).getHeader("If-None-Match"))
                .isEqualTo("W/\"1\"");
    }

    @Test
    void startPolling_afterAFailureWaitsLessThanTheIntervalAndReportsTheError() throws Exception {
        server.stubRegister(3600);
        server.stubAuthenticate(clock.instant(), Duration.ofDays(1));
        server.wm().stubFor(get(urlPathEqualTo(CHECK)).willReturn(aResponse().withStatus(400)));
        BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
        GausDevice device = device();

        try (PollHandle handle = device.startPolling(Map.of(), new PollListener() {
            @Override
            public void onCheck(UpdateCheck check) {}

            @Override
            public void onError(GausException error) {
                errors.add(error);
            }
        })) {
            for (int i = 0; i < 3; i++) { // the third error comes after the second wait
                assertThat(errors.poll(10, TimeUnit.SECONDS)).isInstanceOf(GausServiceException.class);
            }
        }
        assertThat(sleeper.sleeps().get(0)).isBetween(Duration.ofSeconds(27), Duration.ofSeconds(33));
        assertThat(sleeper.sleeps().get(1)).isBetween(Duration.ofSeconds(54), Duration.ofSeconds(66));
    }

    @Test
    void startPolling_onAGivenExecutor_runsThereAndLeavesTheThreadUninterrupted() throws Exception {
        server.stubRegister(3600);
        server.stubAuthenticate(clock.instant(), Duration.ofDays(1));
        server.wm().stubFor(get(urlPathEqualTo(CHECK)).willReturn(okJson("{\"updates\":[]}")));
        ExecutorService executor = Executors.newSingleThreadExecutor(
                r -> new Thread(r, "vendor-pool"));
        try {
            BlockingQueue<String> threads = new LinkedBlockingQueue<>();
            GausDevice device = GausDevice.builder().bootstrapFile(bootstrap).stateFile(state)
                    .pollExecutor(executor).build();

            PollHandle handle = device.startPolling(Map.of(), check -> threads.add(Thread.currentThread().getName()));
            assertThat(threads.poll(10, TimeUnit.SECONDS)).isEqualTo("vendor-pool");
            handle.stop();
            assertThat(handle.awaitStopped(Duration.ofSeconds(5))).isTrue();

            assertThat(executor.submit(() -> Thread.currentThread().isInterrupted()).get(5, TimeUnit.SECONDS)).isFalse();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void startPolling_stopWakesARealWaitAtOnce() throws Exception {
        server.stubRegister(3600);
        server.stubAuthenticate(clock.instant(), Duration.ofDays(1));
        server.wm().stubFor(get(urlPathEqualTo(CHECK)).willReturn(okJson("{\"updates\":[]}")));
        BlockingQueue<UpdateCheck> checks = new LinkedBlockingQueue<>();
        GausDevice device = GausDevice.builder().bootstrapFile(bootstrap).stateFile(state).build();

        PollHandle handle = device.startPolling(Map.of(), checks::add);
        assertThat(checks.poll(10, TimeUnit.SECONDS)).isNotNull();
        long start = System.nanoTime();
        handle.stop();

        assertThat(handle.awaitStopped(Duration.ofSeconds(2))).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
}
