package dev.gaus.server.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.server.GausServer;
import dev.gaus.server.internal.Bootstrap;
import dev.gaus.server.internal.cli.ServerCli;
import dev.gaus.server.internal.store.DeviceStandings;
import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.Eventually;
import dev.gaus.server.testing.MutableClock;
import dev.gaus.server.testing.RawHttp;
import dev.gaus.server.testing.ServerFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeviceApiTest {
    /** No update, and the product's poll interval under both names (pollInterval for the public TypeScript client). */
    private static final String EMPTY_ANSWER = "{\"pollInterval\":" + Bootstrap.DEFAULT_POLL_INTERVAL_SECONDS
            + ",\"updates\":[],\"pollIntervalSeconds\":" + Bootstrap.DEFAULT_POLL_INTERVAL_SECONDS + "}";

    private static MutableClock clock;
    private static ServerFixture fixture;
    private static Api api;
    private static AuthParameters product;

    @BeforeAll
    static void start() {
        clock = new MutableClock(Instant.now());
        fixture = ServerFixture.start(GausServer.builder().clock(clock));
        api = fixture.api();
        product = fixture.product();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static AuthenticateResponse newSession(String deviceId) {
        return api.authenticateOk(api.registerOk(deviceId, product));
    }

    private static String[] bearer(AuthenticateResponse s) {
        return new String[] {"Authorization", "Bearer " + s.token()};
    }

    @Test
    void checkForUpdates_withValidToken_answersEmptyCatalogWithWeakEtag() {
        AuthenticateResponse s = newSession("poller");
        HttpResponse<String> r = api.get(Api.devicePath(s, "check-for-updates") + "?firmware-version=1.0.0&location=swe",
                bearer(s));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(EMPTY_ANSWER);
        assertThat(r.headers().firstValue("ETag")).hasValueSatisfying(tag -> assertThat(tag).matches("W/\"[0-9a-f]+\""));
    }

    @Test
    void checkForUpdates_withIfNoneMatchOfCurrentTag_answers304WithoutBody() {
        AuthenticateResponse s = newSession("etag-device");
        String path = Api.devicePath(s, "check-for-updates");
        String etag = api.get(path, bearer(s)).headers().firstValue("ETag").orElseThrow();
        String strong = etag.substring(2);
        for (String inm : new String[] {etag, strong, "\"other\", " + etag, "*", "W/\"nope\" ,  " + strong}) {
            HttpResponse<String> r = api.get(path, "Authorization", "Bearer " + s.token(), "If-None-Match", inm);
            assertThat(r.statusCode()).as(inm).isEqualTo(304);
            assertThat(r.body()).isEmpty();
            assertThat(r.headers().firstValue("ETag")).hasValue(etag);
        }
        HttpResponse<String> other = api.get(path, "Authorization", "Bearer " + s.token(), "If-None-Match", "W/\"other\"");
        assertThat(other.statusCode()).isEqualTo(200);
        HttpResponse<String> repeated = api.get(path, "Authorization", "Bearer " + s.token(),
                "If-None-Match", "W/\"other\"", "If-None-Match", etag);
        assertThat(repeated.statusCode()).isEqualTo(304);
    }

    @Test
    void checkForUpdates_getWithJsonContentType_works() {
        AuthenticateResponse s = newSession("curl-device");
        HttpResponse<String> r = api.get(Api.devicePath(s, "check-for-updates") + "?firmware-version=1.0.0",
                "Authorization", "Bearer " + s.token(), "Content-Type", "application/json");
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void checkForUpdates_withQueryValuesNotUrlEncoded_works() {
        AuthenticateResponse s = newSession("raw-query-device");
        String[] queries = {
            "firmware-version=1.0.0+build.5&location=s|w{e}&x=%zz&y=%&note=a\"b",
            "firmware-version=1.0.0&tag=åäö",
            "=&&firmware-version&a==b",
        };
        for (String q : queries) {
            String request = "GET " + Api.devicePath(s, "check-for-updates") + "?" + q + " HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Bearer " + s.token() + "\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n";
            RawHttp.Response r = RawHttp.exchange(api.url(), request.getBytes(StandardCharsets.UTF_8), null);
            assertThat(r.status()).as(q).isEqualTo(200);
            assertThat(r.body()).isEqualTo(EMPTY_ANSWER);
        }
    }

    @Test
    void deviceEndpoints_withoutToken_answer401WithBearerChallenge() {
        AuthenticateResponse s = newSession("no-token");
        HttpResponse<String> r = api.get(Api.devicePath(s, "check-for-updates"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(Api.problem(r).status()).isEqualTo(401);
        HttpResponse<String> report = api.post(Api.devicePath(s, "report"), Api.REPORT_BODY);
        assertThat(report.statusCode()).isEqualTo(401);
        assertThat(report.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void deviceEndpoints_withGarbageOrForgedOrUnsignedToken_answer401() throws Exception {
        AuthenticateResponse s = newSession("forged");
        JWTClaimsSet claims = SignedJWT.parse(s.token()).getJWTClaimsSet();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        forged.sign(new MACSigner(new byte[32]));
        String unsigned = new PlainJWT(new PlainHeader(), claims).serialize();
        String[] parts = s.token().split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + (parts[2].startsWith("A") ? "B" : "A") + parts[2].substring(1);
        for (String auth : new String[] {"Bearer garbage", "Bearer " + forged.serialize(), "Bearer " + unsigned,
            "Bearer " + tampered, "Basic dXNlcjpwdw==", "Bearer", "Bearer " + "x".repeat(5000)}) {
            HttpResponse<String> r = api.get(Api.devicePath(s, "check-for-updates"), "Authorization", auth);
            assertThat(r.statusCode()).as(auth.length() > 40 ? auth.substring(0, 40) : auth).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
        }
    }

    @Test
    void deviceEndpoints_withExpiredToken_answer401() {
        AuthenticateResponse s = newSession("expiring");
        String path = Api.devicePath(s, "check-for-updates");
        assertThat(api.get(path, bearer(s)).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        try {
            HttpResponse<String> r = api.get(path, bearer(s));
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
        } finally {
            clock.advance(Duration.ofHours(-1).minusSeconds(1));
        }
    }

    @Test
    void deviceEndpoints_onAnotherDevicesPath_answer403() {
        AuthenticateResponse mine = newSession("mine");
        AuthenticateResponse theirs = newSession("theirs");
        HttpResponse<String> r = api.get(Api.devicePath(theirs, "check-for-updates"), bearer(mine));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(Api.problem(r).status()).isEqualTo(403);
        String otherProduct = "/device/" + UUID.randomUUID() + "/" + mine.deviceGUID() + "/report";
        assertThat(api.post(otherProduct, Api.REPORT_BODY, bearer(mine)).statusCode()).isEqualTo(403);
    }

    @Test
    void report_withDocumentedBody_answersEmptyObjectAndIsStored() {
        AuthenticateResponse s = newSession("reporter");
        HttpResponse<String> r = api.post(Api.devicePath(s, "report") + "?seq=1", Api.REPORT_BODY, bearer(s));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{}");
    }

    @Test
    void report_withMissingMandatoryField_answers400NamingIt() {
        AuthenticateResponse s = newSession("bad-reporter");
        String path = Api.devicePath(s, "report");
        String[][] cases = {
            {"{\"header\":{\"ts\":\"t\"},\"data\":[]}", "version"},
            {"{\"version\":\"1\",\"data\":[]}", "header"},
            {"{\"version\":\"1\",\"header\":{},\"data\":[]}", "ts"},
            {"{\"version\":\"1\",\"header\":{\"ts\":\"t\"}}", "data"},
            {"{\"version\":\"1\",\"header\":{\"ts\":\"t\"},\"data\":[{\"ts\":\"t\"}]}", "type"},
            {"{\"version\":\"1\",\"header\":{\"ts\":\"t\"},\"data\":[{\"type\":\"event.x\"}]}", "ts"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = api.post(path, c[0], bearer(s));
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(Api.problem(r).detail()).as(c[0]).contains(c[1]);
        }
        assertThat(api.post(path, "{}", "Authorization", "Bearer " + s.token(), "Content-Type", "text/plain").statusCode())
                .isEqualTo(415);
    }

    @Test
    void revokedDevice_keysAndTokensStopWorking() {
        AuthParameters keys = api.registerOk("to-revoke", product);
        AuthenticateResponse s = api.authenticateOk(keys);
        String path = Api.devicePath(s, "check-for-updates");
        assertThat(api.get(path, bearer(s)).statusCode()).isEqualTo(200);

        StringWriter out = new StringWriter();
        int code = ServerCli.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "device", "revoke",
                "--guid", s.deviceGUID(), "--data-dir", fixture.dataDir().toString());
        assertThat(code).isZero();

        // authentication reads the store; token paths see the revocation within the documented bound
        HttpResponse<String> again = api.authenticate(keys);
        assertThat(again.statusCode()).isEqualTo(401);
        assertThat(again.body()).isEqualTo(api.authenticate(new AuthParameters("nope", "nope")).body());
        Eventually.status(401, DeviceStandings.MAX_AGE, () -> api.get(path, bearer(s)).statusCode());
        assertThat(api.post(Api.devicePath(s, "report"), Api.REPORT_BODY, bearer(s)).statusCode()).isEqualTo(401);
    }
}
