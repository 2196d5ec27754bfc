package dev.gaus.benchmarks.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.GausJson;
import dev.gaus.core.message.RegisterResponse;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The three ways of each operation must do the same work, or the ratios mean nothing. */
class JsonBenchmarkTest {
    private final JsonBenchmark benchmark = new JsonBenchmark();

    @BeforeEach
    void setUp() {
        benchmark.setUp();
    }

    @Test
    void decodeRegisterRequest_allThreeWays_giveTheSameRecord() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(benchmark.decodeRegisterRequest()).isEqualTo(WireSamples.registerRequest());
            assertThat(benchmark.decodeRegisterRequest_baseline()).isEqualTo(WireSamples.registerRequest());
            assertThat(benchmark.decodeRegisterRequest_databind()).isEqualTo(WireSamples.registerRequest());
        }
    }

    @Test
    void encodeRegisterResponse_allThreeWays_decodeToTheSameRecord() throws Exception {
        RegisterResponse expected = WireSamples.registerResponse();
        assertThat(GausJson.decode(benchmark.encodeRegisterResponse(), RegisterResponse.class)).isEqualTo(expected);
        assertThat(GausJson.decode(benchmark.encodeRegisterResponse_baseline(), RegisterResponse.class)).isEqualTo(expected);
        assertThat(GausJson.decode(benchmark.encodeRegisterResponse_databind(), RegisterResponse.class)).isEqualTo(expected);
        assertThat(benchmark.encodeRegisterResponse_baseline()).isEqualTo(benchmark.encodeRegisterResponse());
    }

    @Test
    void decodeAuthenticateResponse_allThreeWays_giveTheSameRecord() throws Exception {
        assertThat(benchmark.decodeAuthenticateResponse()).isEqualTo(WireSamples.authenticateResponse());
        assertThat(benchmark.decodeAuthenticateResponse_baseline()).isEqualTo(WireSamples.authenticateResponse());
        assertThat(benchmark.decodeAuthenticateResponse_databind()).isEqualTo(WireSamples.authenticateResponse());
    }

    @Test
    void decodeCheckForUpdates_allThreeWays_giveTheSameRecord() throws Exception {
        assertThat(benchmark.decodeCheckForUpdates().updates()).hasSize(3);
        assertThat(benchmark.decodeCheckForUpdates()).isEqualTo(WireSamples.checkForUpdatesResponse());
        assertThat(benchmark.decodeCheckForUpdates_baseline()).isEqualTo(WireSamples.checkForUpdatesResponse());
        assertThat(benchmark.decodeCheckForUpdates_databind()).isEqualTo(WireSamples.checkForUpdatesResponse());
    }

    @Test
    void decodeReport_allThreeWays_giveTheSameRecordOf50Items() throws Exception {
        assertThat(benchmark.decodeReport().data()).hasSize(WireSamples.REPORT_ITEMS);
        assertThat(benchmark.decodeReport()).isEqualTo(WireSamples.report());
        assertThat(benchmark.decodeReport_baseline()).isEqualTo(WireSamples.report());
        assertThat(benchmark.decodeReport_databind()).isEqualTo(WireSamples.report());
    }

    @Test
    void baseline_rejectsDuplicateKeys_likeTheCodec() {
        byte[] duplicate = "{\"deviceGUID\":\"a\",\"deviceGUID\":\"b\",\"productGUID\":\"p\",\"token\":\"t\"}"
                .getBytes(StandardCharsets.UTF_8);
        Assertions.assertThatThrownBy(() -> StreamingBaseline.authenticateResponse(duplicate))
                .hasMessageContaining("Duplicate");
    }
}
