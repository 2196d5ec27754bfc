package dev.gaus.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gaus.core.KeyValueFile;
import dev.gaus.core.KeyValueFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyValueFileTest {
    @TempDir
    Path dir;

    @Test
    void parse_readsWhatThePublicShellToolingWrites() {
        String text = "# GAUS bootstrap\n"
                + "\n"
                + "GAUS_URL=https://gaus.example.com\n"
                + "export PRODUCT_ACCESS_KEY=\"d123\"\r\n"
                + "   PRODUCT_SECRET_KEY='afb4 efg8'   # kept secret\n"
                + "DEVICEID=\"dev \\\"one\\\" \\$HOME \\\\ \\`x\\`\"\n"
                + "EMPTY=\n";

        Map<String, String> values = KeyValueFile.parse(text, "bootstrap.conf");

        assertThat(values).containsExactly(
                Map.entry("GAUS_URL", "https://gaus.example.com"),
                Map.entry("PRODUCT_ACCESS_KEY", "d123"),
                Map.entry("PRODUCT_SECRET_KEY", "afb4 efg8"),
                Map.entry("DEVICEID", "dev \"one\" $HOME \\ `x`"),
                Map.entry("EMPTY", ""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '^', value = {
        "no equals sign | A=1\\nJUSTTEXT|2",
        "space before equals | KEY =value|1",
        "space after equals, unquoted words | KEY= value words|1",
        "unquoted space | KEY=two words|1",
        "unclosed double quote | KEY=\"open|1",
        "unclosed single quote | KEY='open|1",
        "shell expansion | KEY=\"$HOME\"|1",
        "command substitution | KEY=`id`|1",
        "bad name | 1KEY=x|1",
        "text after quotes | KEY=\"a\"b|1",
    })
    void parse_whenALineIsNotKeyValue_namesTheLine(String name, String text, int line) {
        assertThatThrownBy(() -> KeyValueFile.parse(text.replace("\\n", "\n"), "device.data"))
                .isInstanceOfSatisfying(KeyValueFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.source()).isEqualTo("device.data");
                    assertThat(e.getMessage()).startsWith("device.data, line " + line + ": ");
                });
    }

    @Test
    void parse_whenAValueIsRejected_doesNotEchoIt() {
        assertThatThrownBy(() -> KeyValueFile.parse("DEVICE_SECRET_KEY=top secret", "device.data"))
                .hasMessageNotContaining("top secret");
    }

    @Test
    void format_thenParse_givesBackEveryValue() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("A", "plain");
        values.put("B", "with \"quotes\", $dollar, `tick` and \\ backslash");
        values.put("C", "");
        values.put("D", "it's # not a comment");

        assertThat(KeyValueFile.parse(KeyValueFile.format(values), "x")).isEqualTo(values);
    }

    @Test
    void format_refusesValuesTheShellCouldNotReadBack() {
        assertThatThrownBy(() -> KeyValueFile.format(Map.of("A", "two\nlines")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyValueFile.format(Map.of("A-B", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writeAtomically_writesAnOwnerOnlyFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("state/device.data");
        KeyValueFile.writeAtomically(file, Map.of("DEVICEID", "one"));
        KeyValueFile.writeAtomically(file, Map.of("DEVICEID", "two"));

        assertThat(KeyValueFile.read(file)).containsExactly(Map.entry("DEVICEID", "two"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("device.data");
        }
    }

    @Test
    void writtenFile_isReadBackByTheShell() throws Exception {
        Path file = dir.resolve("device.data");
        KeyValueFile.writeAtomically(file, Map.of("DEVICE_ACCESS_KEY", "ab$c\"d`e\\f g"));

        Process shell = new ProcessBuilder("sh", "-c", ". \"$0\" && printf %s \"$DEVICE_ACCESS_KEY\"", file.toString())
                .redirectErrorStream(true).start();
        String printed = new String(shell.getInputStream().readAllBytes());
        assertThat(shell.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(printed).isEqualTo("ab$c\"d`e\\f g");
    }

    @Test
    void read_whenTheFileIsMissing_namesIt() {
        Path missing = dir.resolve("nope.conf");
        assertThatThrownBy(() -> KeyValueFile.read(missing)).hasMessageContaining("nope.conf");
    }

    @Test
    void parse_laterAssignmentWins_likeTheShell() {
        assertThat(KeyValueFile.parse("A=1\nA=2\n", "x")).isEqualTo(Map.of("A", "2"));
        assertThat(List.copyOf(KeyValueFile.parse("B=1\nA=2\n", "x").keySet())).containsExactly("B", "A");
    }
}
