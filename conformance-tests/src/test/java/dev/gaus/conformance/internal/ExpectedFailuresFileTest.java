package dev.gaus.conformance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gaus.conformance.KitException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectedFailuresFileTest {

    @Test
    void parse_readsOneIdPerLine_withItsReason_skippingBlankLinesAndComments() {
        Map<String, String> expected = ExpectedFailuresFile.parse(List.of(
                "# known failures of our server",
                "",
                "register-answer   # sends pollInterval only (ticket 7)",
                "  etag-weak",
                "   # an indented comment",
                "token-claims#no space before the hash"), "xfail.txt");

        assertThat(expected).containsExactly(Map.entry("register-answer", "sends pollInterval only (ticket 7)"),
                Map.entry("etag-weak", ""), Map.entry("token-claims", "no space before the hash"));
    }

    @Test
    void parse_refusesTwoWordsOnALine_andAnIdListedTwice() {
        assertThatThrownBy(() -> ExpectedFailuresFile.parse(List.of("register-answer etag-weak"), "xfail.txt"))
                .isInstanceOf(KitException.class).hasMessage("xfail.txt line 1: one scenario ID per line, "
                        + "with an optional # reason after it");
        assertThatThrownBy(() -> ExpectedFailuresFile.parse(List.of("etag-weak", "", "etag-weak # again"), "x"))
                .isInstanceOf(KitException.class).hasMessage("x line 3: etag-weak is listed twice");
    }
}
