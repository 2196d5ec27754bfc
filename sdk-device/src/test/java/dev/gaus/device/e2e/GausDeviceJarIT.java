package dev.gaus.device.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.KeyValueFile;
import dev.gaus.server.GausServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The shaded {@code gaus-device.jar} as a factory script runs it: a separate JVM, exit codes, stdout, stderr. */
class GausDeviceJarIT {
    @TempDir
    Path dir;

    record Result(int code, String out, String err, long millis) {}

    static Result gausDevice(String... args) throws Exception {
        return gausDevice(List.of(), null, args);
    }

    /** The jar run with {@code jvmOptions}, {@code stdin} (or nothing) on its standard input. */
    static Result gausDevice(List<String> jvmOptions, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", System.getProperty("gaus.device.jar")));
        command.addAll(List.of(args));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("gaus-device " + String.join(" ", args) + " did not end");
        }
        return new Result(p.exitValue(), out.get(), err.get(), (System.nanoTime() - start) / 1_000_000);
    }

    private static String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Timeout(120)
    void jar_registersAuthenticatesChecksAndReportsAgainstTheReferenceServer() throws Exception {
        Path state = dir.resolve("device.data");
        try (GausServer server = GausServer.builder().port(0).dataDir(dir.resolve("server")).start()) {
            String bootstrap = server.bootstrapFile().toString();
            String productSecret = KeyValueFile.read(server.bootstrapFile()).get("PRODUCT_SECRET_KEY");

            Result register = gausDevice("register", "--bootstrap", bootstrap, "--state", state.toString(),
                    "--device-id", "jar-device-1");
            Result auth = gausDevice("authenticate", "--state", state.toString());
            Result check = gausDevice("check", "--state", state.toString(), "--param", "firmware-version=1.0.0");
            Result report = gausDevice("report", "--state", state.toString(), "--counter", "boots=1");

            assertThat(register.code()).as(register.err()).isZero();
            assertThat(auth.code()).as(auth.err()).isZero();
            assertThat(auth.out()).contains("deviceGUID=").contains("productGUID=");
            assertThat(check.code()).as(check.err()).isZero();
            assertThat(check.out()).startsWith("{\"updates\":");
            assertThat(report.code()).as(report.err()).isZero();
            String deviceSecret = KeyValueFile.read(state).get("DEVICE_SECRET_KEY");
            for (Result r : List.of(register, auth, check, report)) {
                assertThat(r.err()).isEmpty();
                assertThat(r.out()).doesNotContain(productSecret).doesNotContain(deviceSecret);
            }
            assertThat(Files.getPosixFilePermissions(state)).hasSize(2);
        }
    }

    @Test
    @Timeout(120)
    void jar_withTheServerDown_givesUpWithinAMinuteByDefault() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path state = dir.resolve("device.data");
        Files.writeString(state, "DEVICEID=d\nDEVICE_ACCESS_KEY=a\nDEVICE_SECRET_KEY=s\nGAUS_URL=http://127.0.0.1:" + port + "\n");

        Result check = gausDevice("check", "--state", state.toString());

        assertThat(check.code()).isEqualTo(3);
        assertThat(check.err().strip()).contains("cannot connect").contains("gave up after").doesNotContain("\n");
        assertThat(check.millis()).isLessThan(60_000);
    }

    @Test
    @Timeout(120)
    void jar_startedAsTheReadmeSays_usesTheBuildsClassDataArchive_andProvisionsFromStandardInput() throws Exception {
        Path archive = Path.of(System.getProperty("gaus.device.jar")).resolveSibling("gaus-device.jsa");
        // -Xshare:on refuses to start when the archive does not fit this jar and JDK, instead of
        // quietly running without it.
        List<String> jvm = List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC");
        Path out = dir.resolve("states");
        try (GausServer server = GausServer.builder().port(0).dataDir(dir.resolve("server")).start()) {
            Result provision = gausDevice(jvm, "# pallet 1\nfactory-1\nfactory-2\n\nfactory-3\n", "provision",
                    "--bootstrap", server.bootstrapFile().toString(), "--device-ids", "-", "--out-dir", out.toString());
            Result again = gausDevice(jvm, "factory-1\nfactory-2\nfactory-3\n", "provision", "--bootstrap",
                    server.bootstrapFile().toString(), "--device-ids", "-", "--out-dir", out.toString());

            assertThat(provision.code()).as(provision.err() + provision.out()).isZero();
            assertThat(provision.err()).isEmpty();
            assertThat(provision.out()).startsWith("provisioned 3, skipped 0, failed 0 in ");
            assertThat(again.out()).startsWith("provisioned 0, skipped 3, failed 0 in ");
            try (var files = Files.list(out)) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")))
                        .containsExactlyInAnyOrder("factory-1.data", "factory-2.data", "factory-3.data");
            }
        }
    }

    @Test
    void jar_withAnUnknownCommand_exits2() throws Exception {
        Result r = gausDevice("frobnicate");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n");
    }
}
