package dev.gaus.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gaus.core.UpdateKey;
import dev.gaus.core.internal.BootstrapFile;
import dev.gaus.core.internal.BootstrapFileException;
import dev.gaus.core.message.AuthParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one reader of bootstrap.conf, shared by the SDK, the conformance kit and the benchmarks. */
class BootstrapFileTest {
    private static final String SECRET = "ProductSecret-NeverPrintMe";

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("etc"));
        return Files.writeString(folder.resolve("bootstrap.conf"), text);
    }

    @Test
    void read_givesEveryValue_andTakesARelativeCaFromTheFilesFolder() throws IOException {
        Path file = write("GAUS_URL=https://gaus.example.com/api\nPRODUCT_ACCESS_KEY=access-1\n"
                + "PRODUCT_SECRET_KEY=\"" + SECRET + "\"\nDEVICEID=box-7\nGAUS_CA_CERT=certs/ca.pem\n");

        BootstrapFile bootstrap = BootstrapFile.read(file);

        assertThat(bootstrap.requireServerUrl()).isEqualTo(URI.create("https://gaus.example.com/api"));
        assertThat(bootstrap.requireProductKeys()).isEqualTo(new AuthParameters("access-1", SECRET));
        assertThat(bootstrap.deviceId()).contains("box-7");
        assertThat(bootstrap.caCertificate()).contains(dir.resolve("etc/certs/ca.pem").toAbsolutePath());
    }

    @Test
    void read_keepsAnAbsoluteCaPath() throws IOException {
        Path ca = dir.resolve("elsewhere/ca.pem").toAbsolutePath();

        assertThat(BootstrapFile.read(write("GAUS_CA_CERT=\"" + ca + "\"\n")).caCertificate()).contains(ca);
    }

    @Test
    void valuesTheFileLacksOrLeavesEmpty_areAbsent_andRequiringThemNamesFileAndKey() throws IOException {
        Path file = write("GAUS_URL=\nPRODUCT_ACCESS_KEY=access-1\nPRODUCT_SECRET_KEY=\"" + SECRET + "\"\n");
        BootstrapFile bootstrap = BootstrapFile.read(file);

        assertThat(bootstrap.serverUrl()).isEmpty();
        assertThat(bootstrap.deviceId()).isEmpty();
        assertThat(bootstrap.caCertificate()).isEmpty();
        assertThatThrownBy(bootstrap::requireServerUrl).isInstanceOf(BootstrapFileException.class)
                .hasMessage(file + ": GAUS_URL is missing or empty");

        BootstrapFile noSecret = BootstrapFile.read(write("GAUS_URL=http://127.0.0.1:8080\nPRODUCT_ACCESS_KEY=a\n"));
        assertThat(noSecret.productAccessKey()).contains("a");
        assertThatThrownBy(noSecret::requireProductKeys).isInstanceOf(BootstrapFileException.class)
                .hasMessageEndingWith(": PRODUCT_SECRET_KEY is missing or empty");
    }

    @Test
    void serverUrl_mustBeHttpOrHttpsWithAHost_andTheMessageShowsNoSecret() throws IOException {
        String keys = "PRODUCT_ACCESS_KEY=a\nPRODUCT_SECRET_KEY=\"" + SECRET + "\"\n";

        assertThatThrownBy(() -> BootstrapFile.read(write("GAUS_URL=ftp://gaus.example.com\n" + keys)).serverUrl())
                .isInstanceOf(BootstrapFileException.class).hasMessageEndingWith(": GAUS_URL is not an http(s) URL")
                .message().doesNotContain(SECRET);
        assertThatThrownBy(() -> BootstrapFile.read(write("GAUS_URL=http:///path-only\n" + keys)).serverUrl())
                .hasMessageEndingWith(": GAUS_URL is not an http(s) URL");
        assertThatThrownBy(() -> BootstrapFile.read(write("GAUS_URL=\"http://a b\"\n" + keys)).serverUrl())
                .hasMessageEndingWith(": GAUS_URL is not a URL");
    }

    @Test
    void updateKeys_areReadFromGausUpdateKeys_andAWrongOneNamesFileAndKey() throws IOException {
        String a = "21fe31dfa154a261:11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
        assertThat(BootstrapFile.read(write("GAUS_UPDATE_KEYS=\"" + a + "\"\n")).updateKeys())
                .extracting(UpdateKey::id).containsExactly("21fe31dfa154a261");
        assertThat(BootstrapFile.read(write("GAUS_URL=http://127.0.0.1\n")).updateKeys()).isEmpty();

        Path file = write("GAUS_UPDATE_KEYS=\"0000000000000000:11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\"\n");
        assertThatThrownBy(() -> BootstrapFile.read(file).updateKeys()).isInstanceOf(BootstrapFileException.class)
                .hasMessage(file + ": GAUS_UPDATE_KEYS: update key '0000000000000000' is not the id of its public key,"
                        + " which is 21fe31dfa154a261");
    }

    @Test
    void read_whenTheFileIsMissing_throwsUncheckedIo() {
        assertThatThrownBy(() -> BootstrapFile.read(dir.resolve("absent.conf")))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("absent.conf");
    }
}
