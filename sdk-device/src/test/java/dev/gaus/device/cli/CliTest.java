package dev.gaus.device.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.gaus.device.support.ScriptedServer.PRODUCT_ACCESS;
import static dev.gaus.device.support.ScriptedServer.PRODUCT_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.gaus.core.KeyValueFile;
import dev.gaus.device.support.ScriptedServer;
import dev.gaus.device.support.Tokens;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The picocli commands run in-process against a scripted server: output, exit codes, no secrets. */
@Timeout(30)
class CliTest {
    @RegisterExtension
    static final ScriptedServer server = new ScriptedServer();

    private static final String CHECK = "/device/prod-guid-1/dev-guid-1/check-for-updates";
    private static final String REPORT = "/device/prod-guid-1/dev-guid-1/report";

    @TempDir
    Path dir;

    private Path bootstrap;
    private Path state;
    private String token;

    @BeforeEach
    void serverAndFiles() throws Exception {
        bootstrap = dir.resolve("bootstrap.conf");
        Files.writeString(bootstrap, "GAUS_URL=" + server.url() + "\nPRODUCT_ACCESS_KEY=" + PRODUCT_ACCESS
                + "\nPRODUCT_SECRET_KEY=\"" + PRODUCT_SECRET + "\"\nDEVICEID=box-7\n");
        state = dir.resolve("device.data");
        token = Tokens.jwt(Instant.now(), Instant.now().plusSeconds(3600), "cli");
        server.wm().stubFor(post("/register").willReturn(okJson(ScriptedServer.registerAnswer(300))));
        server.wm().stubFor(post("/authenticate").willReturn(okJson(ScriptedServer.authenticateAnswer(token))));
        server.wm().stubFor(get(urlPathEqualTo(CHECK)).willReturn(okJson(ScriptedServer.UPDATES)));
        server.wm().stubFor(post(urlPathEqualTo(REPORT)).willReturn(okJson("{}")));
    }

    private CliRun register(String... extra) {
        String[] base = {"register", "--bootstrap", bootstrap.toString(), "--state", state.toString()};
        String[] args = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }

    private int registerCalls() {
        return server.wm().findAll(postRequestedFor(urlPathEqualTo("/register"))).size();
    }

    @Test
    void register_writesTheStateAndPrintsNoSecret() {
        CliRun run = register().succeeds().showsNoSecret();

        assertThat(run.out()).contains("registered device box-7").contains(state.toString());
        assertThat(KeyValueFile.read(state)).containsEntry("DEVICEID", "box-7")
                .containsEntry("DEVICE_SECRET_KEY", ScriptedServer.DEVICE_SECRET);
    }

    @Test
    void register_whenAStateExists_keepsItWithoutCallingTheServer() {
        register().succeeds();

        CliRun again = register().succeeds();

        assertThat(again.out()).contains("already registered");
        assertThat(registerCalls()).isEqualTo(1);
    }

    @Test
    void register_withForceAndDeviceId_registersAnew() {
        register().succeeds();
        server.wm().stubFor(post("/register").willReturn(ScriptedServer.freshRegisterAnswer(300)));

        register("--force", "--device-id", "box-7-refurbished").succeeds()
                .showsNoSecret(KeyValueFile.read(state).get("DEVICE_SECRET_KEY"));

        assertThat(registerCalls()).isEqualTo(2);
        assertThat(server.wm().findAll(postRequestedFor(urlPathEqualTo("/register"))).get(1).getBodyAsString())
                .contains("\"deviceId\":\"box-7-refurbished\"");
        assertThat(KeyValueFile.read(state)).containsEntry("DEVICEID", "box-7-refurbished");
    }

    @Test
    void register_whenTheProductKeysAreRefused_exits1WithOneLine() {
        server.wm().stubFor(post("/register").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                        + "\"detail\":\"unknown access key or wrong secret key\"}")));

        CliRun run = register().failsWith(1).showsNoSecret();

        assertThat(run.err()).contains("401").contains("wrong secret key");
        assertThat(state).doesNotExist();
    }

    @Test
    void register_whenTheServerIsDown_exits3() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(bootstrap, "GAUS_URL=http://127.0.0.1:" + port + "\nPRODUCT_ACCESS_KEY=k\n"
                + "PRODUCT_SECRET_KEY=" + PRODUCT_SECRET + "\nDEVICEID=box-7\n");

        CliRun run = register("--retry-for", "1").failsWith(3).showsNoSecret();

        assertThat(run.err()).contains("cannot connect to 127.0.0.1:" + port);
    }

    @Test
    void register_whenTheAnswerIsGarbled_exits5() {
        server.wm().stubFor(post("/register").willReturn(okJson("{\"pollIntervalSeconds\":")));

        register().failsWith(5).showsNoSecret();
    }

    @Test
    void register_whenTheServerResets_exits3() {
        server.wm().stubFor(post("/register").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        register("--retry-for", "1").failsWith(3);
    }

    @Test
    void register_whenTheBootstrapLacksAKey_exits4NamingIt() throws Exception {
        Files.writeString(bootstrap, "GAUS_URL=" + server.url() + "\nPRODUCT_SECRET_KEY=" + PRODUCT_SECRET + "\n");

        CliRun run = register("--device-id", "x").failsWith(4).showsNoSecret();

        assertThat(run.err()).contains("PRODUCT_ACCESS_KEY");
    }

    @Test
    void register_whenTheBootstrapFileIsMissing_exits4() {
        CliRun.of("register", "--bootstrap", dir.resolve("nope.conf").toString(), "--state", state.toString())
                .failsWith(4);
    }

    @Test
    void authenticate_printsTheGuidsButNeverTheToken() {
        register().succeeds();

        CliRun run = CliRun.of("authenticate", "--state", state.toString()).succeeds().showsNoSecret(token);

        assertThat(run.out()).contains("deviceGUID=dev-guid-1").contains("productGUID=prod-guid-1");
    }

    @Test
    void authenticate_withoutState_exits4() {
        CliRun run = CliRun.of("authenticate", "--state", state.toString()).failsWith(4);

        assertThat(run.err()).contains("register first");
    }

    @Test
    void check_printsTheJsonAnswerAndSendsTheParameters() {
        register().succeeds();

        CliRun run = CliRun.of("check", "--state", state.toString(), "--param", "firmware-version=1.0.0",
                "--param", "location=swe").succeeds().showsNoSecret(token);

        assertThat(run.out().strip()).startsWith("{\"updates\":[{\"updateId\":\"u-1\"").endsWith("}");
        assertThat(server.wm().findAll(getRequestedFor(urlPathEqualTo(CHECK))).get(0).getUrl())
                .endsWith("?firmware-version=1.0.0&location=swe");
    }

    @Test
    void check_whenTheTokenIsRefused_exits1() {
        register().succeeds();
        server.wm().stubFor(get(urlPathEqualTo(CHECK)).willReturn(aResponse().withStatus(403)));

        CliRun.of("check", "--state", state.toString()).failsWith(1).showsNoSecret(token);
    }

    @Test
    void report_sendsMetricsAndAnUpdateStatus() {
        register().succeeds();

        CliRun run = CliRun.of("report", "--state", state.toString(), "--gauge", "cpu.temp=61.5", "--counter",
                "boots=3", "--update-id", "u-1", "--phase", "download", "--status", "failed", "--tag", "site=lab")
                .succeeds().showsNoSecret(token);

        assertThat(run.out()).contains("report sent (3 items)");
        String body = server.wm().findAll(postRequestedFor(urlPathEqualTo(REPORT))).get(0).getBodyAsString();
        assertThat(body).contains("metric.gauge.cpu.temp").contains("metric.counter.boots")
                .contains("\"phase\":\"download\"").contains("\"status\":\"failed\"").contains("\"site\":\"lab\"");
        assertThat(server.wm().findAll(postRequestedFor(urlPathEqualTo(REPORT))).get(0).getHeader("Authorization"))
                .isEqualTo("Bearer " + token);
    }

    @Test
    void report_sendsAnEventWithFields() {
        register().succeeds();

        CliRun.of("report", "--state", state.toString(), "--event", "event.app.Started", "--field", "app=player")
                .succeeds();

        assertThat(server.wm().findAll(postRequestedFor(urlPathEqualTo(REPORT))).get(0).getBodyAsString())
                .contains("\"type\":\"event.app.Started\"").contains("\"v_strings\":{\"app\":\"player\"}");
    }

    @Test
    void report_sendsAFileAsItIs() throws Exception {
        register().succeeds();
        Path body = dir.resolve("report.json");
        Files.writeString(body, "{\"version\":\"1.0.0\",\"header\":{\"ts\":\"2026-01-01T00:00:00.000Z\"},"
                + "\"data\":[{\"type\":\"event.x\",\"ts\":\"2026-01-01T00:00:00.000Z\"}]}");

        CliRun.of("report", "--state", state.toString(), "--file", body.toString()).succeeds();

        assertThat(server.wm().findAll(postRequestedFor(urlPathEqualTo(REPORT))).get(0).getBodyAsString())
                .contains("\"type\":\"event.x\"");
    }

    @Test
    void report_whenTheFileIsNotAReport_exits4NamingThePath() throws Exception {
        register().succeeds();
        Path body = dir.resolve("report.json");
        Files.writeString(body, "{\"version\":\"1.0.0\",\"data\":[]}");

        CliRun run = CliRun.of("report", "--state", state.toString(), "--file", body.toString()).failsWith(4);

        assertThat(run.err()).contains("$.header");
    }

    @Test
    void report_withNothingToReport_isAUsageError() {
        register().succeeds();

        CliRun run = CliRun.of("report", "--state", state.toString()).failsWith(2);

        assertThat(run.err()).contains("nothing to report");
    }

    @Test
    void unknownOptionOrMissingCommand_isAUsageError() {
        CliRun.of("check", "--state", state.toString(), "--bogus").failsWith(2);
        CliRun.of().failsWith(2);
        CliRun.of("register", "--state", state.toString()).failsWith(2);
    }

    @Test
    void run_registersWhenNeededAndPrintsEachChangedAnswer() {
        CliRun run = CliRun.of("run", "--state", state.toString(), "--bootstrap", bootstrap.toString(),
                "--param", "firmware-version=1.0.0", "--max-checks", "1").succeeds().showsNoSecret(token);

        assertThat(run.out().strip()).startsWith("{\"updates\":[");
        assertThat(registerCalls()).isEqualTo(1);
        assertThat(state).exists();
    }

    @Test
    void run_printsAFailedCheckAsOneLineAndGoesOn() {
        register().succeeds();
        server.wm().stubFor(get(urlPathEqualTo(CHECK)).willReturn(aResponse().withStatus(400)));

        CliRun run = CliRun.of("run", "--state", state.toString(), "--max-checks", "1");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err().strip()).contains("400").doesNotContain("\n");
    }

    @Test
    void help_listsTheExitCodes() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Exit codes").contains("3  server unreachable");
    }
}
