package dev.gaus.benchmarks.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.gaus.core.Credentials;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The device token of {@code POST /authenticate} (protocol section 2: sub, aud, jti, pgu, dgu, did,
 * iat, exp) issued and verified with nimbus-jose-jwt: HS256 with a shared key, the project's
 * default, and ES256 (P-256) for comparison. Verifying means parsing, checking the signature and
 * reading the claims, as the server does on every device call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class JwtBenchmark {
    static final String PRODUCT_GUID = "6f1e3a4c-b2d5-4e6f-8a7b-9c0d1e2f3a4b";
    static final String DEVICE_GUID = "d2c3b4a5-e6f7-4819-a0b1-c2d3e4f5a6b7";

    JWSSigner hsSigner;
    JWSVerifier hsVerifier;
    JWSSigner esSigner;
    JWSVerifier esVerifier;
    String hsToken;
    String esToken;

    @Setup
    public void setUp() throws JOSEException {
        byte[] key = Credentials.randomBytes(32);
        hsSigner = new MACSigner(key);
        hsVerifier = new MACVerifier(key);
        ECKey ecKey = new ECKeyGenerator(Curve.P_256).generate();
        esSigner = new ECDSASigner(ecKey);
        esVerifier = new ECDSAVerifier(ecKey.toPublicJWK());
        hsToken = issue(hsSigner, JWSAlgorithm.HS256);
        esToken = issue(esSigner, JWSAlgorithm.ES256);
    }

    @Benchmark
    public String issueHs256() throws JOSEException {
        return issue(hsSigner, JWSAlgorithm.HS256);
    }

    @Benchmark
    public JWTClaimsSet verifyHs256() throws ParseException, JOSEException {
        return verify(hsToken, hsVerifier);
    }

    @Benchmark
    public String issueEs256() throws JOSEException {
        return issue(esSigner, JWSAlgorithm.ES256);
    }

    @Benchmark
    public JWTClaimsSet verifyEs256() throws ParseException, JOSEException {
        return verify(esToken, esVerifier);
    }

    static String issue(JWSSigner signer, JWSAlgorithm algorithm) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(PRODUCT_GUID + ":" + DEVICE_GUID)
                .audience("")
                .jwtID(UUID.randomUUID().toString())
                .claim("pgu", PRODUCT_GUID)
                .claim("dgu", DEVICE_GUID)
                .claim("did", "test-device-1")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** Parses and checks the signature; a forged or foreign token throws. */
    static JWTClaimsSet verify(String token, JWSVerifier verifier) throws ParseException, JOSEException {
        SignedJWT jwt = SignedJWT.parse(token);
        if (!jwt.verify(verifier)) {
            throw new JOSEException("signature does not verify");
        }
        return jwt.getJWTClaimsSet();
    }
}
