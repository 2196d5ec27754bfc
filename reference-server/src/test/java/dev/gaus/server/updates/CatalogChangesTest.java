package dev.gaus.server.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.GausJson;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.core.message.CheckForUpdatesResponse;
import dev.gaus.core.message.Update;
import dev.gaus.server.internal.store.DeviceStandings;
import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.Cli;
import dev.gaus.server.testing.Eventually;
import dev.gaus.server.testing.ServerFixture;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server keeps each product's catalog in memory; every publish and withdrawal shows at once. */
class CatalogChangesTest {
    private ServerFixture fixture;
    private AuthenticateResponse session;
    private Path file;

    @BeforeEach
    void start() throws IOException {
        fixture = ServerFixture.start();
        file = Files.createTempFile(fixture.dataDir(), "update", ".bin");
        Files.writeString(file, "payload");
        session = fixture.api().authenticateOk(fixture.api().registerOk("catalog-unit", fixture.product()));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private HttpResponse<String> check() {
        return fixture.api().get(Api.devicePath(session, "check-for-updates") + "?firmware-version=1.0.0",
                "Authorization", "Bearer " + session.token());
    }

    /** What is offered once the server has seen the last change: within DeviceStandings.MAX_AGE. */
    private List<String> offeredWithin(String... expected) {
        return Eventually.until(DeviceStandings.MAX_AGE, () -> ids(offered()), ids -> ids.equals(List.of(expected)));
    }

    private static List<String> ids(List<Update> updates) {
        return updates.stream().map(Update::updateId).toList();
    }

    private List<Update> offered() {
        HttpResponse<String> r = check();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return GausJson.decode(r.body(), CheckForUpdatesResponse.class).updates();
    }

    private String cli(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = fixture.dataDir().toString();
        return Cli.run(all).ok().strip();
    }

    @Test
    void checkForUpdates_afterPublishAndWithdraw_answersTheNewCatalogWithinTheBound() {
        assertThat(offered()).isEmpty();
        String emptyTag = check().headers().firstValue("ETag").orElseThrow();

        String first = cli("update", "publish", "--product", "demo", "--type", "firmware", "--version", "1.0.1",
                "--file", file.toString());
        offeredWithin(first);
        String firstTag = check().headers().firstValue("ETag").orElseThrow();
        assertThat(firstTag).isNotEqualTo(emptyTag);

        String second = cli("update", "publish", "--product", "demo", "--type", "firmware", "--version", "1.0.2",
                "--file", file.toString());
        offeredWithin(second);

        cli("update", "withdraw", "--update-id", second);
        offeredWithin(first);
        assertThat(check().headers().firstValue("ETag")).contains(firstTag);

        cli("update", "withdraw", "--update-id", first);
        offeredWithin();
    }

    @Test
    void checkForUpdates_whenAnotherProductPublishes_keepsItsAnswer() {
        String tag = check().headers().firstValue("ETag").orElseThrow();
        cli("product", "create", "--name", "other");
        cli("update", "publish", "--product", "other", "--type", "firmware", "--version", "9.9.9",
                "--file", file.toString());

        assertThat(offered()).isEmpty();
        assertThat(check().headers().firstValue("ETag")).contains(tag);
    }
}
