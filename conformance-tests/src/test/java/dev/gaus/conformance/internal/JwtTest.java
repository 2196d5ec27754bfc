package dev.gaus.conformance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JwtTest {
    private static ObjectNode claims() {
        ObjectNode claims = Json.object();
        claims.put("sub", "p:d");
        claims.put("did", "unit-1");
        return claims;
    }

    @Test
    void forgedHs256_carriesTheSameClaimsUnderAnHs256Header() {
        String token = Jwt.forgedHs256(claims());

        assertThat(token.split("\\.")).hasSize(3);
        assertThat(Jwt.claims(token)).isEqualTo(claims());
        assertThat(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8))
                .contains("\"HS256\"");
        assertThat(Jwt.forgedHs256(claims())).as("a fresh random key each time").isNotEqualTo(token);
    }

    @Test
    void unsigned_hasAlgNoneAndAnEmptySignature() {
        String token = Jwt.unsigned(claims());

        assertThat(token).endsWith(".");
        assertThat(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8))
                .contains("\"none\"");
        assertThat(Jwt.claims(token)).isEqualTo(claims());
    }

    @Test
    void withClaims_keepsTheHeaderAndSignatureOfTheOriginal() {
        String original = Jwt.forgedHs256(claims());
        JsonNode other = Jwt.claimsOf(claims(), "p2", "d2", "unit-2");
        String rewritten = Jwt.withClaims(original, other);

        assertThat(rewritten.split("\\.")[0]).isEqualTo(original.split("\\.")[0]);
        assertThat(rewritten.split("\\.")[2]).isEqualTo(original.split("\\.")[2]);
        assertThat(Jwt.claims(rewritten).path("sub").asText()).isEqualTo("p2:d2");
        assertThat(Jwt.claims(rewritten).path("did").asText()).isEqualTo("unit-2");
    }

    @Test
    void claims_ofSomethingThatIsNotAJwt_failsTheScenario() {
        assertThatThrownBy(() -> Jwt.claims("not-a-jwt")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("three dot-separated parts");
    }
}
