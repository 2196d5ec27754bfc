package dev.gaus.device.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.internal.TlsRefusal;
import dev.gaus.device.GausTlsException;
import dev.gaus.device.support.Tokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmallPartsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2015-10-21T07:28:00Z"), ZoneOffset.UTC);

    @Test
    void retryAfter_readsSecondsAndHttpDates() {
        assertThat(RetryAfter.parse("120", CLOCK)).isEqualTo(Duration.ofMinutes(2));
        assertThat(RetryAfter.parse(" 0 ", CLOCK)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:30 GMT", CLOCK)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", CLOCK)).isEqualTo(Duration.ZERO);
    }

    @Test
    void retryAfter_ignoresWhatItCannotRead() {
        assertThat(RetryAfter.parse(null, CLOCK)).isNull();
        assertThat(RetryAfter.parse("soon", CLOCK)).isNull();
        assertThat(RetryAfter.parse("-5", CLOCK)).isNull();
        assertThat(RetryAfter.parse("99999999999999999999", CLOCK)).isPositive();
    }

    @Test
    void query_percentEncodesReservedCharactersInOrder() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("firmware-version", "1.0.0+build 7");
        params.put("loc", "a&b=c/d?é");
        assertThat(Query.encode(params)).isEqualTo("firmware-version=1.0.0%2Bbuild%207&loc=a%26b%3Dc%2Fd%3F%C3%A9");
        assertThat(Query.encode(Map.of())).isEmpty();
    }

    @Test
    void query_canonicalFormIgnoresMapOrder() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("x", "1");
        a.put("a", "2");
        assertThat(Query.canonical(a)).isEqualTo(Query.canonical(Map.of("a", "2", "x", "1"))).isEqualTo("a=2&x=1");
    }

    @Test
    void jwt_readsIatAndExp() {
        Instant iat = Instant.parse("2026-01-01T00:00:00Z");
        Jwt.Times times = Jwt.times(Tokens.jwt(iat, iat.plusSeconds(3600), "x"));
        assertThat(times.issuedAt()).isEqualTo(iat);
        assertThat(times.expiresAt()).isEqualTo(iat.plusSeconds(3600));
    }

    @Test
    void jwt_whenNotAJwt_hasNoTimes() {
        for (String token : new String[] {"opaque", "a.b", "a.%%%.c", "a.bm90IGpzb24.c", "a.W10.c"}) {
            assertThat(Jwt.times(token)).isEqualTo(new Jwt.Times(null, null));
        }
    }

    @Test
    void everyTlsRefusalOfSdkCore_hasItsCheck_inTheSameWords() {
        for (TlsRefusal refusal : TlsRefusal.values()) {
            assertThat(GausTlsException.Check.valueOf(refusal.name()).description()).isEqualTo(refusal.description());
        }
        assertThat(GausTlsException.Check.values()).hasSameSizeAs(TlsRefusal.values());
    }
}
