package dev.gaus.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.ServerFixture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StalledClientsTest {
    /** Generous: the point is "answers while hundreds stall", not how fast. */
    private static final long BOUND_SECONDS = 5;

    @Test
    void hundredsOfStalledClients_doNotDelayAnHonestOne() throws Exception {
        try (ServerFixture f = ServerFixture.start()) {
            Api api = f.api();
            URI url = f.server().url();
            List<Socket> stalled = new ArrayList<>();
            try {
                // Half a request header, then nothing.
                for (int i = 0; i < 300; i++) {
                    stalled.add(open(url, "GET /health HTTP/1.1\r\nHost: x\r\nX-Partial: aaaa"));
                }
                // A complete header promising a body that never comes.
                for (int i = 0; i < 300; i++) {
                    stalled.add(open(url, "POST /register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 1000\r\n\r\n{\"deviceId\":"));
                }
                // Give the server a moment to have parsed what each sent.
                Thread.sleep(200);

                HttpResponse<String> health = CompletableFuture.supplyAsync(() -> api.get("/health"))
                        .get(BOUND_SECONDS, TimeUnit.SECONDS);
                assertThat(health.statusCode()).isEqualTo(200);
                HttpResponse<String> register = CompletableFuture.supplyAsync(() -> api.register("honest", f.product()))
                        .get(BOUND_SECONDS, TimeUnit.SECONDS);
                assertThat(register.statusCode()).isEqualTo(200);
                // The stalled clients were held, not simply turned away: none got an answer.
                for (Socket s : stalled) {
                    assertThat(s.getInputStream().available()).isZero();
                }
            } finally {
                for (Socket s : stalled) {
                    s.close();
                }
            }
        }
    }

    private static Socket open(URI url, String partial) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5000);
        s.getOutputStream().write(partial.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }
}
