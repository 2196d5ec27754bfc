package dev.gaus.server.jar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.KeyValueFile;
import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.ServerFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shaded jar as users run it: {@code java -jar gaus-reference-server.jar ...}. */
class ShadedJarIT {
    private static final Pattern READY = Pattern.compile("ready at (http://\\S+)");
    private static final Path JAR = Path.of(System.getProperty("gaus.server.jar", "target/gaus-reference-server.jar"));

    private record Result(int code, String out, String err) {
    }

    private static ProcessBuilder java(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static Result run(String... args) throws Exception {
        Process p = java(args).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, err.get());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void serve_fromTheJar_answersAndStopsOnSigterm() throws Exception {
        assertThat(JAR).exists();
        Path dir = Files.createTempDirectory("gaus-jar");
        Process server = java("serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", dir.toString())
                .redirectErrorStream(true).start();
        try {
            CompletableFuture<URI> ready = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        Matcher m = READY.matcher(line);
                        if (m.find()) {
                            ready.complete(URI.create(m.group(1)));
                        }
                    }
                } catch (java.io.IOException e) {
                    // the process ended
                }
                ready.completeExceptionally(new IllegalStateException("the server exited before it was ready"));
            });
            reader.setDaemon(true);
            reader.start();
            Api api = new Api(ready.get(60, TimeUnit.SECONDS));
            assertThat(api.get("/health").statusCode()).isEqualTo(200);
            assertThat(KeyValueFile.read(dir.resolve("bootstrap.conf")).get("GAUS_URL")).isEqualTo(api.url().toString());
            assertThat(api.authenticate(api.registerOk("jar-device", Api.productKeys(dir.resolve("bootstrap.conf"))))
                    .statusCode()).isEqualTo(200);
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            server.destroyForcibly();
        }

        Result created = run("product", "create", "--name", "from-jar", "--data-dir", dir.toString());
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out()).contains("PRODUCT_ACCESS_KEY=").contains("PRODUCT_SECRET_KEY=");
        Result list = run("product", "list", "--data-dir", dir.toString());
        assertThat(list.out()).contains("demo").contains("from-jar");
        Result failed = run("device", "revoke", "--guid", "no-such-device", "--data-dir", dir.toString());
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.err().strip()).startsWith("error: ").doesNotContain("\n").doesNotContain("Exception");
        ServerFixture.deleteRecursively(dir);
    }

    @Test
    void help_fromTheJar_listsTheCommands() throws Exception {
        Result help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("serve").contains("product").contains("device");
    }
}
