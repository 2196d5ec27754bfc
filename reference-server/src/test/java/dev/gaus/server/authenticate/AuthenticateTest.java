package dev.gaus.server.authenticate;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.ServerFixture;
import java.net.http.HttpResponse;
import java.util.Map;
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
