package dev.gaus.server.testing;

import dev.gaus.server.internal.cli.ServerCli;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the admin CLI in-process, as an operator would from a shell. */
public final class Cli {
    private Cli() {}

    public record Run(int code, String out, String err) {
        /** The output, failing the test unless the command succeeded. */
        public String ok() {
            if (code != 0) {
                throw new AssertionError("exit " + code + ": " + err);
            }
            return out;
        }
    }

    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ServerCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }
}
