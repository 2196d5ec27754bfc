package dev.gaus.server.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gaus.core.Credentials;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SecretHasherTest {
    @Test
    void secretHasher_verifiesOnlyTheSecretItHashed() {
        SecretHasher hasher = new SecretHasher(Credentials.randomBytes(32));
        String hash = hasher.hash("the-secret");

        assertThat(hash).matches("[0-9a-f]{64}").doesNotContain("the-secret");
        assertThat(hasher.verify("the-secret", hash)).isTrue();
        assertThat(hasher.verify("the-secreT", hash)).isFalse();
        assertThat(hasher.verify("the-secret", hash.substring(1))).isFalse();
        assertThat(hasher.verify("the-secret", null)).isFalse();
    }

    @Test
    void secretHasher_dependsOnTheServerKey() {
        SecretHasher one = new SecretHasher(Credentials.randomBytes(32));
        SecretHasher two = new SecretHasher(Credentials.randomBytes(32));

        assertThat(one.hash("s")).isNotEqualTo(two.hash("s"));
        assertThat(one.hash("s")).isEqualTo(one.hash("s"));
        assertThat(one.toString()).contains("redacted");
    }

    @Test
    void secretHasher_refusesShortKeys() {
        assertThatThrownBy(() -> new SecretHasher(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secretHasher_matchesTheRfc4231TestVector() {
        // RFC 4231 test case 2 uses a short key; test case 6 has a 131-byte key, which we accept.
        byte[] key = new byte[131];
        Arrays.fill(key, (byte) 0xaa);
        SecretHasher hasher = new SecretHasher(key);

        assertThat(hasher.hash("Test Using Larger Than Block-Size Key - Hash Key First"))
                .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }
}
