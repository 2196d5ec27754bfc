package dev.gaus.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gaus.core.GausJson;
import dev.gaus.core.message.AuthenticateRequest;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.core.message.CheckForUpdatesResponse;
import dev.gaus.core.message.RegisterRequest;
import dev.gaus.core.message.RegisterResponse;
import dev.gaus.core.message.ReportRequest;
import dev.gaus.core.message.ReportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example body of the public GAUS documentation decodes and encodes back to equal JSON. */
class PublicExamplesTest {
    private static final ObjectMapper TREE = new ObjectMapper();

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("register-request.json", RegisterRequest.class),
                Arguments.of("register-response.json", RegisterResponse.class),
                Arguments.of("authenticate-request.json", AuthenticateRequest.class),
                Arguments.of("authenticate-response.json", AuthenticateResponse.class),
                Arguments.of("check-for-updates-response.json", CheckForUpdatesResponse.class),
                Arguments.of("report-request.json", ReportRequest.class),
                Arguments.of("report-response.json", ReportResponse.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void example_decodesAndEncodesBackToEqualJson(String file, Class<?> type) throws IOException {
        byte[] body = read(file);

        Object message = GausJson.decode(body, type);
        byte[] encoded = GausJson.encode(message);

        assertThat(TREE.readTree(encoded)).isEqualTo(TREE.readTree(body));
        assertThat(GausJson.decode(encoded, type)).isEqualTo(message);
    }

    @Test
    void registerRequestExample_keepsEveryValue() throws IOException {
        RegisterRequest request = GausJson.decode(read("register-request.json"), RegisterRequest.class);

        assertThat(request.deviceId()).isEqualTo("test-device-1");
        assertThat(request.productAuthParameters().accessKey())
                .isEqualTo("d123d38cbdef8305678c73931c199bbb175e3fa92cbe3a89490a85ebf34165a5");
        assertThat(request.productAuthParameters().secretKey())
                .isEqualTo("afb4efg8763ef3412acf563821bafb165431abe4d3a2e598ef132ab3e4ef");
    }

    @Test
    void reportExample_keepsPresentButEmptyMapsApartFromAbsentOnes() throws IOException {
        ReportRequest report = GausJson.decode(read("report-request.json"), ReportRequest.class);

        assertThat(report.header().seqNo()).isEqualTo(123L);
        assertThat(report.data()).hasSize(1);
        assertThat(report.data().get(0).vInts()).isEmpty();
        assertThat(report.data().get(0).vStrings()).containsEntry("phase", "download");
        assertThat(report.data().get(0).data()).isEqualTo("{\"bytes\":5851822}");
    }

    @Test
    void checkForUpdatesExample_exposesTheSha256FromMetadata() throws IOException {
        CheckForUpdatesResponse answer =
                GausJson.decode(read("check-for-updates-response.json"), CheckForUpdatesResponse.class);

        assertThat(answer.updates()).singleElement().satisfies(u -> {
            assertThat(u.size()).isEqualTo(5851822L);
            assertThat(u.sha256()).contains("d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592");
        });
        assertThat(answer.newPollIntervalSeconds()).isEmpty();
    }

    static byte[] read(String file) throws IOException {
        try (InputStream in = PublicExamplesTest.class.getResourceAsStream("/examples/" + file)) {
            return in.readAllBytes();
        }
    }
}
