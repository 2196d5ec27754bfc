package dev.gaus.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code docs/openapi.yaml} is a valid OpenAPI 3.1 document and names every endpoint the server routes. */
class OpenApiDocumentTest {
    static final Path DOCUMENT = Path.of("..", "docs", "openapi.yaml");

    static SwaggerParseResult parse() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readLocation(DOCUMENT.toAbsolutePath().normalize().toString(), null, options);
    }

    @Test
    void theDocument_parsesAsOpenApi31_withoutAnyMessage() {
        assertThat(DOCUMENT).exists();
        SwaggerParseResult result = parse();
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
    }

    @Test
    void theDocument_namesEveryEndpointWithItsMethods() {
        OpenAPI api = parse().getOpenAPI();
        Map<String, PathItem> paths = api.getPaths();
        assertThat(paths).containsOnlyKeys("/health", "/register", "/authenticate",
                "/device/{productGUID}/{deviceGUID}/check-for-updates", "/device/{productGUID}/{deviceGUID}/report",
                "/download/{downloadToken}");
        assertThat(paths.get("/health").getGet()).isNotNull();
        assertThat(paths.get("/register").getPost().getResponses()).containsKeys("200", "400", "401", "413", "415",
                "422", "429");
        assertThat(paths.get("/authenticate").getPost().getResponses()).containsKeys("200", "400", "401", "429");
        assertThat(paths.get("/device/{productGUID}/{deviceGUID}/check-for-updates").getGet().getResponses())
                .containsKeys("200", "304", "401", "403");
        assertThat(paths.get("/device/{productGUID}/{deviceGUID}/report").getPost()).isNotNull();
        assertThat(paths.get("/download/{downloadToken}").getGet().getResponses()).containsKeys("200", "206", "416");
    }

    @Test
    void aBrokenDocument_isReported() throws Exception {
        Path broken = Files.createTempFile("openapi-broken", ".yaml");
        try {
            Files.writeString(broken, Files.readString(DOCUMENT).replace("openapi: 3.1.0", "openapi: 3.1.0\npaths: 7"));
            ParseOptions options = new ParseOptions();
            SwaggerParseResult result = new OpenAPIV3Parser().readLocation(broken.toString(), null, options);
            assertThat(result.getMessages()).isNotEmpty();
        } finally {
            Files.delete(broken);
        }
    }
}
