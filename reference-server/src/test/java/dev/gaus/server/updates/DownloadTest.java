package dev.gaus.server.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.GausJson;
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
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The file behind downloadUrl: whole, in ranges, conditional, refused; over real HTTP. */
class DownloadTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static ServerFixture fixture;
    private static byte[] content;
    private static String updateId;
    private static Update update;
    private static AuthenticateResponse session;
    private static Api api;

    @BeforeAll
    static void publish() throws IOException {
        fixture = ServerFixture.start(GausServer.builder().publicUrl(URI.create("http://127.0.0.1:1/behind/proxy/")));
        api = new Api(URI.create("http://127.0.0.1:" + fixture.server().port()));
        content = new byte[300_000];
        new Random(7).nextBytes(content);
        Path file = Files.write(fixture.dataDir().resolve("fw.bin"), content);
        updateId = Cli.run("update", "publish", "--product", "demo", "--type", "firmware", "--version", "2.0.0",
                "--file", file.toString(), "--metadata", "notes=fixes", "--data-dir", fixture.dataDir().toString())
                .ok().strip();
        session = api.authenticateOk(api.registerOk("download-unit", fixture.product()));
        HttpResponse<String> r = api.get(Api.devicePath(session, "check-for-updates") + "?firmware-version=1.0.0",
                "Authorization", "Bearer " + session.token());
        update = GausJson.decode(r.body(), CheckForUpdatesResponse.class).updates().get(0);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    /** The download URL on the real listening address (the public URL of this server points at a proxy). */
    private static URI local(String downloadUrl) {
        String path = downloadUrl.substring(downloadUrl.indexOf("/download/"));
        return URI.create(api.url() + path);
    }

    private static HttpResponse<byte[]> get(String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(local(update.downloadUrl())).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void checkForUpdates_downloadUrl_isAbsoluteUnderThePublicUrlAndNotTheUpdateId() {
        assertThat(update.updateId()).isEqualTo(updateId);
        assertThat(update.downloadUrl()).matches("http://127\\.0\\.0\\.1:1/behind/proxy/download/[0-9a-f]{64}");
        assertThat(update.metadata()).containsEntry("notes", "fixes").containsKey("toSha256");
    }

    @Test
    void download_withoutToken_servesTheWholeFileMatchingSizeMd5AndSha256() throws Exception {
        HttpResponse<byte[]> r = get();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(content);
        assertThat(r.headers().firstValue("Content-Length")).hasValue(Long.toString(update.size()));
        assertThat(r.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(r.headers().firstValue("ETag")).hasValue("\"" + update.sha256().orElseThrow() + "\"");
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(r.body()))).isEqualTo(update.md5());
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(r.body())))
                .isEqualTo(update.sha256().orElseThrow());
    }

    @Test
    void download_withRange_answers206WithThoseBytes() {
        HttpResponse<byte[]> r = get("Range", "bytes=1000-1999");
        assertThat(r.statusCode()).isEqualTo(206);
        assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes 1000-1999/300000");
        assertThat(r.body()).isEqualTo(Arrays.copyOfRange(content, 1000, 2000));

        HttpResponse<byte[]> open = get("Range", "bytes=299990-");
        assertThat(open.statusCode()).isEqualTo(206);
        assertThat(open.body()).isEqualTo(Arrays.copyOfRange(content, 299_990, 300_000));

        HttpResponse<byte[]> suffix = get("Range", "bytes=-5");
        assertThat(suffix.headers().firstValue("Content-Range")).hasValue("bytes 299995-299999/300000");
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(content, 299_995, 300_000));
    }

    @Test
    void download_withRangeBeyondTheEnd_answers416WithTheSize() {
        HttpResponse<byte[]> r = get("Range", "bytes=300000-");
        assertThat(r.statusCode()).isEqualTo(416);
        assertThat(r.headers().firstValue("Content-Range")).hasValue("bytes */300000");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void download_withSeveralRangesOrAStaleIfRange_servesTheWholeFile() {
        assertThat(get("Range", "bytes=0-1,5-6").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> stale = get("Range", "bytes=0-1", "If-Range", "\"other\"");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).hasSize(content.length);
        assertThat(get("Range", "bytes=0-1", "If-Range", "\"" + update.sha256().orElseThrow() + "\"").statusCode())
                .isEqualTo(206);
    }

    @Test
    void download_withMatchingIfNoneMatch_answers304() {
        assertThat(get("If-None-Match", "\"" + update.sha256().orElseThrow() + "\"").statusCode()).isEqualTo(304);
    }

    @Test
    void download_head_answersHeadersOnly() throws Exception {
        HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(local(update.downloadUrl()))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Length")).hasValue("300000");
    }

    @Test
    void download_unknownOrMalformedToken_answers404Problem() {
        HttpResponse<String> unknown = api.get("/download/" + "0".repeat(64));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Api.problem(unknown).status()).isEqualTo(404);
        assertThat(api.get("/download/" + updateId).statusCode()).isEqualTo(404);
        assertThat(api.get("/download/../gaus.db").statusCode()).isEqualTo(404);
    }

    @Test
    void download_post_answers405WithAllow() {
        HttpResponse<String> r = api.post(local(update.downloadUrl()).getPath(), "{}");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void withdrawnUpdate_isNoLongerOfferedNorServed_andTheEtagChanges() throws IOException {
        Path file = Files.write(fixture.dataDir().resolve("app.bin"), new byte[] {1, 2, 3});
        String id = Cli.run("update", "publish", "--product", "demo", "--type", "app", "--version", "1",
                "--version-type", "number", "--file", file.toString(), "--data-dir", fixture.dataDir().toString())
                .ok().strip();
        String path = Api.devicePath(session, "check-for-updates") + "?app-version=0&firmware-version=2.0.0";
        HttpResponse<String> before = api.get(path, "Authorization", "Bearer " + session.token());
        Update app = GausJson.decode(before.body(), CheckForUpdatesResponse.class).updates().get(0);
        String etag = before.headers().firstValue("ETag").orElseThrow();
        assertThat(api.get(path, "Authorization", "Bearer " + session.token(), "If-None-Match", etag)
                .statusCode()).isEqualTo(304);

        Cli.run("update", "withdraw", "--update-id", id, "--data-dir", fixture.dataDir().toString()).ok();

        HttpResponse<String> after = api.get(path, "Authorization", "Bearer " + session.token(),
                "If-None-Match", etag);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        assertThat(GausJson.decode(after.body(), CheckForUpdatesResponse.class).updates()).isEmpty();
        assertThat(api.get(local(app.downloadUrl()).getPath()).statusCode()).isEqualTo(410);
    }
}
