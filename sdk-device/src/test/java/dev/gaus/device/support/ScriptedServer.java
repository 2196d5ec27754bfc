package dev.gaus.device.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A WireMock server on an ephemeral port playing the GAUS server's side, shared by a test class
 * and reset before each test.
 */
public final class ScriptedServer implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
    public static final String PRODUCT_ACCESS = "product-access-key-1";
    public static final String PRODUCT_SECRET = "ProductSecret-0123456789-NeverPrintMe-abcdefghijklmnopqrstuvw";
    public static final String DEVICE_ACCESS = "a".repeat(64);
    public static final String DEVICE_SECRET = "5ec7e7" + "f".repeat(58);

    private WireMockServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(12)
                .jettyStopTimeout(100L));
        server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server.resetAll();
    }

    public WireMockServer wm() {
        return server;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /**
     * Writes {@code dir/bootstrap.conf} naming this server, the scripted product keys and the
     * deviceId {@code serial-0001}; returns it.
     */
    public Path writeBootstrap(Path dir) throws IOException {
        return Files.writeString(dir.resolve("bootstrap.conf"), "GAUS_URL=\"" + url() + "\"\nPRODUCT_ACCESS_KEY=\""
                + PRODUCT_ACCESS + "\"\nPRODUCT_SECRET_KEY=\"" + PRODUCT_SECRET + "\"\nDEVICEID=\"serial-0001\"\n");
    }

    /** Scripts {@code /register} to answer the scripted device keys with this poll interval. */
    public void stubRegister(long pollIntervalSeconds) {
        wm().stubFor(WireMock.post("/register").willReturn(WireMock.okJson(registerAnswer(pollIntervalSeconds))));
    }

    /** Scripts {@code /authenticate} to answer a token issued at {@code now} that lives {@code lifetime}; returns it. */
    public String stubAuthenticate(Instant now, Duration lifetime) {
        String token = Tokens.jwt(now, now.plus(lifetime), "j1");
        wm().stubFor(WireMock.post("/authenticate").willReturn(WireMock.okJson(authenticateAnswer(token))));
        return token;
    }

    public static String registerAnswer(long pollIntervalSeconds) {
        return "{\"pollIntervalSeconds\":" + pollIntervalSeconds + ",\"deviceAuthParameters\":{\"accessKey\":\""
                + DEVICE_ACCESS + "\",\"secretKey\":\"" + DEVICE_SECRET + "\"}}";
    }

    /** A register answer with new random keys each time, as a real server gives. */
    public static ResponseDefinitionBuilder freshRegisterAnswer(long pollIntervalSeconds) {
        return WireMock.okJson("{\"pollIntervalSeconds\":" + pollIntervalSeconds
                + ",\"deviceAuthParameters\":{\"accessKey\":\"{{randomValue length=64 type='HEXADECIMAL'}}\","
                + "\"secretKey\":\"{{randomValue length=64 type='HEXADECIMAL'}}\"}}").withTransformers("response-template");
    }

    public static String authenticateAnswer(String token) {
        return "{\"deviceGUID\":\"dev-guid-1\",\"productGUID\":\"prod-guid-1\",\"token\":\"" + token + "\"}";
    }

    public static final String UPDATES = "{\"updates\":[{\"updateId\":\"u-1\",\"updateType\":\"firmware\","
            + "\"version\":\"1.0.2\",\"packageType\":\"file\",\"downloadUrl\":\"https://cdn.example/fw-1.0.2.bin\","
            + "\"size\":5851822,\"md5\":\"0123456789abcdef0123456789abcdef\",\"metadata\":{\"toSha256\":\"ab\"}}]}";
}
