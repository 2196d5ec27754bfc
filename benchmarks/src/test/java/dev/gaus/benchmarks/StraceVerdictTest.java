package dev.gaus.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The parser of {@code strace/check-fsync.sh} on its test logs: the order of the WAL's fsync and
 * the registration's 200 as the server really showed it, and two doctored copies it must refuse.
 */
class StraceVerdictTest {
    private static final Path STRACE = Path.of("strace");

    @ParameterizedTest
    @CsvSource({
        "register-ok.strace, 0, PASS: fsync(11) of gaus.db-wal",
        "register-fsync-after-answer.strace, 1, 0.131 ms after the answer started",
        "register-fsync-of-main-db.strace, 1, before any fsync/fdatasync of gaus.db-wal",
    })
    void parser_passesOnlyAnAnswerWrittenAfterTheWalsFsync(String log, int status, String verdict) throws Exception {
        assumeTrue(Files.isRegularFile(STRACE.resolve("fsync-order.awk")), "run from the benchmarks module");
        Process awk;
        try {
            awk = new ProcessBuilder("awk", "-f", STRACE.resolve("fsync-order.awk").toString(),
                    STRACE.resolve("testdata").resolve(log).toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "no awk on this machine");
            return;
        }
        assertThat(awk.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String out = new String(awk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).contains(verdict);
        assertThat(awk.exitValue()).isEqualTo(status);
    }
}
