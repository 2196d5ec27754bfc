package dev.gaus.device.cli;

import dev.gaus.core.GausException;
import dev.gaus.core.GausJsonException;
import dev.gaus.core.KeyValueFormatException;
import dev.gaus.device.GausClientException;
import dev.gaus.device.GausServiceException;
import dev.gaus.device.ProvisioningException;
import java.io.UncheckedIOException;

/** The exit codes of {@code gaus-device}, documented in the README and in {@code --help}. */
final class ExitCode {
    static final int OK = 0;
    /** The server refused the request (a 4xx answer other than 429). */
    static final int REFUSED = 1;
    /** The command line is wrong: unknown option, missing or malformed value. */
    static final int USAGE = 2;
    /** The server could not be reached or stayed unavailable (connection, timeout, 5xx, 429). */
    static final int UNAVAILABLE = 3;
    /** A local file (bootstrap, state, report body, CA) is missing, malformed or not writable. */
    static final int LOCAL = 4;
    /** The server's answer does not follow the protocol. */
    static final int BAD_ANSWER = 5;
    /** A failure none of the others foresaw: a bug in gaus-device. */
    static final int INTERNAL = 6;

    static final String HELP = "%nExit codes:%n"
            + "  0  done%n"
            + "  1  refused by the server (a 4xx answer other than 429)%n"
            + "  2  usage error%n"
            + "  3  server unreachable or unavailable (connection, TLS, timeout, 5xx, 429)%n"
            + "  4  local file problem (bootstrap, state, report file, CA certificate, device id list, out-dir)%n"
            + "  5  the server's answer does not follow the protocol, or an update was refused (signature, downgrade, digest)%n"
            + "  6  internal error: a bug in gaus-device (please report it)";

    private ExitCode() {}

    static int of(Throwable e) {
        if (e instanceof ProvisioningException) {
            // A stopped run ends as the failure that stopped it would.
            return of(e.getCause());
        }
        if (e instanceof GausServiceException) {
            return ((GausServiceException) e).isTransient() ? UNAVAILABLE : REFUSED;
        }
        if (e instanceof GausClientException) {
            switch (((GausClientException) e).reason()) {
                case CONNECTION:
                case TLS:
                case TIMEOUT:
                case INTERRUPTED:
                    return UNAVAILABLE;
                case MALFORMED_RESPONSE:
                    return BAD_ANSWER;
                default:
                    return LOCAL;
            }
        }
        if (e instanceof KeyValueFormatException || e instanceof GausJsonException || e instanceof LocalFileException) {
            return LOCAL;
        }
        if (e instanceof GausException) {
            return REFUSED;
        }
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            return USAGE;
        }
        if (e instanceof UncheckedIOException) {
            return LOCAL;
        }
        if (e instanceof InterruptedException) {
            return UNAVAILABLE;
        }
        return INTERNAL;
    }

    /**
     * The one line that tells a failure: its message, or for an {@link #INTERNAL} one where it
     * happened. The message of an exception nobody foresaw is left out: it may hold anything, such
     * as a value read from the state file.
     */
    static String describe(Throwable e) {
        if (of(e) != INTERNAL) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : Main.oneLine(e.getMessage());
        }
        StackTraceElement[] trace = e.getStackTrace();
        return "internal error, a bug in gaus-device (please report it): " + e.getClass().getSimpleName()
                + (trace.length == 0 ? "" : " at " + trace[0]);
    }
}
