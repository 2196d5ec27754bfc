package dev.gaus.benchmarks.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JwtBenchmarkTest {
    private final JwtBenchmark benchmark = new JwtBenchmark();

    @BeforeEach
    void setUp() throws Exception {
        benchmark.setUp();
    }

    @Test
    void issuedTokens_verifyAndCarryTheProtocolClaims() throws Exception {
        for (String token : new String[] {benchmark.issueHs256(), benchmark.issueEs256()}) {
            assertThat(token.split("\\.")).hasSize(3);
        }
        JWTClaimsSet hs = JwtBenchmark.verify(benchmark.issueHs256(), benchmark.hsVerifier);
        assertThat(hs.getSubject()).isEqualTo(JwtBenchmark.PRODUCT_GUID + ":" + JwtBenchmark.DEVICE_GUID);
        assertThat(hs.getStringClaim("did")).isEqualTo("test-device-1");
        assertThat(hs.getExpirationTime()).isAfter(hs.getIssueTime());
        assertThat(benchmark.verifyHs256().getStringClaim("dgu")).isEqualTo(JwtBenchmark.DEVICE_GUID);
        assertThat(benchmark.verifyEs256().getStringClaim("pgu")).isEqualTo(JwtBenchmark.PRODUCT_GUID);
    }

    @Test
    void verify_refusesATokenSignedWithAnotherKey() throws Exception {
        MACVerifier otherKey = new MACVerifier(dev.gaus.core.Credentials.randomBytes(32));
        assertThatThrownBy(() -> JwtBenchmark.verify(benchmark.hsToken, otherKey))
                .isInstanceOf(JOSEException.class)
                .hasMessageContaining("does not verify");
    }
}
