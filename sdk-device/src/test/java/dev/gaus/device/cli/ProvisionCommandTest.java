package dev.gaus.device.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.KeyValueFile;
import dev.gaus.device.support.ScriptedServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gaus-device provision} in-process against a scripted server: lists, errors, exit codes, output. */
@Timeout(30)
class ProvisionCommandTest {
    @RegisterExtension
    static final ScriptedServer server = new ScriptedServer();

    @TempDir
    Path dir;

    private Path bootstrap;
    private Path out;

    @BeforeEach
    void files() throws Exception {
        bootstrap = server.writeBootstrap(dir);
        out = dir.resolve("states");
        server.stubRegister(60);
    }

    private CliRun provision(Path list, String... extra) {
        List<String> args = new ArrayList<>(List.of("provision", "--bootstrap", bootstrap.toString(), "--device-ids",
                list.toString(), "--out-dir", out.toString()));
        args.addAll(Arrays.asList(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private Path list(String text) throws Exception {
        return Files.writeString(dir.resolve("ids-" + System.nanoTime() + ".txt"), text);
    }

    private int registerCalls() {
        return server.wm().findAll(postRequestedFor(urlPathEqualTo("/register"))).size();
    }

    private List<String> stateFiles() throws Exception {
        if (!Files.exists(out)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    @Test
    void provision_skipsBlankLinesAndComments_stripsBlanksAndCarriageReturns_andPrintsOneSummaryLine() throws Exception {
        CliRun run = provision(list("# line 3, pallet 7\n\n  gw-1  \r\ngw-2\r\n\t\n#gw-3\ngw 4\n")).succeeds()
                .showsNoSecret();

        assertThat(stateFiles()).containsExactly("gw%204.data", "gw-1.data", "gw-2.data");
        assertThat(run.out()).matches("provisioned 3, skipped 0, failed 0 in [0-9.]+ s \\([0-9]+ devices/s\\); "
                + "state files in .*\\R");
        assertThat(registerCalls()).isEqualTo(3);
    }

    @Test
    void provision_readsTheListFromStandardInput() throws Exception {
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream("box-1\nbox-2\n".getBytes(StandardCharsets.UTF_8)));
        try {
            provision(Path.of("-")).succeeds();
        } finally {
            System.setIn(stdin);
        }
        assertThat(stateFiles()).containsExactly("box-1.data", "box-2.data");
    }

    @Test
    void provision_ofAListWithDuplicates_exits2NamingThem_beforeSendingAnything() throws Exception {
        CliRun run = provision(list("a-1\nb-2\na-1\nc-3\nb-2\nb-2\n")).failsWith(2);

        assertThat(run.err()).contains("lists deviceIds more than once: a-1 (lines 1, 3), b-2 (lines 2, 5, 6)");
        assertThat(registerCalls()).isZero();
        assertThat(stateFiles()).isEmpty();
    }

    @Test
    void provision_ofABadList_exits2Or4WithOneLine_beforeSendingAnything() throws Exception {
        assertThat(provision(list("ok-1\n" + "x".repeat(129) + "\n")).failsWith(2).err())
                .contains("line 2").contains("longer than 128 characters");
        assertThat(provision(list("ok-1\nbad\u0007bell\n")).failsWith(2).err())
                .contains("line 2: the deviceId holds a control character").doesNotContain("\u0007");
        assertThat(provision(list("# nothing but comments\n\n")).failsWith(2).err()).contains("lists no deviceId");
        assertThat(provision(dir.resolve("no-such-list.txt")).failsWith(4).err()).contains("does not exist");
        Path latin1 = Files.write(dir.resolve("latin1.txt"), new byte[] {'g', 'r', (byte) 0xfc, 'n', '\n'});
        assertThat(provision(latin1).failsWith(4).err()).contains("not UTF-8");
        assertThat(provision(list("a\n"), "--parallel", "0").failsWith(2).err()).contains("--parallel must be 1 to 256");
        assertThat(provision(list("a\n"), "--parallel", "many").failsWith(2).err()).contains("--parallel");
        assertThat(registerCalls()).isZero();
    }

    @Test
    void provision_intoAnOutDirThatCannotBeWritten_exits4() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        out = file.resolve("states");

        CliRun run = provision(list("a\nb\n")).failsWith(4);

        assertThat(run.err()).startsWith("gaus-device provision: cannot write device state in");
        assertThat(registerCalls()).isZero();
    }

    @Test
    void provision_withAManifestThatCannotBeWritten_exits4BeforeSendingAnything() throws Exception {
        provision(list("a\n"), "--manifest", dir.resolve("no-such-folder/manifest.csv").toString()).failsWith(4);
        provision(list("a\n"), "--manifest", dir.toString()).failsWith(4);

        assertThat(registerCalls()).isZero();
    }

    @Test
    void provision_whenTheServerRefusesTheProductKeys_exits1AfterOneRequest() throws Exception {
        server.wm().stubFor(post("/register").willReturn(aResponse().withStatus(401)));
        Path ids = list(IntStream.rangeClosed(1, 300).mapToObj(i -> "d-" + i).collect(Collectors.joining("\n")));

        CliRun run = provision(ids, "--parallel", "32").failsWith(1).showsNoSecret();

        assertThat(run.err()).startsWith("gaus-device provision: stopped at device d-1 (0 provisioned, 0 skipped, "
                + "1 failed): POST /register answered 401");
        assertThat(registerCalls()).isEqualTo(1);
        assertThat(stateFiles()).isEmpty();
    }

    @Test
    void provision_whenTheServerStaysUnavailable_exits3() throws Exception {
        server.wm().stubFor(post("/register").willReturn(aResponse().withStatus(503)));

        CliRun run = provision(list("a\nb\n"), "--retry-for", "1").failsWith(3);

        assertThat(run.err()).contains("503");
        assertThat(stateFiles()).isEmpty();
    }

    @Test
    void provision_writesAManifestOfDeviceIdStateFileAndAccessKey_quotedWhereCsvNeedsIt() throws Exception {
        Path manifest = dir.resolve("manifest.csv");

        provision(list("plain-1\nwith,comma\nwith\"quote\n"), "--manifest", manifest.toString()).succeeds();

        String csv = Files.readString(manifest);
        assertThat(csv).doesNotContain(ScriptedServer.DEVICE_SECRET).doesNotContain(ScriptedServer.PRODUCT_SECRET);
        assertThat(csv.split("\r\n")).containsExactly("deviceId,stateFile,deviceAccessKey",
                "plain-1," + out.resolve("plain-1.data").toAbsolutePath() + "," + ScriptedServer.DEVICE_ACCESS,
                "\"with,comma\"," + out.resolve("with%2Ccomma.data").toAbsolutePath() + ","
                        + ScriptedServer.DEVICE_ACCESS,
                "\"with\"\"quote\"," + out.resolve("with%22quote.data").toAbsolutePath() + ","
                        + ScriptedServer.DEVICE_ACCESS);
        assertThat(KeyValueFile.read(out.resolve("with%22quote.data"))).containsEntry("DEVICEID", "with\"quote");
    }

    @Test
    void provision_onATerminal_drawsAProgressLineOfCountsOnly_andClearsItBeforeTheSummary() throws Exception {
        server.wm().stubFor(post("/register").willReturn(ScriptedServer.freshRegisterAnswer(60)
                .withFixedDelay(15)));
        Path ids = list(IntStream.rangeClosed(1, 120).mapToObj(i -> "t-" + i).collect(Collectors.joining("\n")));
        StringWriter outText = new StringWriter();
        StringWriter errText = new StringWriter();
        String[] args = {"provision", "--bootstrap", bootstrap.toString(), "--device-ids", ids.toString(),
                "--out-dir", out.toString(), "--parallel", "2"};
        CommandLine cli = Main.commandLine(new PrintWriter(outText, true), new PrintWriter(errText, true), args);
        ((ProvisionCommand) cli.getSubcommands().get("provision").getCommand()).terminal = true;

        int code = cli.execute(args);

        assertThat(code).as(errText.toString()).isZero();
        String err = errText.toString();
        assertThat(err).contains("\r[").contains("/120").contains("devices/s").contains(" left").endsWith("\r");
        String drawn = err.replaceAll("[\\r ]+$", "");
        assertThat(drawn.split("\r")).allSatisfy(line -> assertThat(line.strip())
                .matches("(\\[[#.]{24}\\] [0-9]+/120  [0-9]+ devices/s  ([0-9]+:[0-9]{2}|--:--) left)?"));
        assertThat(outText.toString()).startsWith("provisioned 120, skipped 0, failed 0");
        List<String> secrets = new ArrayList<>(List.of(ScriptedServer.PRODUCT_SECRET));
        for (String f : stateFiles()) {
            secrets.add(KeyValueFile.read(out.resolve(f)).get("DEVICE_SECRET_KEY"));
        }
        assertThat(secrets).hasSize(121).allSatisfy(s -> assertThat(err + outText).doesNotContain(s));
    }

    @Test
    void provision_offATerminal_drawsNoProgress() throws Exception {
        CliRun run = provision(list("n-1\nn-2\n"));

        assertThat(run.err()).isEmpty();
    }

    @Test
    void progressLine_showsCountRateAndTimeLeft() {
        assertThat(ProgressLine.format(0, 2000, 0)).isEqualTo("[........................] 0/2000  0 devices/s  --:-- left");
        assertThat(ProgressLine.format(500, 2000, 0.25)).isEqualTo("[######..................] 500/2000  2000 devices/s  0:01 left");
        assertThat(ProgressLine.format(1000, 100000, 10)).endsWith("100 devices/s  16:30 left");
        assertThat(ProgressLine.format(10, 100000, 10)).endsWith("1 devices/s  27:46:30 left");
    }
}
