package dev.gaus.core.credential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.Credentials;
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
}
