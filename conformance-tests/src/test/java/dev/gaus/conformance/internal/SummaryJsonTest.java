package dev.gaus.conformance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SummaryJsonTest {

    @Test
    void theServerUrl_losesItsUserInfoQueryAndFragment() {
        assertThat(SummaryJson.withoutCredentials(URI.create("https://user:pa55@gaus.example.com:8443/api?key=k#x")))
                .isEqualTo("https://gaus.example.com:8443/api");
        assertThat(SummaryJson.withoutCredentials(URI.create("http://127.0.0.1:8080")))
                .isEqualTo("http://127.0.0.1:8080");
    }
}
