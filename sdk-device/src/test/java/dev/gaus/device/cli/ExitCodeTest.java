package dev.gaus.device.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.core.KeyValueFormatException;
import dev.gaus.device.GausClientException;
import dev.gaus.device.GausClientException.Reason;
import dev.gaus.device.GausServiceException;
import dev.gaus.device.GausTlsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Each failure has its exit code, and a failure nobody foresaw (a bug) is told as one, not as a file problem. */
class ExitCodeTest {
    private static final String SECRET = "NeverPrintMe-5ec7e7";

    @Test
    void of_anUnexpectedException_isAnInternalError_notALocalFileProblem() {
        assertThat(ExitCode.of(new NullPointerException())).isEqualTo(6);
        assertThat(ExitCode.of(new ClassCastException())).isEqualTo(6);
        assertThat(ExitCode.of(new UnsupportedOperationException())).isEqualTo(6);
    }

    @Test
    void of_foreseenFailures_keepTheirCodes() {
        assertThat(ExitCode.of(new GausServiceException("refused", 401, null, null))).isEqualTo(1);
        assertThat(ExitCode.of(new GausServiceException("busy", 503, null, null))).isEqualTo(3);
        assertThat(ExitCode.of(new GausClientException(Reason.CONNECTION, "down"))).isEqualTo(3);
        assertThat(ExitCode.of(new GausTlsException(GausTlsException.Check.EXPIRED, "expired", null))).isEqualTo(3);
        assertThat(ExitCode.of(new GausClientException(Reason.MALFORMED_RESPONSE, "garbled"))).isEqualTo(5);
        assertThat(ExitCode.of(new GausClientException(Reason.LOCAL_STATE, "unreadable"))).isEqualTo(4);
        assertThat(ExitCode.of(new KeyValueFormatException("bootstrap.conf", 3, "expected KEY=VALUE"))).isEqualTo(4);
        assertThat(ExitCode.of(new LocalFileException("no such file"))).isEqualTo(4);
        assertThat(ExitCode.of(new UncheckedIOException(new IOException("disk full")))).isEqualTo(4);
        assertThat(ExitCode.of(new IllegalArgumentException("--retry-for must be at least 1 second"))).isEqualTo(2);
    }

    @Test
    void aCommandFailingUnexpectedly_exits6WithOneLineSayingItIsABug_withoutTheExceptionsMessage() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        cli.addSubcommand(new Failing());

        int code = cli.execute("failing");

        assertThat(code).isEqualTo(6);
        assertThat(out.toString()).isEmpty();
        // The message of an exception nobody foresaw may hold anything read from a file: never printed.
        assertThat(err.toString().strip()).doesNotContain("\n").doesNotContain(SECRET)
                .startsWith("gaus-device failing: internal error")
                .contains("NullPointerException").contains(Failing.class.getSimpleName() + ".call");
    }

    @Command(name = "failing")
    static final class Failing implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new NullPointerException("the key " + SECRET + " was not expected here");
        }
    }
}
