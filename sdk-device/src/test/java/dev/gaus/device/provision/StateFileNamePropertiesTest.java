package dev.gaus.device.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gaus.device.Provisioner;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The state file name of a deviceId: always a safe name, one per id, and the id can be read back. */
class StateFileNamePropertiesTest {
    @Provide
    Arbitrary<String> deviceIds() {
        // Any code point a vendor could put in an id (ASCII, Latin, CJK, emoji, file-system specials).
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("aZ09._-/\\:%* ?\"<>|").ofMinLength(1).ofMaxLength(40),
                Arbitraries.strings().all().excludeChars('\u0000').ofMinLength(1).ofMaxLength(40));
    }

    @Property(tries = 1000)
    void name_isSafe_andReadsBackAsTheSameId_orTheIdIsRefusedAsTooLong(@ForAll("deviceIds") String id) {
        Assume.that(isWellFormed(id));
        if (nameLength(id) > 255) {
            assertThatThrownBy(() -> Provisioner.stateFileName(id)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("more than the 255");
            return;
        }
        String name = Provisioner.stateFileName(id);

        assertThat(name).hasSize(nameLength(id)).matches("[A-Za-z0-9._%-]+\\.data").doesNotStartWith(".");
        assertThat(Provisioner.deviceIdOf(name)).contains(id);
    }

    @Property(tries = 1000)
    void twoIds_neverShareAName(@ForAll("deviceIds") String a, @ForAll("deviceIds") String b) {
        Assume.that(!a.equals(b) && isWellFormed(a) && isWellFormed(b) && nameLength(a) <= 255
                && nameLength(b) <= 255);

        assertThat(Provisioner.stateFileName(a)).isNotEqualTo(Provisioner.stateFileName(b));
    }

    /** The length the documented encoding gives: kept bytes 1, others 3 ({@code %XX}), and {@code .data}. */
    private static int nameLength(String id) {
        byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
        int n = ".data".length();
        for (int i = 0; i < bytes.length; i++) {
            char c = (char) (bytes[i] & 0xff);
            boolean kept = c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' && i > 0);
            n += kept ? 1 : 3;
        }
        return n;
    }

    @Property(tries = 500)
    void namesNotWrittenByTheEncoding_standForNoId(@ForAll("deviceIds") String name) {
        String file = name + ".data";
        Provisioner.deviceIdOf(file).ifPresent(id -> assertThat(Provisioner.stateFileName(id)).isEqualTo(file));
    }

    @Example
    void theDocumentedExamples() {
        assertThat(Provisioner.stateFileName("gw-0001")).isEqualTo("gw-0001.data");
        assertThat(Provisioner.stateFileName("gw/0001")).isEqualTo("gw%2F0001.data");
        assertThat(Provisioner.stateFileName(".hidden")).isEqualTo("%2Ehidden.data");
        assertThat(Provisioner.stateFileName("AA:BB:CC:00:11:22")).isEqualTo("AA%3ABB%3ACC%3A00%3A11%3A22.data");
        assertThat(Provisioner.deviceIdOf("gw%2f0001.data")).as("lower-case hex is not the encoding's").isEmpty();
        assertThat(Provisioner.deviceIdOf("gw%2D1.data")).as("a kept character written as %XX").isEmpty();
        assertThat(Provisioner.deviceIdOf(".data")).isEmpty();
        assertThat(Provisioner.deviceIdOf("x.txt")).isEmpty();
    }

    /** Lone surrogates have no UTF-8 form: no vendor's id holds one. */
    private static boolean isWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
