/**
 * The GAUS device SDK: {@link dev.gaus.device.GausClient} (one call per endpoint) and
 * {@link dev.gaus.device.GausDevice} (register once, sessions, polling, reports).
 *
 * <p>The command line tool in {@code dev.gaus.device.cli} needs picocli, which is optional: a
 * vendor embedding the library does not carry it.
 */
module dev.gaus.device {
    requires transitive dev.gaus.core;
    requires com.fasterxml.jackson.core;
    requires java.net.http;
    requires static info.picocli;
    requires static java.logging;

    exports dev.gaus.device;

    opens dev.gaus.device.cli to info.picocli;
}
