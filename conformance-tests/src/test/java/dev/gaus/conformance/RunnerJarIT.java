package dev.gaus.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.conformance.fake.FakeGausServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar gaus-conformance.jar} as a user runs it: the shaded jar finds its engine, features and glue. */
class RunnerJarIT {
    @TempDir
    Path dir;

    private record Run(int exitCode, String output) {}

    private Run runJar(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("gaus.conformance.jar")));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    @Test
    void jar_againstAConformingServer_runsTheCoreScenariosAndExits0() throws Exception {
        try (FakeGausServer server = FakeGausServer.start(Set.of())) {
            Run run = runJar("--server", server.url().toString(),
                    "--product-access-key", server.productKeys().accessKey(),
                    "--product-secret-key", server.productKeys().secretKey(),
                    "--tags", "not @strict");

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).containsPattern("\\d+ scenarios: \\d+ passed, 0 failed");
            assertThat(run.output()).doesNotContain(server.productKeys().secretKey());
            assertThat(dir.resolve("gaus-conformance-report/cucumber-junit.xml")).exists();
            assertThat(Files.readString(dir.resolve("gaus-conformance-report/cucumber-junit.xml")))
                    .contains("failures=\"0\"");
        }
    }

    @Test
    void jar_withoutArguments_exits2() throws Exception {
        Run run = runJar();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("no server given");
    }
}
