package dev.gaus.server.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.GausJson;
import dev.gaus.core.KeyValueFile;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.Problem;
import dev.gaus.core.message.RegisterResponse;
import dev.gaus.server.GausServer;
import dev.gaus.server.internal.cli.ServerCli;
import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.MutableClock;
import dev.gaus.server.testing.RawHttp;
import dev.gaus.server.testing.ServerFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The 429 rule over real sockets, with loopback source addresses (127.0.0.2, 127.0.0.3, ...)
 * playing clients on different addresses. Default limits: 20 distinct wrong secrets per key and
 * address, 100 failed keys per address, windows of 10 minutes.
 */
class ThrottlingTest {
    private static final int GUESS_LIMIT = GausServer.DEFAULT_AUTH_GUESS_LIMIT;
    private static final int SPRAY_LIMIT = GausServer.DEFAULT_AUTH_SPRAY_LIMIT;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
    private ServerFixture fixture;
    private AuthParameters product;

    @BeforeEach
    void start() {
        fixture = ServerFixture.start(GausServer.builder().clock(clock));
        product = fixture.product();
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void distinctWrongDeviceSecrets_stopThatKeyFromThatAddress_evenWithTheRightSecret() {
        AuthParameters device = from("127.0.0.2").registerOk("guessed", product);
        Client guesser = from("127.0.0.3");
        for (int i = 1; i <= GUESS_LIMIT; i++) {
            assertThat(guesser.authenticate(wrong(device, i)).status()).as("guess %d", i).isEqualTo(401);
        }
        RawHttp.Response stopped = guesser.authenticate(device);
        assertThrottled(stopped, DEFAULT_WINDOW_SECONDS);
        assertThat(stopped.body()).doesNotContain(device.secretKey());
        assertThat(guesser.authenticate(wrong(device, 999)).status()).isEqualTo(429);

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(guesser.authenticate(device).status()).as("after the window").isEqualTo(200);
    }

    @Test
    void distinctWrongProductSecrets_stopThatProductKeyFromThatAddress_evenWithTheRightSecret() {
        Client guesser = from("127.0.0.2");
        for (int i = 1; i <= GUESS_LIMIT; i++) {
            assertThat(guesser.register("d", wrong(product, i)).status()).as("guess %d", i).isEqualTo(401);
        }
        assertThrottled(guesser.register("d", product), DEFAULT_WINDOW_SECONDS);
    }

    @Test
    void oneStaleSecretRetried80Times_isNotGuessing_andTheRightSecretStillRegisters() {
        Client station = from("127.0.0.2");
        AuthParameters stale = wrong(product, 0);
        for (int i = 1; i <= 80; i++) {
            assertThat(station.register("board-" + i, stale).status()).as("retry %d", i).isEqualTo(401);
        }
        assertThat(station.register("board-ok", product).status()).isEqualTo(200);

        // The stale secret used one of the key's 20: 19 more distinct ones are still answered 401.
        for (int i = 1; i < GUESS_LIMIT; i++) {
            assertThat(station.register("d", wrong(product, i)).status()).as("guess %d", i).isEqualTo(401);
        }
        assertThat(station.register("d", product).status()).isEqualTo(429);
    }

    @Test
    void aRevokedDeviceRetryingItsSecret_doesNotStopItsAddress() {
        Client gateway = from("127.0.0.2");
        AuthParameters device = gateway.registerOk("revoked", product);
        String guid = fixture.api().authenticateOk(device).deviceGUID();
        assertThat(run("device", "revoke", "--guid", guid)).isZero();
        for (int i = 1; i <= 80; i++) {
            assertThat(gateway.authenticate(device).status()).as("retry %d", i).isEqualTo(401);
        }
        AuthParameters fresh = gateway.registerOk("fresh", product);
        assertThat(gateway.authenticate(fresh).status()).isEqualTo(200);
    }

    @Test
    void manyUnknownAccessKeysFromOneAddress_endIn429_butKeysThatSucceededThereKeepWorking() {
        Client nat = from("127.0.0.4");
        AuthParameters proven = nat.registerOk("proven", product);
        assertThat(nat.authenticate(proven).status()).isEqualTo(200);
        AuthParameters elsewhere = from("127.0.0.5").registerOk("registered-elsewhere", product);

        int firstRefusal = 0;
        for (int i = 1; i <= 400 && firstRefusal == 0; i++) {
            int status = nat.authenticate(new AuthParameters("unknown-key-" + i, "secret-" + i)).status();
            if (status == 429) {
                firstRefusal = i;
            } else {
                assertThat(status).as("sprayed key %d", i).isEqualTo(401);
            }
        }
        assertThat(firstRefusal).as("the first 429").isEqualTo(SPRAY_LIMIT + 1);
        assertThrottled(nat.authenticate(new AuthParameters("unknown-key-x", "secret")), DEFAULT_WINDOW_SECONDS);

        assertThat(nat.authenticate(proven).status()).as("a device that authenticated here").isEqualTo(200);
        assertThat(nat.register("another", product).status()).as("the product key that registered here")
                .isEqualTo(200);
        assertThat(nat.authenticate(elsewhere).status()).as("a key never proven here").isEqualTo(429);
        assertThat(from("127.0.0.5").authenticate(elsewhere).status()).as("from its own address").isEqualTo(200);

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(nat.authenticate(elsewhere).status()).as("after the window").isEqualTo(200);
    }

    @Test
    void afterGuessingAndSprayingFromOneAddress_neighboursAreAnsweredNormally() {
        AuthParameters other = createProduct("other-product");
        Client shared = from("127.0.0.6");
        AuthParameters neighbour = shared.registerOk("neighbour", other);
        assertThat(shared.authenticate(neighbour).status()).isEqualTo(200);

        // Guessing the demo product's secret from the shared address, then retrying a stale one.
        int guesses = 0;
        while (shared.register("d", wrong(product, ++guesses)).status() != 429) {
            assertThat(guesses).as("guesses before a 429").isLessThanOrEqualTo(GUESS_LIMIT + 1);
        }
        for (int i = 0; i < 30; i++) {
            shared.register("d", wrong(product, 1));
        }
        assertThat(shared.register("other-1", other).status()).as("another product from that address").isEqualTo(200);
        assertThat(shared.authenticate(neighbour).status()).as("a device from that address").isEqualTo(200);
        assertThat(from("127.0.0.7").register("elsewhere", product).status()).as("that key from another address")
                .isEqualTo(200);

        // Then spraying from it: keys that proved themselves there still work.
        int sprayed = 0;
        while (shared.authenticate(new AuthParameters("sprayed-" + ++sprayed, "x")).status() != 429) {
            assertThat(sprayed).as("keys sprayed before a 429").isLessThanOrEqualTo(SPRAY_LIMIT + 1);
        }
        assertThat(shared.register("other-2", other).status()).isEqualTo(200);
        assertThat(shared.authenticate(neighbour).status()).isEqualTo(200);
        assertThat(from("127.0.0.7").register("elsewhere-2", product).status()).isEqualTo(200);
    }

    @Test
    void aFuzzingPass_thenAFactoryRunFromTheSameMachine_isAnsweredNormally() {
        Api api = fixture.api();
        for (int i = 0; i < 10; i++) {
            assertThat(api.post("/register", "{\"deviceId\":" + i + "}").statusCode()).isEqualTo(400);
            assertThat(api.register("fuzz-" + i, wrong(product, i)).statusCode()).isEqualTo(401);
            assertThat(api.register("fuzz-" + i, new AuthParameters("fuzz-key-" + i, product.secretKey())).statusCode())
                    .isEqualTo(401);
        }
        for (int i = 1; i <= 1600; i++) {
            assertThat(api.register("board-" + i, product).statusCode()).as("registration %d", i).isEqualTo(200);
        }
    }

    @Test
    void limitsOfZero_turnThrottlingOff() {
        try (ServerFixture off = ServerFixture.start(GausServer.builder().authGuessLimit(0).authSprayLimit(0))) {
            AuthParameters keys = off.product();
            Api api = off.api();
            for (int i = 1; i <= 150; i++) {
                assertThat(api.authenticate(new AuthParameters("unknown-" + i, "s-" + i)).statusCode()).isEqualTo(401);
                assertThat(api.register("d", wrong(keys, i)).statusCode()).isEqualTo(401);
            }
            assertThat(api.register("d", keys).statusCode()).isEqualTo(200);
        }
    }

    private static final long DEFAULT_WINDOW_SECONDS = Duration.ofMinutes(10).toSeconds();

    private static void assertThrottled(RawHttp.Response response, long maxRetryAfter) {
        assertThat(response.status()).isEqualTo(429);
        assertThat(response.header("Content-Type")).startsWith(Problem.MEDIA_TYPE);
        assertThat(GausJson.decode(response.body(), Problem.class).status()).isEqualTo(429);
        assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, maxRetryAfter);
    }

    private static AuthParameters wrong(AuthParameters keys, int n) {
        return new AuthParameters(keys.accessKey(), "wrong-secret-" + n);
    }

    private AuthParameters createProduct(String name) {
        StringWriter out = new StringWriter();
        assertThat(ServerCli.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "product",
                "create", "--name", name, "--data-dir", fixture.dataDir().toString())).isZero();
        Map<String, String> values = KeyValueFile.parse(out.toString(), "output");
        return new AuthParameters(values.get(KeyValueFile.PRODUCT_ACCESS_KEY), values.get(KeyValueFile.PRODUCT_SECRET_KEY));
    }

    private int run(String... args) {
        String[] withStore = Arrays.copyOf(args, args.length + 2);
        withStore[args.length] = "--data-dir";
        withStore[args.length + 1] = fixture.dataDir().toString();
        return ServerCli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true),
                withStore);
    }

    private Client from(String address) {
        return new Client(address);
    }

    /** Requests from one loopback source address, each on its own connection. */
    private final class Client {
        private final String address;

        Client(String address) {
            this.address = address;
        }

        RawHttp.Response register(String deviceId, AuthParameters keys) {
            return post("/register", Api.registerBody(deviceId, keys));
        }

        AuthParameters registerOk(String deviceId, AuthParameters keys) {
            RawHttp.Response r = register(deviceId, keys);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            return GausJson.decode(r.body(), RegisterResponse.class).deviceAuthParameters();
        }

        RawHttp.Response authenticate(AuthParameters keys) {
            return post("/authenticate", Api.authenticateBody(keys));
        }

        private RawHttp.Response post(String path, String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + bytes.length + "\r\nConnection: close\r\n\r\n";
            return RawHttp.exchange(fixture.api().url(), (head + body).getBytes(StandardCharsets.UTF_8), address);
        }
    }
}
