package dev.gaus.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gaus.server.testing.ServerFixture;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code GET /openapi.json} is {@code docs/openapi.yaml}, whole, as JSON. */
class OpenApiServedTest {
    @Test
    void openapiJson_isTheDocumentOfTheRepository() throws Exception {
        try (ServerFixture fixture = ServerFixture.start()) {
            HttpResponse<String> r = fixture.api().get("/openapi.json");

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonNode served = new ObjectMapper().readTree(r.body());
            JsonNode document = new YAMLMapper().readTree(OpenApiDocumentTest.DOCUMENT.toFile());
            assertThat(served).isEqualTo(document);
            assertThat(served.path("paths").has("/register")).isTrue();
            assertThat(fixture.api().post("/openapi.json", "{}").statusCode()).isEqualTo(405);
        }
    }
}
