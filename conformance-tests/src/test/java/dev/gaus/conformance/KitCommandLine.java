package dev.gaus.conformance;

import dev.gaus.conformance.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the kit's command line in this JVM and keeps what it printed, for tests to read. */
final class KitCommandLine {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** The exit code {@code gaus-conformance.jar} would end with. */
    int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** Everything printed on standard output so far. */
    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Everything printed on standard error so far. */
    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
