package dev.gaus.server.updates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.Cli;
import dev.gaus.server.testing.Cli.Run;
import dev.gaus.server.testing.ServerFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code update publish|list|withdraw|status} and {@code report list} against the store of a running server. */
class UpdateCliTest {
    private static ServerFixture fixture;
    private static Path file;

    @BeforeAll
    static void start() throws IOException {
        fixture = ServerFixture.start();
        file = Files.writeString(fixture.dataDir().resolve("fw.bin"), "firmware bytes");
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static Run run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = fixture.dataDir().toString();
        return Cli.run(all);
    }

    @Test
    void publish_storesTheFileByItsSha256AndPrintsTheUpdateId() {
        Run r = run("update", "publish", "--product", "demo", "--type", "cli-fw", "--version", "1.0.0",
                "--file", file.toString(), "--where", "location=swe", "--metadata", "notes=first");
        assertThat(r.code()).as(r.err()).isZero();
        String id = r.out().strip();
        assertThat(id).matches("[0-9a-f-]{36}");
        // sha256 of "firmware bytes"
        assertThat(fixture.dataDir().resolve("files")).isDirectoryContaining(p -> p.getFileName().toString()
                .matches("[0-9a-f]{64}"));
        String list = run("update", "list", "--product", "demo").ok();
        assertThat(list).contains(id).contains("cli-fw").contains("1.0.0").contains("location=swe").contains("14");
    }

    @Test
    void publish_versionNotValidForItsScheme_failsWithOneLine() {
        Run r = run("update", "publish", "--product", "demo", "--type", "cli-bad", "--version", "1.x",
                "--file", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("error: --version '1.x' is not a valid semver version");
        Run number = run("update", "publish", "--product", "demo", "--type", "cli-bad", "--version", "v2",
                "--version-type", "number", "--file", file.toString());
        assertThat(number.code()).isEqualTo(1);
        assertThat(number.err()).contains("not a valid number version").doesNotContain("Exception");
    }

    @Test
    void publish_refusesBadInputWithOneLine() {
        assertThat(run("update", "publish", "--product", "nope", "--type", "t", "--version", "1", "--file",
                file.toString()).err().strip()).isEqualTo("error: no product named 'nope'");
        assertThat(run("update", "publish", "--product", "demo", "--type", "t", "--version", "1", "--file",
                fixture.dataDir().resolve("missing.bin").toString()).err()).startsWith("error: no such file");
        assertThat(run("update", "publish", "--product", "demo", "--type", "t", "--version", "1", "--file",
                file.toString(), "--version-type", "roman").err()).contains("unknown version type 'roman'");
        assertThat(run("update", "publish", "--product", "demo", "--type", "t t", "--version", "1", "--file",
                file.toString()).code()).isEqualTo(1);
        assertThat(run("update", "publish", "--product", "demo", "--type", "t", "--version", "1", "--file",
                file.toString(), "--metadata", "toSha256=abc").err()).contains("toSha256 is computed");
        Path empty = fixture.dataDir().resolve("empty.bin");
        try {
            Files.write(empty, new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Run emptyFile = run("update", "publish", "--product", "demo", "--type", "t", "--version", "1", "--file",
                empty.toString());
        assertThat(emptyFile.code()).isEqualTo(1);
        assertThat(emptyFile.err().strip()).isEqualTo("error: the file is empty: an update must have at least one byte");
        Run missing = run("update", "publish", "--product", "demo");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().lines().count()).isEqualTo(1);
    }

    @Test
    void publish_sameVersionTwiceOrAnotherScheme_isRefused() {
        run("update", "publish", "--product", "demo", "--type", "cli-dup", "--version", "3", "--version-type",
                "number", "--file", file.toString()).ok();
        assertThat(run("update", "publish", "--product", "demo", "--type", "cli-dup", "--version", "3",
                "--version-type", "number", "--file", file.toString()).err()).contains("is offered already");
        assertThat(run("update", "publish", "--product", "demo", "--type", "cli-dup", "--version", "4.0.0",
                "--file", file.toString()).err()).contains("use the version type number");
    }

    @Test
    void publish_afterWithdrawal_theSameVersionAndThenAnotherSchemeAreAccepted() {
        String first = run("update", "publish", "--product", "demo", "--type", "cli-again", "--version", "1.0.0",
                "--file", file.toString()).ok().strip();
        run("update", "withdraw", "--update-id", first).ok();
        String again = run("update", "publish", "--product", "demo", "--type", "cli-again", "--version", "1.0.0",
                "--file", file.toString()).ok().strip();
        assertThat(again).isNotEqualTo(first);
        // Only updates on offer hold their type's version scheme.
        run("update", "withdraw", "--update-id", again).ok();
        run("update", "publish", "--product", "demo", "--type", "cli-again", "--version", "7", "--version-type",
                "number", "--file", file.toString()).ok();
        assertThat(run("update", "publish", "--product", "demo", "--type", "cli-again", "--version", "1.0.1",
                "--file", file.toString()).err()).contains("use the version type number");
    }

    @Test
    void withdrawAndStatus_unknownUpdate_failWithOneLine() {
        assertThat(run("update", "withdraw", "--update-id", "nope").err().strip())
                .isEqualTo("error: no update with id 'nope'");
        assertThat(run("update", "status", "--update-id", "nope").code()).isEqualTo(1);
    }

    @Test
    void status_countsEachDevicesLatestStatusPerPhase() {
        String id = run("update", "publish", "--product", "demo", "--type", "cli-roll", "--version", "1.0.0",
                "--file", file.toString()).ok().strip();
        AuthenticateResponse a = device("roll-a");
        AuthenticateResponse b = device("roll-b");
        AuthenticateResponse c = device("roll-c");
        report(a, id, "download", "failed");
        report(a, id, "download", "success"); // a retried: its latest download status counts
        report(a, id, "verify", "success");
        report(a, id, "installation", "success"); // public shell tooling's name for install
        report(b, id, "download", "success");
        report(b, id, "verify", "failed");
        report(c, id, "download", "success");
        report(c, "another-update", "install", "failed");

        String status = run("update", "status", "--update-id", id).ok();
        assertThat(status).containsPattern("download\\s+3\\s+0\\s+0");
        assertThat(status).containsPattern("verify\\s+1\\s+1\\s+0");
        assertThat(status).containsPattern("install\\s+1\\s+0\\s+0");

        String reports = run("report", "list", "--device-guid", a.deviceGUID(), "--type", "event.update").ok();
        assertThat(reports.lines().filter(l -> l.contains("event.update.Status"))).hasSize(4);
        assertThat(reports).contains("phase=installation").contains("updateId=" + id);
        assertThat(run("report", "list", "--type", "metric.").ok().lines().count()).isEqualTo(1);
    }

    @Test
    void reportList_filtersBeforeItLimits() {
        AuthenticateResponse d = device("limited");
        report(d, "limited-update", "install", "success");
        for (int i = 0; i < 3; i++) {
            String metric = "{\"version\":\"1.0.0\",\"header\":{\"ts\":\"2026-01-01T00:00:00.000Z\"},\"data\":["
                    + "{\"type\":\"sample.gauge.temp\",\"ts\":\"2026-01-01T00:00:0" + i + ".000Z\",\"v_floats\":{\"c\":2" + i
                    + ".5}},{\"type\":\"sample.counter.boots\",\"ts\":\"2026-01-01T00:00:0" + i + ".000Z\","
                    + "\"v_ints\":{\"n\":" + i + "}}]}";
            assertThat(fixture.api().post(Api.devicePath(d, "report"), metric, "Authorization", "Bearer " + d.token())
                    .statusCode()).isEqualTo(200);
        }
        // The event is the oldest report: a limit applied before the type filter would find nothing.
        String events = run("report", "list", "--device-guid", d.deviceGUID(), "--type", "event.update",
                "--limit", "1").ok();
        assertThat(events.lines().skip(1)).singleElement().asString().contains("event.update.Status")
                .contains("updateId=limited-update");
        // --limit counts the lines listed, after the filters
        assertThat(run("report", "list", "--device-guid", d.deviceGUID(), "--limit", "3").ok().lines().skip(1))
                .hasSize(3);
        assertThat(run("report", "list", "--device-guid", d.deviceGUID(), "--type", "sample.gauge", "--limit", "5")
                .ok().lines().skip(1)).hasSize(3).allMatch(l -> l.contains("sample.gauge.temp"));
        assertThat(run("report", "list", "--device-guid", d.deviceGUID()).ok().lines().skip(1)).hasSize(7);
        assertThat(run("report", "list", "--limit", "0").err().strip()).isEqualTo("error: --limit must be at least 1");
    }

    private static AuthenticateResponse device(String deviceId) {
        AuthParameters keys = fixture.api().registerOk(deviceId, fixture.product());
        return fixture.api().authenticateOk(keys);
    }

    private static void report(AuthenticateResponse s, String updateId, String phase, String status) {
        String body = "{\"version\":\"1.0.0\",\"header\":{\"ts\":\"2026-01-01T00:00:00.000Z\"},\"data\":[{\"type\":"
                + "\"event.update.Status\",\"ts\":\"2026-01-01T00:00:00.000Z\",\"v_strings\":{\"phase\":\"" + phase
                + "\",\"status\":\"" + status + "\",\"updateId\":\"" + updateId + "\"}}]}";
        HttpResponse<String> r = fixture.api().post(Api.devicePath(s, "report"), body,
                "Authorization", "Bearer " + s.token());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
}
