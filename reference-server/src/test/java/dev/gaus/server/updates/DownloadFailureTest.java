package dev.gaus.server.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.GausJson;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.core.message.CheckForUpdatesResponse;
import dev.gaus.core.message.Update;
import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.Cli;
import dev.gaus.server.testing.ServerFixture;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A stored file that cannot be served is a 500 problem before anything of it is sent, not a reset connection. */
class DownloadFailureTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private ServerFixture fixture;
    private Path stored;
    private URI downloadUrl;

    @BeforeEach
    void publish() throws IOException {
        fixture = ServerFixture.start();
        Api api = new Api(fixture.server().url());
        byte[] content = new byte[200_000];
        new Random(3).nextBytes(content);
        Path file = Files.write(fixture.dataDir().resolve("fw.bin"), content);
        Cli.run("update", "publish", "--product", "demo", "--type", "firmware", "--version", "2.0.0",
                "--file", file.toString(), "--data-dir", fixture.dataDir().toString()).ok();
        AuthenticateResponse session = api.authenticateOk(api.registerOk("broken-file-unit", fixture.product()));
        HttpResponse<String> r = api.get(Api.devicePath(session, "check-for-updates") + "?firmware-version=1.0.0",
                "Authorization", "Bearer " + session.token());
        Update update = GausJson.decode(r.body(), CheckForUpdatesResponse.class).updates().get(0);
        stored = fixture.dataDir().resolve("files").resolve(update.sha256().orElseThrow());
        downloadUrl = URI.create(update.downloadUrl());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void download_storedFileMissing_isA500ProblemWithoutTheFileHeaders() throws Exception {
        assertThat(stored).exists();
        Files.delete(stored);

        assertRefusedWith500(HTTP.send(HttpRequest.newBuilder(downloadUrl).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void download_storedFileShorterThanRecorded_isA500Problem() throws Exception {
        try (FileChannel ch = FileChannel.open(stored, StandardOpenOption.WRITE)) {
            ch.truncate(1000);
        }

        assertRefusedWith500(HTTP.send(HttpRequest.newBuilder(downloadUrl).header("Range", "bytes=500-").build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    private static void assertRefusedWith500(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(r.headers().firstValue("Content-Range")).isEmpty();
        assertThat(r.body()).contains("\"status\":500").contains("internal-error").doesNotContain("Exception");
    }
}
