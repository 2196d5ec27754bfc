package dev.gaus.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.message.AuthParameters;
import dev.gaus.server.GausServer;
import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.MutableClock;
import dev.gaus.server.testing.RawHttp;
import dev.gaus.server.testing.ServerFixture;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailedAuthenticationLimitTest {
    private static RawHttp.Response postFrom(String address, Api api, String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                + bytes.length + "\r\nConnection: close\r\n\r\n";
        byte[] request = (head + body).getBytes(StandardCharsets.UTF_8);
        return RawHttp.exchange(api.url(), request, address);
    }

    @Test
    void moreThan20FailuresFromOneAddressWithinAMinute_answer429WithRetryAfter_otherAddressesUnaffected() {
        MutableClock clock = new MutableClock(Instant.now());
        try (ServerFixture f = ServerFixture.start(GausServer.builder().clock(clock))) {
            Api api = f.api();
            AuthParameters product = f.product();
            AuthParameters wrong = new AuthParameters(product.accessKey(), "wrong");
            for (int i = 1; i <= 21; i++) {
                HttpResponse<String> r = i % 2 == 0 ? api.register("d", wrong)
                        : api.authenticate(new AuthParameters("unknown", "wrong"));
                assertThat(r.statusCode()).as("failure %d", i).isEqualTo(401);
            }
            HttpResponse<String> limited = api.register("d", product);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(Api.problem(limited).status()).isEqualTo(429);
            long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 60L);
            assertThat(api.authenticate(new AuthParameters("unknown", "wrong")).statusCode()).isEqualTo(429);

            // An honest client on another address is not affected, nor is a failing one there.
            RawHttp.Response honest = postFrom("127.0.0.2", api, "/register", Api.registerBody("other", product));
            assertThat(honest.status()).isEqualTo(200);
            assertThat(postFrom("127.0.0.2", api, "/register", Api.registerBody("other", wrong)).status()).isEqualTo(401);
            assertThat(api.get("/health").statusCode()).isEqualTo(200);

            clock.advance(Duration.ofSeconds(61));
            assertThat(api.register("d", product).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void twentyFailuresWithinAMinute_areNotYetLimited() {
        MutableClock clock = new MutableClock(Instant.now());
        try (ServerFixture f = ServerFixture.start(GausServer.builder().clock(clock))) {
            Api api = f.api();
            for (int i = 0; i < 20; i++) {
                assertThat(api.authenticate(new AuthParameters("unknown", "wrong")).statusCode()).isEqualTo(401);
            }
            assertThat(api.register("d", f.product()).statusCode()).isEqualTo(200);
            // Failures older than the window no longer count.
            clock.advance(Duration.ofSeconds(61));
            for (int i = 0; i < 20; i++) {
                assertThat(api.authenticate(new AuthParameters("unknown", "wrong")).statusCode()).isEqualTo(401);
            }
            assertThat(api.register("d", f.product()).statusCode()).isEqualTo(200);
        }
    }
}
