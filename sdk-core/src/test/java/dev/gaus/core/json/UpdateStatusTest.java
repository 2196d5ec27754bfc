package dev.gaus.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.gaus.core.GausJson;
import dev.gaus.core.message.DataItem;
import org.junit.jupiter.api.Test;

class UpdateStatusTest {
    private static final String TS = "2026-06-01T08:00:00.000Z";

    @Test
    void anUpdateStatusWithALogLine_holdsItsValuesInTheDocumentedOrder() {
        DataItem item = DataItem.updateStatus(TS, "u-1", "verify", "failed", "sha-256 mismatch");
        assertThat(item.type()).isEqualTo(DataItem.UPDATE_STATUS_TYPE);
        assertThat(item.vStrings()).containsExactly(entry("phase", "verify"), entry("status", "failed"),
                entry("updateId", "u-1"), entry("logLine", "sha-256 mismatch"));
    }

    @Test
    void anUpdateStatusWithoutALogLine_hasNone() {
        assertThat(DataItem.updateStatus(TS, "u-1", "download", "success", null).vStrings()).doesNotContainKey("logLine");
        assertThat(DataItem.updateStatus(TS, "u-1", "download", "success", "").vStrings()).doesNotContainKey("logLine");
        assertThat(DataItem.updateStatus(TS, "u-1", "download", "success"))
                .isEqualTo(DataItem.updateStatus(TS, "u-1", "download", "success", null));
    }

    @Test
    void aTypeThatIsNoMessage_isRefusedByTheCodec() {
        assertThatThrownBy(() -> GausJson.encode("a string")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String");
        assertThatThrownBy(() -> GausJson.decode("{}", String.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a GAUS message type");
    }
}
