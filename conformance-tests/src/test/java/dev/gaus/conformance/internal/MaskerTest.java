package dev.gaus.conformance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskerTest {
    private final Masker masker = new Masker();

    @Test
    void mask_hidesTheValueOfEverySecretKeyField() {
        assertThat(masker.mask("{\"accessKey\":\"a1\",\"secretKey\" : \"s3cr3t-value\"}"))
                .isEqualTo("{\"accessKey\":\"a1\",\"secretKey\" : \"***\"}");
    }

    @Test
    void mask_hidesJwtsAndKnownSecretsWhereverTheyAppear() {
        masker.add("product-secret-123");
        assertThat(masker.mask("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln and product-secret-123 echoed"))
                .isEqualTo("token *** and *** echoed");
    }

    @Test
    void maskHeader_keepsTheSchemeOfAnAuthorizationHeader() {
        assertThat(masker.maskHeader("authorization", "Bearer abc.def.ghi")).isEqualTo("Bearer ***");
        assertThat(masker.maskHeader("Content-Type", "application/json")).isEqualTo("application/json");
    }
}
