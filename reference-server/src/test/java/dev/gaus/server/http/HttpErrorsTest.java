package dev.gaus.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.message.Problem;
import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.RawHttp;
import dev.gaus.server.testing.ServerFixture;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpErrorsTest {
    private static ServerFixture fixture;
    private static Api api;
    private static URI url;

    @BeforeAll
    static void start() {
        fixture = ServerFixture.start();
        api = fixture.api();
        url = fixture.server().url();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void unknownPath_answers404Problem() {
        for (String path : new String[] {"/", "/nope", "/register/", "/device/p/d/unknown", "/device/p/check-for-updates",
                "/device/", "/device/p/d/",
                "/device/p/d/check-for-updates/", "/device/p/d/x/check-for-updates", "/device/p/d/report/x",
                "/devices/p/d/check-for-updates"}) {
            HttpResponse<String> r = api.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(Api.problem(r).status()).isEqualTo(404);
        }
    }

    @Test
    void wrongMethod_answers405WithAllow() {
        HttpResponse<String> r = api.get("/register");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
        assertThat(Api.problem(r).status()).isEqualTo(405);
        HttpResponse<String> post = api.post("/health", "{}");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        HttpResponse<String> c = api.post("/device/p/d/check-for-updates", "{}");
        assertThat(c.statusCode()).isEqualTo(405);
        assertThat(c.headers().firstValue("Allow")).hasValue("GET");
        HttpResponse<String> report = api.get("/device/p/d/report");
        assertThat(report.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void bodyWithNonJsonContentType_answers415() {
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "application/xml"}) {
            HttpResponse<String> r = api.post("/register", "{}", "Content-Type", type);
            assertThat(r.statusCode()).as(type).isEqualTo(415);
            assertThat(Api.problem(r).status()).isEqualTo(415);
        }
    }

    @Test
    void bodyOver64KiB_answers413() {
        String big = "{\"deviceId\":\"" + "x".repeat(70_000) + "\"}";
        HttpResponse<String> r = api.post("/register", big);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(Api.problem(r).status()).isEqualTo(413);
    }

    @Test
    void chunkedBodyOver64KiB_withoutContentLength_answers413() {
        StringBuilder request = new StringBuilder("POST /register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        String chunk = "a".repeat(8192);
        for (int i = 0; i < 10; i++) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        request.append("0\r\n\r\n");
        RawHttp.Response r = RawHttp.exchange(url, request.toString());
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.header("content-type")).startsWith(Problem.MEDIA_TYPE);
    }

    @Test
    void bodyOfExactly64KiB_isReadAndJudgedOnItsContent() {
        String prefix = "{\"deviceId\":\"d\",\"pad\":\"";
        String body = prefix + "x".repeat(64 * 1024 - prefix.length() - 2) + "\"}";
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(64 * 1024);
        HttpResponse<String> r = api.post("/register", body);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Api.problem(r).detail()).contains("productAuthParameters");
    }

    @Test
    void headersTooLarge_answers431Problem() {
        RawHttp.Response r = RawHttp.exchange(url, "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(40_000)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(r.status()).isEqualTo(431);
        assertThat(r.header("content-type")).startsWith(Problem.MEDIA_TYPE);
        assertThat(r.body()).doesNotContain("<html");
    }

    @Test
    void malformedRequestLine_answers400Problem() {
        RawHttp.Response r = RawHttp.exchange(url, "BLAH\r\n\r\n");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("content-type")).startsWith(Problem.MEDIA_TYPE);
    }

    @Test
    void brokenChunkedFraming_answers400NotServerError() {
        RawHttp.Response r = RawHttp.exchange(url, "POST /register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        assertThat(r.status()).isBetween(400, 499);
    }

    @Test
    void refusalBeforeTheBodyIsRead_saysTheConnectionCloses() {
        String body = Api.registerBody("unread-body-1", fixture.product());
        RawHttp.Response refused = RawHttp.exchange(url, "POST /register HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: text/plain\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        RawHttp.Response noBody = RawHttp.exchange(url, "GET /no-such-path HTTP/1.1\r\nHost: x\r\n\r\n");

        // A client that sent its next request on this connection would lose it when it closes.
        assertThat(refused.status()).isEqualTo(415);
        assertThat(refused.header("connection")).isEqualTo("close");
        assertThat(noBody.status()).isEqualTo(404);
        assertThat(noBody.header("connection")).isNull();
    }

    @Test
    void problems_neverCarryStackTraces() {
        HttpResponse<String> r = api.post("/register", "{\"deviceId\":");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
