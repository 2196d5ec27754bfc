package dev.gaus.device;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.gaus.core.message.Update;
import dev.gaus.device.UpdateVerificationException.Check;
import dev.gaus.device.support.RecordingSleeper;
import dev.gaus.device.support.ScriptedServer;
import dev.gaus.server.testing.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Downloading an update against a scripted server: resume, refusal of wrong bytes, faults. */
@Timeout(30)
class UpdateDownloadTest {
    @RegisterExtension
    static final ScriptedServer server = new ScriptedServer();

    private static final byte[] CONTENT = new byte[200_000];
    private static final String PATH = "/files/fw-1.0.2.bin";

    static {
        new Random(11).nextBytes(CONTENT);
    }

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private GausClient client;
    private Path target;

    @BeforeEach
    void setUp() {
        client = GausClient.builder().serverUrl(server.url()).requestTimeout(Duration.ofSeconds(5)).clock(clock)
                .sleeper(sleeper).retryStrategy(retries(3)).build();
        target = dir.resolve("out/fw.bin");
    }

    private static RetryStrategy retries(int maxAttempts) {
        return RetryStrategy.builder().maxAttempts(maxAttempts).maxTotalTime(Duration.ofSeconds(60))
                .backoff(Backoff.fullJitter(Duration.ofSeconds(1), Duration.ofSeconds(8))).build();
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    private Update update(long size, String md5, String sha256) {
        return new Update("u-1", "firmware", "1.0.2", "file", server.url() + PATH, size, md5,
                sha256 == null ? Map.of() : Map.of("toSha256", sha256));
    }

    private Update honest() throws Exception {
        return update(CONTENT.length, hex("MD5", CONTENT), hex("SHA-256", CONTENT));
    }

    private List<LoggedRequest> downloads() {
        return server.wm().findAll(getRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void download_verifiesAndMovesTheFileIntoPlace_withoutSendingAToken() throws Exception {
        server.wm().stubFor(get(PATH).willReturn(aResponse().withStatus(200).withBody(CONTENT)));

        Path result = client.download(honest(), target);

        assertThat(result).isEqualTo(target);
        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
        assertThat(dir.resolve("out/fw.bin.part")).doesNotExist();
        assertThat(downloads()).singleElement().satisfies(r -> {
            assertThat(r.containsHeader("Authorization")).isFalse();
            assertThat(r.containsHeader("Range")).isFalse();
        });
    }

    @Test
    void download_connectionCutMidBody_resumesWithRangeFromThePartialLength() throws Exception {
        int cut = 70_000;
        // First answer promises the whole file but the connection ends after 70 000 bytes.
        server.wm().stubFor(get(PATH).withHeader("Range", absent()).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Length", Integer.toString(CONTENT.length))
                .withBody(Arrays.copyOf(CONTENT, cut))));
        server.wm().stubFor(get(PATH).withHeader("Range", equalTo("bytes=" + cut + "-")).willReturn(aResponse()
                .withStatus(206).withHeader("Content-Range", "bytes " + cut + "-" + (CONTENT.length - 1) + "/"
                        + CONTENT.length).withBody(Arrays.copyOfRange(CONTENT, cut, CONTENT.length))));

        client.download(honest(), target);

        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
        assertThat(downloads()).hasSize(2);
        assertThat(downloads()).filteredOn(r -> r.containsHeader("Range"))
                .singleElement().satisfies(r -> assertThat(r.getHeader("Range")).isEqualTo("bytes=" + cut + "-"));
    }

    @Test
    void download_partialFileFromAnEarlierRun_resumesFromItsLengthAfterAReset() throws Exception {
        Files.createDirectories(target.getParent());
        Files.write(dir.resolve("out/fw.bin.part"), Arrays.copyOf(CONTENT, 123_456));
        server.wm().stubFor(get(PATH).inScenario("reset").whenScenarioStateIs("Started")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("up"));
        server.wm().stubFor(get(PATH).inScenario("reset").whenScenarioStateIs("up")
                .withHeader("Range", equalTo("bytes=123456-")).willReturn(aResponse().withStatus(206)
                        .withHeader("Content-Range", "bytes 123456-199999/200000")
                        .withBody(Arrays.copyOfRange(CONTENT, 123_456, CONTENT.length))));

        client.download(honest(), target);

        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
        assertThat(downloads()).hasSize(2).allSatisfy(r -> assertThat(r.getHeader("Range")).isEqualTo("bytes=123456-"));
    }

    @Test
    void download_serverIgnoringRange_rewritesTheFileFromTheStart() throws Exception {
        Files.createDirectories(target.getParent());
        Files.write(dir.resolve("out/fw.bin.part"), new byte[5_000]); // stale bytes of another file
        server.wm().stubFor(get(PATH).willReturn(aResponse().withStatus(200).withBody(CONTENT)));

        client.download(honest(), target);

        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
    }

    @Test
    void download_wrongMd5_deletesThePartialFileAndThrowsTyped() throws Exception {
        server.wm().stubFor(get(PATH).willReturn(aResponse().withStatus(200).withBody(CONTENT)));
        Update wrong = update(CONTENT.length, "0".repeat(32), hex("SHA-256", CONTENT));

        UpdateVerificationException e = catchThrowableOfType(UpdateVerificationException.class,
                () -> client.download(wrong, target));

        assertThat(e.failedCheck()).isEqualTo(Check.MD5);
        assertThat(e.updateId()).isEqualTo("u-1");
        assertThat(e).isInstanceOf(GausClientException.class);
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("out/fw.bin.part")).doesNotExist();
    }

    @Test
    void download_wrongSha256_deletesThePartialFileAndThrowsTyped() throws Exception {
        server.wm().stubFor(get(PATH).willReturn(aResponse().withStatus(200).withBody(CONTENT)));
        Update wrong = update(CONTENT.length, hex("MD5", CONTENT), "f".repeat(64));

        UpdateVerificationException e = catchThrowableOfType(UpdateVerificationException.class,
                () -> client.download(wrong, target));

        assertThat(e.failedCheck()).isEqualTo(Check.SHA256);
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("out/fw.bin.part")).doesNotExist();
    }

    @Test
    void download_moreBytesThanAnnounced_failsTheSizeCheck() throws Exception {
        server.wm().stubFor(get(PATH).willReturn(aResponse().withStatus(200).withBody(CONTENT)));
        Update wrong = update(CONTENT.length - 10, hex("MD5", CONTENT), hex("SHA-256", CONTENT));

        UpdateVerificationException e = catchThrowableOfType(UpdateVerificationException.class,
                () -> client.download(wrong, target));

        assertThat(e.failedCheck()).isEqualTo(Check.SIZE);
        assertThat(target).doesNotExist();
        assertThat(dir.resolve("out/fw.bin.part")).doesNotExist();
    }

    @Test
    void download_fewerBytesThanAnnounced_failsTheSizeCheck() throws Exception {
        server.wm().stubFor(get(PATH).withHeader("Range", absent())
                .willReturn(aResponse().withStatus(200).withBody(CONTENT)));
        server.wm().stubFor(get(PATH).withHeader("Range", equalTo("bytes=200000-"))
                .willReturn(aResponse().withStatus(416).withHeader("Content-Range", "bytes */200000")));
        Update wrong = update(CONTENT.length + 10, hex("MD5", CONTENT), hex("SHA-256", CONTENT));

        UpdateVerificationException e = catchThrowableOfType(UpdateVerificationException.class,
                () -> client.download(wrong, target));

        assertThat(e.failedCheck()).isEqualTo(Check.SIZE);
        assertThat(target).doesNotExist();
    }

    @Test
    void download_notFound_isRefusedWithoutRetrying() {
        server.wm().stubFor(get(PATH).willReturn(aResponse().withStatus(404)));

        GausServiceException e = catchThrowableOfType(GausServiceException.class,
                () -> client.download(update(10, "0".repeat(32), null), target));

        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(downloads()).hasSize(1);
        assertThat(target).doesNotExist();
    }

    @Test
    void download_serverStallingMidBody_isCutAfterTheRequestTimeoutAndKeepsWhatArrived() throws Exception {
        GausClient impatient = GausClient.builder().serverUrl(server.url()).requestTimeout(Duration.ofMillis(500))
                .clock(clock).sleeper(sleeper).retryStrategy(retries(2)).build();
        // A server that sends its headers and 1000 bytes at once, then nothing for a long time.
        try (ServerSocket stalling = new ServerSocket(0, 10,
                InetAddress.getLoopbackAddress())) {
            Thread serverThread = new Thread(() -> {
                while (!stalling.isClosed()) {
                    try {
                        Socket s = stalling.accept();
                        Thread one = new Thread(() -> {
                            try (s) {
                                s.getInputStream().read(new byte[8192]);
                                s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + CONTENT.length
                                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                                s.getOutputStream().write(CONTENT, 0, 1000);
                                s.getOutputStream().flush();
                                Thread.sleep(10_000);
                            } catch (IOException | InterruptedException e) {
                                // the client hung up
                            }
                        });
                        one.setDaemon(true);
                        one.start();
                    } catch (IOException e) {
                        // the test is over
                    }
                }
            });
            serverThread.setDaemon(true);
            serverThread.start();
            Update update = new Update("u-1", "firmware", "1.0.2", "file",
                    "http://127.0.0.1:" + stalling.getLocalPort() + "/fw.bin", CONTENT.length, hex("MD5", CONTENT), null);
            long start = System.nanoTime();

            GausClientException e = catchThrowableOfType(GausClientException.class, () -> impatient.download(update, target));

            assertThat(e.reason()).isEqualTo(GausClientException.Reason.CONNECTION);
            assertThat(e.getMessage()).contains("no byte arrived for 500 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(target).doesNotExist();
            // What arrived stays for the next call to resume from.
            assertThat(Files.readAllBytes(dir.resolve("out/fw.bin.part"))).isEqualTo(Arrays.copyOf(CONTENT, 1000));
        }
    }
}
