package dev.gaus.conformance.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The kit's version, as the build wrote it: {@code summary.json} and {@code --version} say which kit judged. */
public final class KitVersion {
    private static final String VERSION = read();

    private KitVersion() {}

    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = KitVersion.class.getResourceAsStream("kit.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kit's version", e);
        }
    }
}
