package dev.gaus.conformance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExchangeTest {
    private static Exchange answered(Map<String, List<String>> headers, byte[] body) {
        return new Exchange("GET", URI.create("http://127.0.0.1:1/files/fw.bin"), Map.of(), null, 200, headers, body,
                Duration.ofMillis(3), null);
    }

    @Test
    void aBinaryDownload_isShownAsItsLengthAndAHexPrefix_notAsRawBytes() {
        byte[] file = new byte[50_000];
        new Random(7).nextBytes(file);
        file[0] = (byte) 0xca;
        file[1] = (byte) 0xfe;
        String shown = answered(Map.of(), file).describe(new Masker());
        assertThat(shown).contains("(50000 bytes of binary data, starting cafe").contains("...)");
        assertThat(shown.length()).isLessThan(400);
        assertThat(answered(Map.of("Content-Type", List.of("application/octet-stream")),
                "plain words".getBytes(StandardCharsets.UTF_8)).describe(new Masker()))
                .contains("11 bytes of binary data");
    }

    @Test
    void textBodies_areShownAsText_evenWhenCutInsideACharacter() {
        String json = "{\"detail\":\"" + "é".repeat(1500) + "\"}";
        String shown = answered(Map.of(), json.getBytes(StandardCharsets.UTF_8)).describe(new Masker());
        assertThat(shown).contains("{\"detail\":\"éé").contains("more bytes)").doesNotContain("binary");
        assertThat(answered(Map.of("Content-Type", List.of("application/problem+json")),
                "{\"status\":400}".getBytes(StandardCharsets.UTF_8)).describe(new Masker())).contains("< {\"status\":400}");
    }
}
