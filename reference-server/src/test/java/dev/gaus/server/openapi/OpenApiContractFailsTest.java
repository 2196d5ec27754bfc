package dev.gaus.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gaus.core.GausJson;
import dev.gaus.core.message.AuthParameters;
import dev.gaus.core.message.AuthenticateResponse;
import dev.gaus.core.message.RegisterResponse;
import dev.gaus.server.testing.Api;
import dev.gaus.server.testing.ServerFixture;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenApiContract} reports what differs: real exchanges that conform to
 * {@code docs/openapi.yaml} are checked against a copy of it changed in one place, and the
 * failure names that place, without printing a token or a key.
 */
class OpenApiContractFailsTest {
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

    /** The document with {@code original} (found exactly once) replaced. */
    private static OpenApiContract changed(String original, String replacement) throws IOException {
        String text = Files.readString(OpenApiContract.DOCUMENT);
        assertThat(text.split(Pattern.quote(original), -1).length - 1).as("times the document has " + original)
                .isOne();
        Path copy = Files.createTempFile(fixture.dataDir(), "openapi-changed", ".yaml");
        Files.writeString(copy, text.replace(original, replacement));
        return OpenApiContract.load(copy);
    }

    private static String failure(OpenApiContract contract, HttpResponse<?> response) {
        OpenApiContract.load().assertConforms(response); // the real document agrees with the server
        Throwable thrown = catchFailure(contract, response);
        assertThat(thrown.getMessage()).doesNotContain(product.secretKey());
        return thrown.getMessage();
    }

    private static Throwable catchFailure(OpenApiContract contract, HttpResponse<?> response) {
        try {
            contract.assertConforms(response);
        } catch (AssertionError e) {
            return e;
        }
        throw new AssertionError("the changed document was not reported");
    }

    @Test
    void aBodyConstantThatDiffers_isNamedWithItsJsonPath() throws IOException {
        OpenApiContract contract = changed("          type: string\n          const: ok\n",
                "          type: string\n          const: fine\n");
        assertThat(failure(contract, api.get("/health")))
                .contains("GET /health -> 200", "body $.status: must be the constant value 'fine'");
    }

    @Test
    void aFieldOfAnotherType_isReported_andNoKeyIsPrinted() throws IOException {
        OpenApiContract contract = changed("in seconds (positive, 64-bit).\n      type: integer\n",
                "in seconds (positive, 64-bit).\n      type: string\n");
        HttpResponse<String> registered = api.register("fails-1", product);
        String message = failure(contract, registered);
        assertThat(message).contains("POST /register -> 200", "body $.pollIntervalSeconds: integer found, string expected");
        AuthParameters issued = GausJson.decode(registered.body(), RegisterResponse.class).deviceAuthParameters();
        assertThat(message).doesNotContain(issued.secretKey()).doesNotContain(issued.accessKey());
    }

    @Test
    void aHeaderThatDiffers_andAStatusNotDeclared_areReported() throws IOException {
        AuthenticateResponse session = api.authenticateOk(api.registerOk("fails-2", product));
        String path = Api.devicePath(session, "check-for-updates");
        HttpResponse<String> offered = api.get(path, "Authorization", "Bearer " + session.token());
        OpenApiContract etag = changed("pattern: '^W/\"[0-9a-f]{32}\"$'", "pattern: '^W/\"[0-9a-f]{40}\"$'");
        assertThat(failure(etag, offered)).contains("header ETag $: does not match the regex pattern")
                .doesNotContain(session.token());

        HttpResponse<String> notModified = api.get(path, "Authorization", "Bearer " + session.token(),
                "If-None-Match", offered.headers().firstValue("ETag").orElseThrow());
        OpenApiContract no304 = changed("        '304':\n          description: >-\n            `If-None-Match` names",
                "        '399':\n          description: >-\n            `If-None-Match` names");
        assertThat(failure(no304, notModified)).contains("status 304 is not declared");
    }

    @Test
    void aRequestTheDocumentRefuses_isReported() throws IOException {
        OpenApiContract contract = changed("        minLength: 1\n        maxLength: 255\n",
                "        minLength: 1\n        maxLength: 3\n");
        assertThat(failure(contract, api.register("fails-3", product, "Idempotency-Key", "fails-key")))
                .contains("parameter Idempotency-Key (header) $: must be at most 3 characters long");
        AuthParameters device = GausJson.decode(api.register("fails-4", product).body(),
                RegisterResponse.class).deviceAuthParameters();
        assertThatThrownBy(() -> OpenApiContract.load().assertRefusedAsDocumented(api.authenticate(device)))
                .hasMessageContaining("the document allows this request");
    }
}
