package dev.gaus.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gaus.core.VersionScheme;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionSchemeTest {
    private static void assertOrdered(VersionScheme scheme, String... ascending) {
        List<String> shuffled = new ArrayList<>(List.of(ascending));
        Collections.shuffle(shuffled, new Random(42));
        shuffled.sort(scheme);
        assertThat(shuffled).containsExactly(ascending);
        for (int i = 1; i < ascending.length; i++) {
            assertThat(scheme.isNewer(ascending[i], ascending[i - 1])).as(ascending[i] + " > " + ascending[i - 1]).isTrue();
            assertThat(scheme.isNewer(ascending[i - 1], ascending[i])).isFalse();
        }
    }

    @Test
    void semver_followsSemanticVersioningPrecedence() {
        assertOrdered(VersionScheme.SEMVER, "0.9.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
                "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.2", "1.2.0", "1.10.0", "2.0.0");
    }

    @Test
    void semver_readsShortFormsAndIgnoresBuildMetadata() {
        assertThat(VersionScheme.SEMVER.compare("1.2", "1.2.0")).isZero();
        assertThat(VersionScheme.SEMVER.compare("1", "1.0.0")).isZero();
        assertThat(VersionScheme.SEMVER.compare("1.0.0+build.5", "1.0.0+build.9")).isZero();
    }

    @ParameterizedTest
    @CsvSource({"v1.0.0", "1.0.0.0", "01.0.0", "1.0.0-", "abc", "''"})
    void semver_refusesWhatIsNotASemanticVersion(String version) {
        assertThat(VersionScheme.SEMVER.isValid(version)).isFalse();
        assertThatThrownBy(() -> VersionScheme.SEMVER.compare(version, "1.0.0"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void number_comparesNumericValue() {
        assertOrdered(VersionScheme.NUMBER, "-1", "2", "9", "10", "10.5", "100");
        assertThat(VersionScheme.NUMBER.compare("1.50", "1.5")).isZero();
        assertThat(VersionScheme.NUMBER.isValid("1e5")).isFalse();
    }

    @Test
    void string_comparesCharacters() {
        assertOrdered(VersionScheme.STRING, "10", "9", "A", "a", "b");
    }

    @Test
    void alphanum_comparesDigitRunsAsNumbers() {
        assertOrdered(VersionScheme.ALPHANUM, "build-2", "build-9", "build-10", "build-10a", "build-100", "r1", "r1.2");
        assertThat(VersionScheme.ALPHANUM.compare("v007", "v7")).isZero();
        assertThat(VersionScheme.ALPHANUM.compare("v99999999999999999999999", "v100000000000000000000000")).isNegative();
    }

    @Test
    void of_readsNamesCaseInsensitivelyAndRefusesOthers() {
        assertThat(VersionScheme.of("SemVer")).isEqualTo(VersionScheme.SEMVER);
        assertThat(VersionScheme.of("alphanum")).isEqualTo(VersionScheme.ALPHANUM);
        assertThatThrownBy(() -> VersionScheme.of("date")).hasMessageContaining("semver, number, string or alphanum");
    }
}
