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
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which update each device is offered, by table, through real HTTP against a catalog published
 * with the admin CLI.
 */
class UpdateSelectorTest {
    private static ServerFixture fixture;
    private static AuthenticateResponse session;
    private static Path file;

    @BeforeAll
    static void publishCatalog() throws IOException {
        fixture = ServerFixture.start();
        Cli.run("product", "create", "--name", "other", "--data-dir", fixture.dataDir().toString()).ok();
        file = Files.createTempFile(fixture.dataDir(), "update", ".bin");
        Files.writeString(file, "payload");
        // firmware (semver): 1.0.1 everywhere, 1.2.0 only in swe, 2.0.0 withdrawn, 1.1.0 in swe on hw=b
        publish("firmware", "1.0.1", "semver");
        publish("firmware", "1.2.0", "semver", "--where", "location=swe");
        String withdrawn = publish("firmware", "2.0.0", "semver");
        Cli.run("update", "withdraw", "--update-id", withdrawn, "--data-dir", fixture.dataDir().toString()).ok();
        publish("firmware", "1.1.0", "semver", "--where", "location=swe", "--where", "hw=b");
        // app (number): 9 and 10, 10 compares above 9 as a number
        publish("app", "9", "number");
        publish("app", "10", "number");
        // build (alphanum): build-9 < build-10
        publish("build", "build-10", "alphanum");
        publish("build", "build-9", "alphanum");
        // another product's update is never offered to this product's devices
        Cli.run("update", "publish", "--product", "other", "--type", "firmware", "--version", "9.9.9", "--file",
                file.toString(), "--data-dir", fixture.dataDir().toString()).ok();
        var device = fixture.api().registerOk("selector-unit", fixture.product());
        session = fixture.api().authenticateOk(device);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static String publish(String type, String version, String scheme, String... more) {
        String[] base = {"update", "publish", "--product", "demo", "--type", type, "--version", version,
            "--version-type", scheme, "--file", file.toString(), "--data-dir", fixture.dataDir().toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return Cli.run(all).ok().strip();
    }

    private static List<Update> check(String query) {
        HttpResponse<String> r = fixture.api().get(Api.devicePath(session, "check-for-updates")
                + (query.isEmpty() ? "" : "?" + query), "Authorization", "Bearer " + session.token());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return GausJson.decode(r.body(), CheckForUpdatesResponse.class).updates();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            firmware-version=1.0.0&app-version=10&build-version=build-10   | firmware:1.0.1
            firmware-version=1.0.0&location=swe&app-version=10&build-version=build-10 | firmware:1.2.0
            firmware-version=1.0.0&location=swe&hw=b&app-version=10&build-version=build-10 | firmware:1.2.0
            firmware-version=1.1.5&location=swe&hw=b&app-version=10&build-version=build-10 | firmware:1.2.0
            firmware-version=1.2.0&location=swe&app-version=10&build-version=build-10 | -
            firmware-version=1.0.1&app-version=10&build-version=build-10   | -
            firmware-version=1.0.1&app-version=9&build-version=build-10    | app:10
            firmware-version=1.0.1&app-version=9.5&build-version=build-9   | app:10,build:build-10
            firmware-version=1.0.1&app-version=10&build-version=build-8    | build:build-10
            app-version=10&build-version=build-10                          | firmware:1.0.1
            location=swe&app-version=10&build-version=build-10             | firmware:1.2.0
                                                                           | app:10,build:build-10,firmware:1.0.1
            firmware-version=not-a-version&app-version=10&build-version=build-10 | -
            firmware-version=0.9&location=SWE&app-version=10&build-version=build-10 | firmware:1.0.1
            """)
    void checkForUpdates_offersTheNewestMatchingUpdatePerType(String query, String expected) {
        String offered = check(query == null ? "" : query).stream()
                .map(u -> u.updateType() + ":" + u.version())
                .collect(Collectors.joining(","));
        assertThat(offered.isEmpty() ? "-" : offered).isEqualTo(expected);
    }

    @Test
    void checkForUpdates_deviceOnTheCurrentVersionOfEveryType_getsNothing() {
        assertThat(check("firmware-version=1.2.0&location=swe&hw=b&app-version=10&build-version=build-10")).isEmpty();
    }

    @Test
    void checkForUpdates_offeredUpdate_carriesTheFileFacts() throws IOException {
        Update u = check("app-version=10&build-version=build-10").get(0);
        assertThat(u.updateType()).isEqualTo("firmware");
        assertThat(u.packageType()).isEqualTo("file");
        assertThat(u.size()).isEqualTo(7);
        assertThat(u.md5()).isEqualTo("321c3cf486ed509164edec1e1981fec8");
        assertThat(u.sha256()).contains("239f59ed55e737c77147cf55ad0c1b030b6d7ee748a7426952f9b852d5a935e5");
        assertThat(u.downloadUrl()).startsWith(fixture.server().url() + "/download/")
                .doesNotContain(u.updateId());
    }
}
