package dev.gaus.device.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gaus.device.support.ScriptedServer;
import java.io.PrintWriter;
import java.io.StringWriter;

/** The outcome of one command line: exit code, stdout and stderr. */
record CliRun(int exitCode, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    CliRun showsNoSecret(String... more) {
        for (String secret : new String[] {ScriptedServer.PRODUCT_SECRET, ScriptedServer.DEVICE_SECRET}) {
            assertThat(out).doesNotContain(secret);
            assertThat(err).doesNotContain(secret);
        }
        for (String secret : more) {
            assertThat(out).doesNotContain(secret);
            assertThat(err).doesNotContain(secret);
        }
        return this;
    }

    /** An error: exactly one line on stderr, nothing on stdout. */
    CliRun failsWith(int code) {
        assertThat(exitCode).as("exit code; stderr: %s", err).isEqualTo(code);
        assertThat(err.strip()).as("stderr").isNotEmpty().doesNotContain("\n");
        assertThat(out).isEmpty();
        return this;
    }

    CliRun succeeds() {
        assertThat(exitCode).as("exit code; stderr: %s", err).isZero();
        assertThat(err).isEmpty();
        return this;
    }
}
