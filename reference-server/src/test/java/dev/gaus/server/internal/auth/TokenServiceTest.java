package dev.gaus.server.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gaus.core.Credentials;
import dev.gaus.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Tokens are checked in full once, then remembered; the memory never outlives a token's expiry. */
class TokenServiceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final TokenService tokens = new TokenService(Credentials.randomBytes(32), Duration.ofMinutes(10), clock);

    @Test
    void verify_aRememberedToken_stillExpiresOnTime() throws Exception {
        String token = tokens.issue("p", "d", "device-1");
        assertThat(tokens.verify(token).deviceGuid()).isEqualTo("d");
        assertThat(tokens.verify(token).deviceId()).isEqualTo("device-1");

        clock.advance(Duration.ofMinutes(10));

        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(TokenService.InvalidTokenException.class);
        assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(TokenService.InvalidTokenException.class);
    }

    @Test
    void verify_aTokenChangedAfterItsOriginalWasVerified_isRefused() throws Exception {
        String token = tokens.issue("p", "d", "device-1");
        tokens.verify(token);
        int middleOfSignature = token.length() - 20;
        char c = token.charAt(middleOfSignature);
        String tampered = token.substring(0, middleOfSignature) + (c == 'A' ? 'B' : 'A')
                + token.substring(middleOfSignature + 1);
        String otherKey = new TokenService(Credentials.randomBytes(32), Duration.ofMinutes(10), clock)
                .issue("p", "d", "device-1");

        assertThatThrownBy(() -> tokens.verify(tampered)).isInstanceOf(TokenService.InvalidTokenException.class);
        assertThatThrownBy(() -> tokens.verify(otherKey)).isInstanceOf(TokenService.InvalidTokenException.class);
        assertThat(tokens.verify(token).productGuid()).isEqualTo("p");
    }

    @Test
    void verify_aSignatureSpelledDifferentlyButDecodingTheSame_isRefused() throws Exception {
        String token = tokens.issue("p", "d", "device-1");
        tokens.verify(token);
        // 32 bytes of HMAC take 43 base64url characters; the last one carries 2 spare bits.
        char last = token.charAt(token.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char sameBits = alphabet.charAt(alphabet.indexOf(last) ^ 1);
        String respelled = token.substring(0, token.length() - 1) + sameBits;

        assertThatThrownBy(() -> tokens.verify(respelled)).isInstanceOf(TokenService.InvalidTokenException.class);
    }

    @Test
    void verify_pastTheMemoryBound_keepsCheckingInFull() throws Exception {
        String first = tokens.issue("p", "d0", "device-0");
        tokens.verify(first);
        for (int i = 1; i <= TokenService.MAX_REMEMBERED; i++) {
            tokens.verify(tokens.issue("p", "d" + i, "device-" + i));
        }
        assertThat(tokens.verify(first).deviceGuid()).isEqualTo("d0");
        clock.advance(Duration.ofMinutes(11));
        assertThatThrownBy(() -> tokens.verify(first)).isInstanceOf(TokenService.InvalidTokenException.class);
    }
}
