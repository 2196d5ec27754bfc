package dev.gaus.server.authenticate;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.ServerFixture;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthenticateTest {
    private static ServerFixture fixture;
    private static Api api;
    private static AuthParameters product;

    @BeforeAll
    static void start() {
        fixture = ServerFixture.start();
        api = fixture.api();
        product = fixture.product();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void authenticate_withDeviceKeys_answersTokenWithTheDocumentedClaims() throws Exception {
        AuthParameters device = api.registerOk("claims-device", product);
        long before = System.currentTimeMillis() / 1000;
        AuthenticateResponse session = api.authenticateOk(device);
        assertThat(session.deviceGUID()).isNotBlank();
        assertThat(session.productGUID()).isNotBlank();

        Map<String, Object> claims = SignedJWT.parse(session.token()).getJWTClaimsSet().toJSONObject();
        assertThat(SignedJWT.parse(session.token()).getHeader().getAlgorithm().getName()).isEqualTo("HS256");
        assertThat(claims).containsOnlyKeys("sub", "aud", "jti", "pgu", "dgu", "did", "iat", "exp");
        assertThat(claims.get("sub")).isEqualTo(session.productGUID() + ":" + session.deviceGUID());
        assertThat(claims.get("aud")).isEqualTo("");
        String payload = new String(Base64.getUrlDecoder().decode(session.token().split("\\.")[1]),
                StandardCharsets.UTF_8);
        assertThat(payload).contains("\"aud\":\"\"").contains("\"sub\":\"" + session.productGUID() + ":");
        assertThat(claims.get("pgu")).isEqualTo(session.productGUID());
        assertThat(claims.get("dgu")).isEqualTo(session.deviceGUID());
        assertThat(claims.get("did")).isEqualTo("claims-device");
        long iat = ((Number) claims.get("iat")).longValue();
        assertThat(iat).isBetween(before - 1, before + 60);
        assertThat(((Number) claims.get("exp")).longValue() - iat).isEqualTo(3600);
        assertThat(session.token()).isNotEqualTo(api.authenticateOk(device).token());
    }

    @Test
    void authenticate_twoRegistrationsOfOneDeviceId_areTwoDevicesOfOneProduct() {
        AuthenticateResponse a = api.authenticateOk(api.registerOk("same", product));
        AuthenticateResponse b = api.authenticateOk(api.registerOk("same", product));
        assertThat(a.deviceGUID()).isNotEqualTo(b.deviceGUID());
        assertThat(a.productGUID()).isEqualTo(b.productGUID());
    }

    @Test
    void authenticate_unknownAccessKeyAndWrongSecret_answerTheSame401() {
        AuthParameters device = api.registerOk("enum-device", product);
        HttpResponse<String> unknown = api.authenticate(new AuthParameters("f".repeat(64), device.secretKey()));
        HttpResponse<String> wrong = api.authenticate(new AuthParameters(device.accessKey(), "0".repeat(64)));
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
        assertThat(Api.problem(unknown).detail()).isEqualTo("unknown access key or wrong secret key");
        assertThat(unknown.body()).doesNotContain(device.secretKey());
    }

    @Test
    void authenticate_unknownAccessKeyAndWrongSecret_takeRoughlyTheSameTime() {
        // A fresh server: the per-address failure limit of the shared one must stay untouched.
        try (ServerFixture own = ServerFixture.start()) {
            Api a = own.api();
            AuthParameters device = a.registerOk("timing-device", own.product());
            AuthParameters unknown = new AuthParameters("e".repeat(64), device.secretKey());
            AuthParameters wrong = new AuthParameters(device.accessKey(), "0".repeat(64));
            long[] unknownNanos = new long[10];
            long[] wrongNanos = new long[10];
            for (int i = 0; i < 10; i++) {
                unknownNanos[i] = timed(a, unknown);
                wrongNanos[i] = timed(a, wrong);
            }
            // Same work on both paths (a store lookup and one keyed hash): the medians differ by
            // far less than this bound, which only absorbs the noise of a shared machine.
            long difference = Math.abs(median(unknownNanos) - median(wrongNanos));
            assertThat(difference).isLessThan(TimeUnit.MILLISECONDS.toNanos(25));
        }
    }

    private static long timed(Api a, AuthParameters keys) {
        long start = System.nanoTime();
        assertThat(a.authenticate(keys).statusCode()).isEqualTo(401);
        return System.nanoTime() - start;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    @Test
    void authenticate_withProductKeysInsteadOfDeviceKeys_answers401() {
        assertThat(api.authenticate(product).statusCode()).isEqualTo(401);
    }

    @Test
    void authenticate_withBadBody_answers400() {
        assertThat(api.post("/authenticate", "{\"deviceAuthParameters\":{}}").statusCode()).isEqualTo(400);
        assertThat(api.post("/authenticate", "{\"deviceAuthParameters\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(api.post("/authenticate", "{").statusCode()).isEqualTo(400);
    }
}
