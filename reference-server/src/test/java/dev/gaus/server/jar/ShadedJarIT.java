package dev.gaus.server.jar;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.KeyValueFile;
import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.ServerFixture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** The shaded jar as users run it: {@code java -jar gaus-reference-server.jar ...}. */
class ShadedJarIT {
    private static final Pattern READY = Pattern.compile("ready at (https?://\\S+)");
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
        return run(java(args));
    }

    private static Result run(ProcessBuilder builder) throws Exception {
        Process p = builder.start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, err.get());
    }

    private static String read(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
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
            Api api = new Api(awaitReady(server));
            assertThat(api.get("/health").statusCode()).isEqualTo(200);
            // the YAML reader and the document itself made it into the jar
            assertThat(api.get("/openapi.json").body()).startsWith("{\"openapi\":\"3.1.0\"");
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
        ProcessBuilder fromEnvironment = java("product", "list");
        fromEnvironment.environment().put("GAUS_DATA_DIR", dir.toString());
        assertThat(run(fromEnvironment).out()).contains("from-jar");
        Result failed = run("device", "revoke", "--guid", "no-such-device", "--data-dir", dir.toString());
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.err().strip()).startsWith("error: ").doesNotContain("\n").doesNotContain("Exception");
        ServerFixture.deleteRecursively(dir);
    }

    @Test
    void serveSelfSigned_fromTheJar_answersOverHttp2WithTheCaOfItsBootstrap() throws Exception {
        Path dir = Files.createTempDirectory("gaus-jar-tls");
        Process server = java("serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", dir.toString(),
                "--tls-self-signed", "--health-port", "0").redirectErrorStream(true).start();
        try {
            URI url = awaitReady(server);
            var bootstrap = KeyValueFile.read(dir.resolve("bootstrap.conf"));
            assertThat(url.getScheme()).isEqualTo("https");
            assertThat(bootstrap.get("GAUS_URL")).isEqualTo(url.toString());
            X509Certificate ca;
            try (var in = Files.newInputStream(Path.of(bootstrap.get("GAUS_CA_CERT")))) {
                ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(in);
            }
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            var client = HttpClient.newBuilder().sslContext(tls)
                    .version(HttpClient.Version.HTTP_2).build();
            Api api = new Api(url, client);

            var health = api.get("/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(api.authenticate(api.registerOk("jar-tls-device", Api.productKeys(dir.resolve("bootstrap.conf"))))
                    .statusCode()).isEqualTo(200);
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            server.destroyForcibly();
        }
        ServerFixture.deleteRecursively(dir);
    }

    /** The URL of the server's "ready at" line. */
    private static URI awaitReady(Process server) throws Exception {
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
            } catch (IOException e) {
                // the process ended
            }
            ready.completeExceptionally(new IllegalStateException("the server exited before it was ready"));
        });
        reader.setDaemon(true);
        reader.start();
        return ready.get(60, TimeUnit.SECONDS);
    }

    @Test
    void help_fromTheJar_listsTheCommands() throws Exception {
        Result help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("serve").contains("product").contains("device");
    }
}
