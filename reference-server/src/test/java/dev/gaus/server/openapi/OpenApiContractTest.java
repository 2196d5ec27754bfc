package dev.gaus.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.GausJson;
import dev.gaus.core.KeyValueFile;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.core.message.CheckForUpdatesResponse;
import dev.gaus.core.message.Update;
import dev.gaus.server.GausServer;
import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.Cli;
import dev.gaus.server.testing.ServerFixture;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint of the device API, its answers and its refusals, over real HTTP against a real
 * server, each exchange checked against {@code docs/openapi.yaml} by {@link OpenApiContract}.
 * A request the document itself refuses (a bad body or header, no token, a method or path it
 * does not list) goes through {@code refused}: the document must refuse it too, and the answer
 * must be one it declares. Every other exchange goes through {@code conforms}, refusals the
 * schemas cannot express included (a wrong secret, a body over 64 KiB, throttling). The status
 * is asserted first, so each exchange shows the answer it names, not merely a documented one.
 */
class OpenApiContractTest {
    private static final OpenApiContract CONTRACT = OpenApiContract.load();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    /** Small, so that throttling is reached in a few requests. */
    private static final int GUESS_LIMIT = 2;
    /** A body over the 64 KiB limit that is valid JSON: only its size is wrong. */
    private static final String PADDING = ",\"padding\":\"" + "x".repeat(70_000) + "\"";

    private static ServerFixture fixture;
    private static Api api;
    private static AuthParameters product;
    private static AuthenticateResponse session;
    private static AuthenticateResponse otherSession;
    private static Update firmware;
    private static URI withdrawnUrl;

    @BeforeAll
    static void start() throws IOException {
        fixture = ServerFixture.start(GausServer.builder().authGuessLimit(GUESS_LIMIT));
        api = fixture.api();
        product = fixture.product();
        byte[] content = new byte[10_000];
        new Random(18).nextBytes(content);
        publish("firmware", "2.0.0", content);
        String app = publish("app", "1.0.0", new byte[] {1, 2, 3});
        session = api.authenticateOk(api.registerOk("contract-device", product));
        otherSession = api.authenticateOk(api.registerOk("contract-other", product));
        CheckForUpdatesResponse offered = GausJson.decode(checkForUpdates(session, "?firmware-version=1.0.0").body(),
                CheckForUpdatesResponse.class);
        firmware = offered.updates().stream().filter(u -> u.updateType().equals("firmware")).findFirst().orElseThrow();
        withdrawnUrl = URI.create(offered.updates().stream().filter(u -> u.updateType().equals("app")).findFirst()
                .orElseThrow().downloadUrl());
        Cli.run("update", "withdraw", "--update-id", app, "--data-dir", fixture.dataDir().toString()).ok();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static String publish(String type, String version, byte[] content) throws IOException {
        Path file = Files.write(fixture.dataDir().resolve(type + ".bin"), content);
        return Cli.run("update", "publish", "--product", "demo", "--type", type, "--version", version, "--file",
                file.toString(), "--data-dir", fixture.dataDir().toString()).ok().strip();
    }

    private static void conforms(int status, HttpResponse<?> response) {
        assertThat(response.statusCode()).as("status").isEqualTo(status);
        CONTRACT.assertConforms(response);
    }

    private static void refused(int status, HttpResponse<?> response) {
        assertThat(response.statusCode()).as("status").isEqualTo(status);
        CONTRACT.assertRefusedAsDocumented(response);
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(api.url().resolve(path)).timeout(Duration.ofSeconds(30));
    }

    private static HttpRequest.Builder request(URI url) {
        return HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30));
    }

    private static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request.build(), handler);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> checkForUpdates(AuthenticateResponse as, String query, String... headers) {
        return api.get(Api.devicePath(as, "check-for-updates") + query, with(as, headers));
    }

    private static HttpResponse<String> report(String body, String... headers) {
        return api.post(Api.devicePath(session, "report"), body, with(session, headers));
    }

    private static String[] with(AuthenticateResponse as, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + as.token();
        System.arraycopy(headers, 0, all, 2, headers.length);
        return all;
    }

    @Test
    void health() {
        conforms(200, api.get("/health"));
        refused(405, send(request("/health").POST(HttpRequest.BodyPublishers.ofString("{}"))));
        refused(405, send(request("/health").method("HEAD", HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.discarding()));
    }

    @Test
    void headersOverTheLimit_areRefusedBeforeRouting() {
        conforms(431, api.get("/health", "X-Padding", "p".repeat(17 * 1024)));
    }

    @Test
    void register_answers() {
        conforms(200, api.register("contract-1", product));
        conforms(200, api.register("contract-2", product, "Idempotency-Key", "contract-key-1"));
        HttpResponse<String> replay = api.register("contract-2", product, "Idempotency-Key", "contract-key-1");
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        conforms(200, replay);
        conforms(422, api.register("contract-3", product, "Idempotency-Key", "contract-key-1"));
    }

    @Test
    void register_refusals() {
        refused(400, api.post("/register", "{\"deviceId\":\"\"}"));
        refused(400, api.register("contract-4", product, "Idempotency-Key", "k".repeat(256)));
        HttpResponse<String> wrongSecret = api.register("contract-5", new AuthParameters(product.accessKey(), "wrong"));
        assertThat(wrongSecret.headers().firstValue("WWW-Authenticate")).isEmpty();
        conforms(401, wrongSecret);
        conforms(401, api.register("contract-5", new AuthParameters("no-such-access-key", "wrong")));
        refused(405, api.get("/register"));
        String body = Api.registerBody("contract-6", product);
        conforms(413, api.post("/register", body.substring(0, body.length() - 1) + PADDING + "}"));
        refused(415, api.post("/register", body, "Content-Type", "text/plain"));
    }

    @Test
    void register_throttlesGuessing() {
        String created = Cli.run("product", "create", "--name", "guessed", "--data-dir", fixture.dataDir().toString())
                .ok();
        String accessKey = KeyValueFile.parse(created, "output").get(KeyValueFile.PRODUCT_ACCESS_KEY);
        for (int guess = 1; guess <= GUESS_LIMIT; guess++) {
            conforms(401, api.register("guesser", new AuthParameters(accessKey, "guess-" + guess)));
        }
        HttpResponse<String> throttled = api.register("guesser", new AuthParameters(accessKey, "guess-last"));
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        conforms(429, throttled);
    }

    @Test
    void authenticate() {
        AuthParameters keys = api.registerOk("contract-auth", product);
        conforms(200, api.authenticate(keys));
        refused(400, api.post("/authenticate", "{\"deviceAuthParameters\":{\"accessKey\":\"a\"}}"));
        refused(405, api.get("/authenticate"));
        String body = Api.authenticateBody(keys);
        conforms(413, api.post("/authenticate", body.substring(0, body.length() - 1) + PADDING + "}"));
        refused(415, api.post("/authenticate", body, "Content-Type", "text/plain"));
        for (int guess = 1; guess <= GUESS_LIMIT; guess++) {
            HttpResponse<String> wrong = api.authenticate(new AuthParameters(keys.accessKey(), "guess-" + guess));
            assertThat(wrong.headers().firstValue("WWW-Authenticate")).isEmpty();
            conforms(401, wrong);
        }
        HttpResponse<String> throttled = api.authenticate(new AuthParameters(keys.accessKey(), "guess-last"));
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        conforms(429, throttled);
    }

    @Test
    void checkForUpdates_answers() {
        HttpResponse<String> offered = checkForUpdates(session, "?firmware-version=1.0.0&location=swe");
        conforms(200, offered);
        assertThat(GausJson.decode(offered.body(), CheckForUpdatesResponse.class).updates()).isNotEmpty();
        String etag = offered.headers().firstValue("ETag").orElseThrow();
        conforms(304, checkForUpdates(session, "?firmware-version=1.0.0&location=swe", "If-None-Match", etag));
        conforms(304, checkForUpdates(session, "?firmware-version=1.0.0&location=swe", "If-None-Match",
                "\"other\", " + etag.substring(2)));
        conforms(304, checkForUpdates(session, "", "If-None-Match", "*"));
        conforms(200, checkForUpdates(session, "?firmware-version=9.0.0"));
    }

    @Test
    void checkForUpdates_refusals() {
        String path = Api.devicePath(session, "check-for-updates");
        HttpResponse<String> missing = api.get(path);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).isPresent();
        refused(401, missing);
        HttpResponse<String> invalid = api.get(path, "Authorization", "Bearer not.a-valid.token");
        assertThat(invalid.headers().firstValue("WWW-Authenticate")).isPresent();
        conforms(401, invalid);
        conforms(403, api.get(path, "Authorization", "Bearer " + otherSession.token()));
        refused(405, api.post(path, "{}", with(session)));
        refused(405, send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + session.token()), HttpResponse.BodyHandlers.discarding()));
    }

    @Test
    void report() {
        conforms(200, report(Api.REPORT_BODY));
        conforms(200, api.post(Api.devicePath(session, "report") + "?firmware-version=1.0.0", Api.REPORT_BODY,
                with(session)));
        refused(400, report("{\"version\":\"1.0.0\",\"data\":[]}"));
        refused(401, api.post(Api.devicePath(session, "report"), Api.REPORT_BODY));
        conforms(403, api.post(Api.devicePath(session, "report"), Api.REPORT_BODY, with(otherSession)));
        refused(405, api.get(Api.devicePath(session, "report"), with(session)));
        conforms(413, report(Api.REPORT_BODY.substring(0, Api.REPORT_BODY.length() - 1) + PADDING + "}"));
        refused(415, report(Api.REPORT_BODY, "Content-Type", "text/plain"));
    }

    @Test
    void download_answers() {
        URI url = URI.create(firmware.downloadUrl());
        String etag = "\"" + firmware.sha256().orElseThrow() + "\"";
        conforms(200, send(request(url).GET(), HttpResponse.BodyHandlers.ofByteArray()));
        conforms(206, send(request(url).header("Range", "bytes=100-199"), HttpResponse.BodyHandlers.ofByteArray()));
        conforms(206, send(request(url).header("Range", "bytes=0-9").header("If-Range", etag),
                HttpResponse.BodyHandlers.ofByteArray()));
        conforms(304, send(request(url).header("If-None-Match", etag), HttpResponse.BodyHandlers.discarding()));
        conforms(416, send(request(url).header("Range", "bytes=" + firmware.size() + "-")));
        HttpRequest.BodyPublisher none = HttpRequest.BodyPublishers.noBody();
        conforms(200, send(request(url).method("HEAD", none), HttpResponse.BodyHandlers.discarding()));
        conforms(206, send(request(url).method("HEAD", none).header("Range", "bytes=-10"),
                HttpResponse.BodyHandlers.discarding()));
    }

    @Test
    void download_refusals() {
        conforms(404, send(request("/download/" + "0".repeat(64))));
        conforms(404, send(request("/download/" + "0".repeat(64)).method("HEAD", HttpRequest.BodyPublishers.noBody()),
                HttpResponse.BodyHandlers.discarding()));
        refused(404, send(request("/download/not-a-token")));
        conforms(410, send(request(withdrawnUrl)));
        refused(405, send(request(URI.create(firmware.downloadUrl())).POST(HttpRequest.BodyPublishers.ofString("{}"))));
    }

    @Test
    void unknownPath() {
        refused(404, api.get("/no/such/endpoint"));
        refused(404, api.post("/device/x/y/z", "{}"));
    }
}
