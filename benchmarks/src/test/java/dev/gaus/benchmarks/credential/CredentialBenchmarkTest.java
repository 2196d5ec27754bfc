package dev.gaus.benchmarks.credential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.Credentials;
import dev.gaus.core.message.AuthParameters;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CredentialBenchmarkTest {
    private final CredentialBenchmark benchmark = new CredentialBenchmark();
    private final CredentialBenchmark.Shared shared = new CredentialBenchmark.Shared();
    private final CredentialBenchmark.PerThread local = new CredentialBenchmark.PerThread();

    @BeforeEach
    void setUp() {
        shared.setUp();
        local.setUp();
    }

    @Test
    void generate_givesDistinctWellFormedKeys() {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            AuthParameters pair = benchmark.generate();
            assertThat(Credentials.isWellFormedKey(pair.accessKey())).isTrue();
            assertThat(Credentials.isWellFormedKey(pair.secretKey())).isTrue();
            keys.add(pair.accessKey());
            keys.add(pair.secretKey());
        }
        assertThat(keys).hasSize(10);
    }

    @Test
    void everyRandomSource_fillsTheBytesOfOneKeyPair() {
        assertThat(benchmark.baseline()).hasSize(64).isNotEqualTo(new byte[64]);
        assertThat(benchmark.nativePrngShared(shared)).hasSize(64).isNotEqualTo(new byte[64]);
        assertThat(benchmark.nativePrngPerThread(local)).hasSize(64).isNotEqualTo(new byte[64]);
        assertThat(benchmark.drbgShared(shared)).hasSize(64).isNotEqualTo(new byte[64]);
        assertThat(benchmark.drbgPerThread(local)).hasSize(64).isNotEqualTo(new byte[64]);
    }

    @Test
    void everyHexEncoder_writesTheSameLowercaseHex() {
        String table = benchmark.hexTable(local);
        assertThat(Credentials.isWellFormedKey(table)).isTrue();
        assertThat(benchmark.hexFormat(local)).isEqualTo(table);
        assertThat(benchmark.hexBigInteger(local)).isEqualTo(table);
    }

    @Test
    void secretHashAndVerify_agree() {
        assertThat(benchmark.secretHash(local)).isEqualTo(local.secretHash).hasSize(32);
        assertThat(benchmark.secretVerify(local)).isTrue();
    }
}
