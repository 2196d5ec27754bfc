package dev.gaus.core.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gaus.core.Credentials;
import dev.gaus.core.SecretHasher;
import dev.gaus.core.message.AuthParameters;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CredentialsTest {
    @Test
    void newKeyPair_gives64LowercaseHexCharactersPerKey() {
        AuthParameters keys = Credentials.newKeyPair();

        assertThat(keys.accessKey()).matches("[0-9a-f]{64}");
        assertThat(keys.secretKey()).matches("[0-9a-f]{64}");
        assertThat(keys.accessKey()).isNotEqualTo(keys.secretKey());
        assertThat(Credentials.isWellFormedKey(keys.accessKey())).isTrue();
        assertThat(Credentials.isWellFormedKey(keys.accessKey().toUpperCase())).isFalse();
    }

    @Test
    void newKeyPair_fromManyThreads_neverRepeatsAKey() throws InterruptedException {
        Set<String> keys = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 2_000; i++) {
                    AuthParameters pair = Credentials.newKeyPair();
                    keys.add(pair.accessKey());
                    keys.add(pair.secretKey());
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(keys).hasSize(8 * 2_000 * 2);
    }

    @Test
    void newKeyPair_usesEveryHexDigitRoughlyEvenly() {
        int[] counts = new int[16];
        for (int i = 0; i < 2_000; i++) {
            for (char c : Credentials.newKey().toCharArray()) {
                counts[Character.digit(c, 16)]++;
            }
        }
        // 128 000 digits: each of the 16 expected 8 000 times; a broken encoder or source is far off.
        for (int count : counts) {
            assertThat(count).isBetween(7_000, 9_000);
        }
    }

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
        java.util.Arrays.fill(key, (byte) 0xaa);
        SecretHasher hasher = new SecretHasher(key);

        assertThat(hasher.hash("Test Using Larger Than Block-Size Key - Hash Key First"))
                .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }
}
